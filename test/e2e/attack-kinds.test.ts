import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

describe('iomtsim run checks attack parameters against the protocol when the scenario loads', () => {
  it("exits 2 on a message kind the protocol never sends, naming the file position, the field, the protocol's kinds and what was found, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-kinds-'));
    const file = join(dir, 's.yaml');
    writeFileSync(file, [
      'name: bad-kinds',
      'duration: 2s',
      'consensus: { protocol: pbft, nodes: 4 }',
      'attacks:',
      '  - { type: delay-votes, replicas: [1], delay: 100ms, kinds: [prepare, pbft-commit] }',
      '',
    ].join('\n'));
    const out = join(dir, 'results');
    const r = await cli(['run', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `${file}:5:63: attacks.0.kinds.0: expected a message kind of pbft, one of pbft-pre-prepare, pbft-prepare, pbft-commit, pbft-checkpoint, pbft-view-change, pbft-new-view, pbft-status, pbft-fetch, pbft-blocks, found 'prepare'`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on a replica index outside the consortium before anything runs', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-e2e-kinds-')), 'results');
    const r = await cli(['run', 'scenarios/attacks/delay-votes.yaml', '--set', 'attacks.0.replicas=[7]', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('--set attacks.0.replicas=[7]: attacks.0.replicas.0: expected a replica index in 0..3, found 7');
    expect(existsSync(out)).toBe(false);
  });

  it('runs a scenario whose attack opens at its end, saying on stderr that the attack never acts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-kinds-'));
    const file = join(dir, 's.yaml');
    writeFileSync(file, 'name: late-attack\nduration: 1s\nconsensus: { protocol: pbft, nodes: 4 }\nattacks:\n  - { type: crash, start: 1s, replicas: [1] }\n');
    const r = await cli(['run', file, '--no-report', '--out', join(dir, 'results')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("iomtsim: attacks.0 (crash) starts at 1 s, at or after the run's end (duration 1 s): it never acts in this run\n");
  });

  it('says on stderr, after the run, that an attack whose window opened never acted: no grant commits on PoA in 100 s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-kinds-'));
    const r = await cli(['run', 'scenarios/attacks/consent-expired.yaml', '--set', 'consensus.protocol=poa', '--set', 'duration=100s', '--no-report', '--out', join(dir, 'results')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("iomtsim: attacks.0 (consent-misuse) never acted in this run: it recorded no ground truth between its start (60 s) and the run's end (100 s); it waits for the patient's consent grant, submitted at its start, to commit, which never happened in time, so its outcome metrics count nothing it did\n");
    expect(r.stdout).toContain('expect attack.consent_misuse.requests_after_end > 0: FAILED on the mean (observed 0, no 95 % CI from 1 replication, 1 of 1 replications break it)');
  });
});
