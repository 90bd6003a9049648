/** Load-time rules through the real CLI: `--dry-run` loads and validates, refusing bad input with exit code 2. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

const SHORT = ['--set', 'duration=5s', '--set', 'warmup=1s', '--dry-run'];
const twoSilentAt = (start: string): string[] => ['--set', `attacks=[{type: silence, start: ${start}, replicas: [0, 1]}]`];

describe('load-time rules, end to end', () => {
  it('runs an attack beyond the fault model that opens at the end of the run (exit 0): it never acts', async () => {
    const r = await cli(['run', 'scenarios/consortium.yaml', ...SHORT, ...twoSilentAt('5s')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('attacks.0 (silence) starts at 5 s, at or after the run\'s end (duration 5 s): it never acts in this run');
  });

  it('refuses the same attack opening before the end with exit 2, as outside the fault model', async () => {
    const r = await cli(['run', 'scenarios/consortium.yaml', ...SHORT, ...twoSilentAt('4s')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenarios/consortium.yaml:15:10: consensus.nodes: expected a scenario inside the byzantine fault model of pbft');
  });

  it('refuses an IoMT block too small for the largest transaction with exit 2, naming the field and both sizes', async () => {
    const r = await cli(['run', 'scenarios/hospital.yaml', '--set', 'consensus.blockSizeMax=300B', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      '--set consensus.blockSizeMax=300B: consensus.blockSizeMax: expected at least 445 B, a 96-byte block header and the largest transaction the IoMT application can submit (AnchorRegistry.anchor, a ward gateway anchoring a batch: up to 349 B), found 300 B',
    );
  });

  it('refuses an expectation on a metric the run cannot report (an IoMT metric of a consensus-only world) with exit 2, writing nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-expect-')), 'results');
    const r = await cli(['run', 'scenarios/consortium.yaml', '--set', 'duration=5s', '--set', 'warmup=1s', '--set', 'expect.iomt.readings_anchored=> 0', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('--set expect.iomt.readings_anchored=\'> 0\': expect.iomt.readings_anchored: expected a metric a scenario without `iomt:` reports (iomt.* and detect.* come only from an IoMT scenario; `iomtsim list metrics` lists the others), found \'iomt.readings_anchored\'');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses, in a sweep, an expectation one point cannot report, naming that point', async () => {
    const r = await cli(['sweep', 'scenarios/consortium.yaml', '--vary', 'consensus.protocol=poa,pbft', '--set', 'expect.poa.blocks=>= 1', ...SHORT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expect.poa.blocks: expected a metric of the scenario's protocol (poa.* come only from `consensus.protocol: poa`; this scenario runs pbft) at every point of the sweep, found 'poa.blocks', which the point consensus.protocol=pbft cannot report");
  });
});
