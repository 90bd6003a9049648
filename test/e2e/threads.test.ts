import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-threads-'));

/** stderr's lines other than progress (a run longer than 5 s prints one every 5 s where stderr is not a terminal). */
const notProgress = (stderr: string): string[] => stderr.split('\n').filter((l) => l !== '' && !l.startsWith('progress: '));

/** Two regions with latency floors (1 ms inside, 8 ms across), so a split has a lookahead. */
const SCENARIO = `name: threads-e2e
duration: 4s
warmup: 2s
network:
  regions: [east, west]
  latency:
    - [{ kind: normal, mean: 3ms, sd: 1ms, min: 1ms }, { kind: normal, mean: 20ms, sd: 6ms, min: 8ms }]
    - [{ kind: normal, mean: 20ms, sd: 6ms, min: 8ms }, { kind: normal, mean: 3ms, sd: 1ms, min: 1ms }]
consensus: { protocol: pbft, nodes: 7, batchSize: 20, batchTimeout: 50ms }
workload: { rateTps: 500, clients: 4 }
`;

/** Two hospitals with a lab, an insurer and a regulator; every link has a floor. */
const IOMT_SCENARIO = `name: threads-iomt-e2e
duration: 30s
warmup: 10s
consensus: { protocol: pbft, nodes: 5, batchSize: 10, batchTimeout: 200ms }
workload: { rateTps: 0 }
iomt:
  hospitals: 2
  wardsPerHospital: 2
  bedsPerWard: 3
  consortium: { nodesPerHospital: 1, lab: 1, insurer: 1, regulator: 1 }
  links:
    radio: { kind: normal, mean: 5ms, sd: 1ms, min: 2ms }
    lan: { kind: normal, mean: 1ms, sd: 200us, min: 300us }
    wan: { kind: normal, mean: 20ms, sd: 4ms, min: 8ms }
  access: { cliniciansPerWard: 2, clinicianRatePerHour: 120, researchers: 1, researcherRatePerHour: 120, revocationsPerHour: 30 }
`;

