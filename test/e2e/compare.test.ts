import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-compare-'));
const SHORT = ['--set', 'duration=3s', '--set', 'warmup=0s', '--workers', '1', '--no-report'];

describe('iomtsim compare', () => {
  it('refuses runs of one replication with exit 2 and the reason, and tests runs of two paired', async () => {
    const runs = await Promise.all([
      cli(['run', 'scenarios/consortium.yaml', '--reps', '1', '--out', join(root, 'one-a'), ...SHORT]),
      cli(['run', 'scenarios/consortium.yaml', '--reps', '1', '--out', join(root, 'one-b'), ...SHORT]),
      cli(['run', 'scenarios/consortium.yaml', '--reps', '2', '--out', join(root, 'two-a'), ...SHORT]),
      cli(['run', 'scenarios/consortium.yaml', '--reps', '2', '--out', join(root, 'two-b'), ...SHORT]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);

    const single = await cli(['compare', join(root, 'one-a'), join(root, 'one-b'), '--out', join(root, 'cmp-one')]);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('expected at least 2 replications on each side');

    const paired = await cli(['compare', join(root, 'two-a'), join(root, 'two-b'), '--out', join(root, 'cmp-two'), '--json', '--threshold', '5%']);
    expect(paired.code).toBe(0);
    const record = JSON.parse(paired.stdout);
    expect(record).toMatchObject({ test: 'paired', threshold: 0.05, passed: true, worse: 0, out: join(root, 'cmp-two') });
  });

  it('fails (exit 1) on a run that broke a check the other passed, naming the check, though no metric tested worse', async () => {
    // Two replications: iomt.integrity_checks_invalid goes from 0 to 4.5 (raw p = 0.5, 2 of the 4
    // sign patterns: no smaller p exists with two pairs), not significant, where the check states the
    // breach outright. Only from six pairs (p = 2^-5 = 0.031) could the metric's change be significant.
    const tamper = ['run', 'scenarios/attacks/record-tamper.yaml', '--set', 'duration=2m', '--set', 'expect={}', '--reps', '2', '--workers', '1', '--no-report'];
    const runs = await Promise.all([
      cli([...tamper, '--set', 'attacks=[]', '--out', join(root, 'untampered')]),
      cli([...tamper, '--out', join(root, 'tampered')]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 1]);

    const r = await cli(['compare', join(root, 'untampered'), join(root, 'tampered'), '--out', join(root, 'cmp-tamper')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^compare: FAILED: 0 significantly worse, 0 significantly better, 1 check or expectation regressed /);
    expect(r.stdout).toContain('regressed (held in A, failed in B): record-tamper: check iomt.integrity (A: passed in 2 of 2 replications; B: failed in 2 of 2 replications');
  });

  it('pairs runs of the same seed and different replication counts on the seeds they share', async () => {
    const base = ['run', 'scenarios/consortium.yaml', '--seed', '1', ...SHORT];
    const runs = await Promise.all([cli([...base, '--reps', '2', '--out', join(root, 'seed1-two')]), cli([...base, '--reps', '3', '--out', join(root, 'seed1-three')])]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const r = await cli(['compare', join(root, 'seed1-two'), join(root, 'seed1-three'), '--out', join(root, 'cmp-seeds'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ test: 'paired', seeds: { shared: 2, onlyA: 0, onlyB: 1, sharedLeftOutOf: null } });
  });

  it('rejects a threshold that is not a percentage or a fraction (exit 2)', async () => {
    const r = await cli(['compare', 'a', 'b', '--threshold', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("--threshold ten: (flag): expected a percentage like '5%' or a fraction like '0.05', from 0 to 100 %, found 'ten'");
  });
});
