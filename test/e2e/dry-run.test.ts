import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-dry-'));

describe('iomtsim run --dry-run', () => {
  it('prints what a sweep would run, with every point, and writes nothing', async () => {
    const out = join(root, 'sweep');
    const r = await cli(['sweep', 'scenarios/consortium.yaml', '--vary', 'consensus.nodes=4,7', '--reps', '3', '--workers', '2', '--dry-run', '--json', '--out', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const dry = JSON.parse(r.stdout) as { valid: boolean; kind: string; points: unknown[]; replicationSeeds: number[]; tasks: number; workers: number; threads: number; durationsUs: number[] };
    expect(dry).toMatchObject({ valid: true, kind: 'sweep', points: [{ 'consensus.nodes': 4 }, { 'consensus.nodes': 7 }], tasks: 6, workers: 2, threads: 1, durationsUs: [60_000_000, 60_000_000] });
    expect(dry.replicationSeeds).toHaveLength(3);
    expect(existsSync(out)).toBe(false);
  });

  it("prints each point's simulated time where a sweep varies it, not the scenario's", async () => {
    const r = await cli(['sweep', 'scenarios/pbft.yaml', '--vary', 'duration=2s,30s', '--set', 'warmup=1s', '--dry-run']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('  2 s to 30 s simulated by point (warm-up 1 s); seeds');
    const json = await cli(['sweep', 'scenarios/pbft.yaml', '--vary', 'warmup=1s,3s', '--dry-run', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ durationsUs: [600_000_000, 600_000_000], warmupsUs: [1_000_000, 3_000_000] });
  });

  it('starts a sweep from its first point where the file and --set are refused only in a value the grid replaces', async () => {
    const r = await cli(['sweep', 'scenarios/pbft.yaml', '--vary', 'warmup=1s,3s', '--set', 'duration=10s', '--dry-run']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('  each 10 s simulated (warm-up 1 s to 3 s by point)');
    // A value no point replaces is refused at the first point: pbft.yaml's 10 s warm-up against a 10 s run.
    const still = await cli(['sweep', 'scenarios/pbft.yaml', '--vary', 'consensus.nodes=4,7', '--set', 'duration=10s', '--dry-run']);
    expect([still.code, still.stderr]).toEqual([2, 'scenarios/pbft.yaml:5:9: warmup: expected a warm-up shorter than duration (10 s), found 10 s (at the sweep point consensus.nodes=4)\n']);
    // A point refused for a value of its own is named, whatever the order of the dimensions.
    const point = await cli(['sweep', 'scenarios/pbft.yaml', '--vary', 'warmup=1s,3s', '--vary', 'consensus.nodes=0,4', '--set', 'duration=10s', '--dry-run']);
    expect([point.code, point.stderr]).toEqual([2, '--vary consensus.nodes=0: consensus.nodes: expected a number ≥ 1, found 0\n']);
  });

  it('starts a size search from the low end of its range where the file and --set are refused only in the value it sizes', async () => {
    // Two crashed replicas need 7 nodes; pbft-crash.yaml has 4, and the search starts at 7.
    const r = await cli(['size', 'scenarios/pbft-crash.yaml', '--set', 'attacks.0.replicas=[1,2]', '--set', 'duration=25s', '--vary', 'consensus.nodes=7..8', '--slo', 'safety.violations==0', '--no-report', '--out', join(root, 'size-from-low-end')]);
    expect(r.stderr).not.toMatch(/expected/);
    expect(r.stdout).toMatch(/probe consensus\.nodes=7/);
  }, 60_000);

  it('names the sweep point where a field of the file is refused only beside a varied value', async () => {
    const r = await cli(['sweep', 'scenarios/consortium.yaml', '--vary', 'consensus.protocol=pbft,pow', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scenarios\/consortium\.yaml:\d+:\d+: workload\.rateTps: expected no workload in a proof-of-work scenario .*, found 100 \(at the sweep point consensus\.protocol=pow\)$/m);
  });

  it('refuses with exit code 2 what the run would refuse: a split the network cannot carry', async () => {
    const r = await cli(['run', 'scenarios/poa.yaml', '--set', 'network.latency.shift=0ms', '--threads', '2', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/network\.latency: expected a positive least latency between hosts of different threads with --threads 2/);
  });

  it('says, as the run would, that an attack opening at the end never acts', async () => {
    const r = await cli(['run', 'scenarios/attacks/crash-recovery.yaml', '--set', 'duration=2s', '--set', 'warmup=0s', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^scenarios\/attacks\/crash-recovery\.yaml: valid \(dry run: nothing was run or written\)\n {2}1 point × 1 replication: 1 to run on 1 worker, each over 1 thread\n/);
    expect(r.stderr).toContain('attacks.0 (crash) starts at 2 s');
  });
});