describe('iomtsim run --threads', () => {
  it('gives the same summary and trace hashes on 1 and 2 threads, and records the threads in the manifest', async () => {
    const file = join(root, 'split.yaml');
    writeFileSync(file, SCENARIO);
    const [one, two] = await Promise.all([
      cli(['run', file, '--reps', '2', '--workers', '1', '--json', '--no-report', '--out', join(root, 'one')]),
      cli(['run', file, '--reps', '2', '--workers', '1', '--threads', '2', '--json', '--no-report', '--out', join(root, 'two')]),
    ]);
    expect([one.code, two.code, notProgress(two.stderr)]).toEqual([0, 0, []]);
    const { resultsDir: _a, ...summaryOne } = JSON.parse(one.stdout);
    const { resultsDir: _b, ...summaryTwo } = JSON.parse(two.stdout);
    expect(summaryOne.passed).toBe(true);
    expect(summaryTwo).toEqual(summaryOne);
    const manifestOf = (name: string) => JSON.parse(readFileSync(join(root, name, 'manifest.json'), 'utf8')) as { threads?: number; workers?: number };
    expect([manifestOf('two').threads, manifestOf('two').workers]).toEqual([2, 1]);
    expect([manifestOf('one').threads, manifestOf('one').workers]).toEqual([undefined, 1]);
  }, 120_000);

  it('splits a large IoMT world over the cores its replication leaves free when --threads is not given, and says so', async () => {
    // The choice reads the world's size alone (default-threads.ts): 2 s past the warm-up still meets the file's expectations.
    const r = await cli(['run', 'scenarios/regional.yaml', '--set', 'duration=12s', '--set', 'warmup=10s', '--workers', '1', '--json', '--no-report', '--out', join(root, 'regional')]);
    expect(r.code).toBe(0);
    // 36,000 devices: two threads of 18,000 where there are two cores or more.
    const expected = availableParallelism() >= 2 ? 2 : undefined;
    const manifest = JSON.parse(readFileSync(join(root, 'regional', 'manifest.json'), 'utf8')) as { threads?: number };
    expect(manifest.threads).toBe(expected);
    expect(notProgress(r.stderr)).toEqual(expected === undefined ? [] : [expect.stringMatching(/^iomtsim: each replication split over 2 threads \(36,000 devices in 10 hospitals, 1 replication\(s\) on \d+ cores; --threads 1 runs it whole\)$/)]);
  }, 120_000);

  it('runs whole, without a refusal, a sweep one of whose points cannot split when --threads is not given', async () => {
    const r = await cli(['sweep', 'scenarios/regional.yaml', '--vary', 'iomt.links.wan.min=8ms,0ms', '--workers', '1', '--set', 'duration=10s', '--set', 'warmup=2s', '--dry-run', '--json']);
    expect([r.code, notProgress(r.stderr)]).toEqual([0, []]);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, threads: 1 });
  });

  it('refuses, with exit code 2 and nothing written, a split whose latency has no floor', async () => {
    const out = join(root, 'no-floor');
    const r = await cli(['run', 'scenarios/pbft.yaml', '--threads', '2', '--set', 'network.latency.min=0ms', '--out', out, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/network\.latency: expected a positive least latency between hosts of different threads with --threads 2 .*, found 0 µs/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a sweep point that cannot split as its other problems are: on the --vary value, else naming the point', async () => {
    const sweep = ['sweep', 'scenarios/consortium.yaml', '--threads', '2', '--set', 'duration=5s', '--set', 'warmup=1s', '--dry-run'];
    const varied = await cli([...sweep, '--vary', 'network.latency.min=4ms,0ms']);
    expect([varied.code, varied.stderr.trim()]).toEqual([2, expect.stringMatching(/^--vary network\.latency\.min=0ms: network\.latency: expected a positive least latency .*, found 0 µs$/)]);
    const set = await cli([...sweep, '--vary', 'consensus.batchSize=10,20', '--set', 'network.latency={kind: lognormal, median: 10ms, sigma: 0.3}']);
    expect([set.code, set.stderr.trim()]).toEqual([2, expect.stringMatching(/^--set network\.latency=\{kind: lognormal.*\}: network\.latency: expected .*which lognormal has not.*, found 0 µs \(at the sweep point consensus\.batchSize=10\)$/)]);
  });

  it('gives an IoMT world (two hospitals, links with floors) the same summary on 1 and 2 threads', async () => {
    const file = join(root, 'iomt.yaml');
    writeFileSync(file, IOMT_SCENARIO);
    const [one, two] = await Promise.all([
      cli(['run', file, '--workers', '1', '--json', '--no-report', '--out', join(root, 'iomt-one')]),
      cli(['run', file, '--workers', '1', '--threads', '2', '--json', '--no-report', '--out', join(root, 'iomt-two')]),
    ]);
    expect([one.code, two.code, notProgress(two.stderr)]).toEqual([0, 0, []]);
    const { resultsDir: _a, ...summaryOne } = JSON.parse(one.stdout);
    const { resultsDir: _b, ...summaryTwo } = JSON.parse(two.stdout);
    expect(summaryOne.passed).toBe(true);
    expect(summaryTwo).toEqual(summaryOne);
  }, 120_000);

  it('runs the bundled default scenario (a hospital whose devices are replayed) on 2 threads with the one-thread summary', async () => {
    const [one, two] = await Promise.all([
      cli(['run', 'scenarios/default.yaml', '--workers', '1', '--json', '--no-report', '--out', join(root, 'default-one')]),
      cli(['run', 'scenarios/default.yaml', '--workers', '1', '--threads', '2', '--json', '--no-report', '--out', join(root, 'default-two')]),
    ]);
    expect([one.code, two.code, notProgress(two.stderr)]).toEqual([0, 0, []]);
    const { resultsDir: _a, ...summaryOne } = JSON.parse(one.stdout);
    const { resultsDir: _b, ...summaryTwo } = JSON.parse(two.stdout);
    expect(summaryOne.points[0].metrics['iomt.replayed_arrived'].mean).toBeGreaterThan(0);
    expect(summaryTwo).toEqual(summaryOne);
  }, 120_000);

  it('refuses, naming each, an IoMT world whose links have no floor, an attack that follows the leader and a bad thread count', async () => {
    const noFloor = await cli(['run', 'scenarios/hospital.yaml', '--threads', '2', '--set', 'iomt.links.wan.min=0ms', '--out', join(root, 'hospital'), '--json']);
    expect([noFloor.code, noFloor.stderr]).toEqual([2, expect.stringMatching(/^--set iomt\.links\.wan\.min=0ms: iomt\.links\.wan: expected a positive least latency between hosts of different threads with --threads 2 .*give this normal latency a floor.*, found 0 µs$/m)]);
    const attack = await cli(['run', 'scenarios/attacks/leader-isolation.yaml', '--threads', '2', '--out', join(root, 'leader'), '--json']);
    expect([attack.code, attack.stderr]).toEqual([2, expect.stringMatching(/attacks\.0\.type: expected an attack that can run split over threads .*the attacks that follow the leader .*, found 'leader-isolation'/)]);
    const bad = await cli(['run', 'scenarios/pbft.yaml', '--threads', '0', '--json']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, "--threads 0: (flag): expected an integer from 1 to 256, found '0'"]);
  });
});

