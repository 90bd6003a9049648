import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-'));
const SHORT = ['--set', 'duration=6s', '--set', 'warmup=1s', '--no-report'];

function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (predicate()) { clearInterval(poll); resolve(); }
      else if (Date.now() - started > timeoutMs) { clearInterval(poll); reject(new Error('timed out waiting')); }
    }, 20);
  });
}

/** Run the CLI into `out` and send it Ctrl-C `afterMs` after it has written the folder's manifest. */
function interruptedRun(args: readonly string[], out: string, afterMs: number): ReturnType<typeof cli> {
  return cli([...args, '--out', out], (child) => {
    void waitFor(() => existsSync(join(out, 'manifest.json')), 20_000).then(() => setTimeout(() => child.kill('SIGINT'), afterMs));
  });
}

describe('iomtsim CLI', () => {
  it('prints the same summary JSON, and only it, from two processes with the same seed, each with its results folder', async () => {
    const [a, b] = await Promise.all([
      cli(['run', 'scenarios/consortium.yaml', '--seed', '5', '--reps', '2', '--workers', '1', '--json', '--out', join(root, 'a'), ...SHORT]),
      cli(['run', 'scenarios/consortium.yaml', '--seed', '5', '--reps', '2', '--workers', '1', '--json', '--out', join(root, 'b'), ...SHORT]),
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const { resultsDir: dirA, ...summary } = JSON.parse(a.stdout);
    const { resultsDir: dirB, ...summaryB } = JSON.parse(b.stdout);
    expect([dirA, dirB]).toEqual([join(root, 'a'), join(root, 'b')]);
    expect(summary.passed).toBe(true);
    expect(summary.points[0].n).toBe(2);
    expect(summary.points[0].traceHashes).toHaveLength(2);
    expect(summary.points[0].latency_cdf['consensus.commit_latency_ms'].points).toHaveLength(102);
    expect(summaryB).toEqual(summary);
    for (const f of ['manifest.json', 'summary.json', 'replications.jsonl', 'metrics.csv', 'timeseries.csv']) expect(existsSync(join(root, 'a', f))).toBe(true);
  });

  it('rejects bad input with exit code 2, a message naming flag, path, expected and found, and writes nothing', async () => {
    const out = join(root, 'never');
    const r = await cli(['run', 'scenarios/consortium.yaml', '--set', 'consensus.nodez=7', '--out', out, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe("--set consensus.nodez=7: consensus.nodez: expected a known key (did you mean 'nodes'?), found the unknown key 'nodez'");
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a validation seed offset that is not a whole number of at least 0, writing nothing', async () => {
    const out = join(root, 'no-validation');
    const r = await cli(['validate', '--quick', '--seed-offset', '-1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("--seed-offset -1: (flag): expected an integer from 0 to 1000000000, found '-1'");
    expect(existsSync(out)).toBe(false);
  });

  it('runs sweep shards that merge into the unsharded sweep', async () => {
    const sweep = ['sweep', 'scenarios/consortium.yaml', '--vary', 'consensus.nodes=4,7', '--reps', '2', '--workers', '1', '--set', 'duration=3s', '--set', 'warmup=0s', '--no-report'];
    const [whole, s1, s2] = await Promise.all([
      cli([...sweep, '--out', join(root, 'whole')]),
      cli([...sweep, '--shard', '1/2', '--out', join(root, 's1')]),
      cli([...sweep, '--shard', '2/2', '--out', join(root, 's2')]),
    ]);
    expect([whole.code, s1.code, s2.code]).toEqual([0, 0, 0]);
    const merged = await cli(['merge', join(root, 's1'), join(root, 's2'), '--out', join(root, 'merged'), '--no-report']);
    expect(merged.code).toBe(0);
    for (const file of ['summary.json', 'metrics.csv', 'timeseries.csv']) {
      expect(readFileSync(join(root, 'merged', file), 'utf8'), file).toBe(readFileSync(join(root, 'whole', file), 'utf8'));
    }
  });

  it('keeps finished replications on Ctrl-C and --resume completes the run', async () => {
    const out = join(root, 'sigint');
    const args = ['run', 'scenarios/consortium.yaml', '--reps', '16', '--workers', '1', '--set', 'duration=60s', '--no-report'];
    const interrupted = await interruptedRun(args, out, 700);
    expect(interrupted.code).toBe(130);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('interrupted');
    const kept = readFileSync(join(out, 'replications.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    expect(kept).toBeLessThan(16);
    const resumed = await cli(['run', '--resume', out, '--json', '--no-report']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).points[0].n).toBe(16);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).status).toBe('complete');
  });

  it('names the command that completes an interrupted sweep, and sweep --resume completes it', async () => {
    const out = join(root, 'sigint-sweep');
    const args = ['sweep', 'scenarios/consortium.yaml', '--vary', 'consensus.nodes=4,7', '--reps', '2', '--workers', '1', '--set', 'duration=60s', '--no-report'];
    const interrupted = await interruptedRun(args, out, 300);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain(`complete the run with: iomtsim sweep --resume ${out}`);
    const resumed = await cli(['sweep', '--resume', out, '--json', '--no-report']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).points.map((p: { n: number }) => p.n)).toEqual([2, 2]);
  });

  it('resumes an interrupted run to a sealed manifest that prints its summary', async () => {
    const out = join(root, 'sigint-text');
    const args = ['run', 'scenarios/consortium.yaml', '--reps', '4', '--workers', '1', '--set', 'duration=60s', '--no-report'];
    const interrupted = await interruptedRun(args, out, 300);
    expect(interrupted.code).toBe(130);
    const resumed = await cli(['run', '--resume', out, '--no-report']);
    expect(resumed.stderr).not.toMatch(/Error/);
    expect([resumed.code, resumed.stdout]).toEqual([0, expect.stringContaining('consortium: complete')]);
    expect(Object.keys(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as object).at(-1)).toBe('selfSha256');
  });

  it('stops a lone replication, which runs in the main thread, on Ctrl-C in the middle of its run', async () => {
    const out = join(root, 'sigint-alone');
    const interrupted = await interruptedRun(['run', 'scenarios/pbft.yaml', '--set', 'duration=120s', '--no-report'], out, 700);
    expect(interrupted.code).toBe(130);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).status).toBe('interrupted');
    expect(readFileSync(join(out, 'replications.jsonl'), 'utf8')).toBe('');
  });
});