describe('iomtsim size --threads', () => {
  it('finds the same answer from the same probes on 1 and 2 threads, stopping early at the same points', async () => {
    const file = join(root, 'size.yaml');
    // Both lines must be there to replace: the search's probes below were counted at 2 s.
    expect(SCENARIO).toMatch(/^duration: 4s\n[^]*^warmup: 2s$/m);
    writeFileSync(file, SCENARIO.replace('duration: 4s', 'duration: 2s').replace('warmup: 2s', 'warmup: 1s'));
    // From the answer up (it is 1064 tx/s): 7 probes, 4 of them cut short, where 800..1600 took 14
    // probes, 12 of them run in full, each once on 2 threads.
    const search = ['size', file, '--vary', 'workload.rateTps=1064..1600', '--slo', 'consensus.committed_txs<=1000', '--workers', '1', '--json', '--no-report'];
    const [one, two] = await Promise.all([cli([...search, '--out', join(root, 'size-one')]), cli([...search, '--threads', '2', '--out', join(root, 'size-two')])]);
    expect([one.code, two.code, notProgress(two.stderr).filter((l) => !l.startsWith('probe '))]).toEqual([0, 0, []]);
    const { resultsDir: _a, ...summaryOne } = JSON.parse(one.stdout);
    const { resultsDir: _b, ...summaryTwo } = JSON.parse(two.stdout);
    // Probes cut short before their last replication (1600, then 1332, 1198 and 1131 by bisection, here): a probe whose last replication decides ran in full.
    expect(summaryOne.size.probes.filter((p: { stoppedEarly?: unknown }) => p.stoppedEarly !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(summaryTwo).toEqual(summaryOne);
    expect(JSON.parse(readFileSync(join(root, 'size-two', 'manifest.json'), 'utf8')).threads).toBe(2);
  }, 120_000);

  it('refuses, with exit code 2 and nothing written, a search whose ends cannot split', async () => {
    const out = join(root, 'size-no-floor');
    const r = await cli(['size', 'scenarios/pbft.yaml', '--vary', 'workload.rateTps=100..200', '--slo', 'safety.violations==0', '--threads', '2', '--set', 'network.latency.min=0ms', '--out', out, '--json']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/network\.latency: expected a positive least latency between hosts of different threads with --threads 2 .*, found 0 µs/)]);
    expect(existsSync(out)).toBe(false);
  });
});
