/** Plug-in modules run through the runner: in this thread and on worker threads, as a run does. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioAsync } from '../../scenario/load.ts';
import { runScenario } from '../run.ts';
import { runConsensusWorld } from '../../world/testing/run.ts';

const EXAMPLE = 'examples/plugins/scenario.yaml';
// The example's noisy neighbour acts from 20 s; shortened runs move its window inside them.
const SHORT = ['duration=6s', 'warmup=1s', 'replications=2', 'attacks.0.start=2s', 'attacks.0.end=5s'];

describe('plug-in modules named in a scenario', () => {
  it('gives identical results in this thread and on two worker threads', async () => {
    const loaded = await loadScenarioAsync(EXAMPLE, SHORT);
    const out = mkdtempSync(join(tmpdir(), 'iomtsim-plugin-run-'));
    const inThread = await runScenario({ loaded, workers: 0, outDir: join(out, 'w0') });
    const pooled = await runScenario({ loaded, workers: 2, outDir: join(out, 'w2') });
    expect(inThread.status).toBe('complete');
    expect(inThread.summary.points[0]!.metrics['consensus.throughput_tps']!.mean).toBeGreaterThan(0);
    expect(JSON.stringify(pooled.summary)).toBe(JSON.stringify(inThread.summary));
  });

  it('keeps the example protocol safe and live at every n from 1 to 7, with loss and, from n = 3, a crashed backup', async () => {
    for (let n = 1; n <= 7; n++) {
      const sets = [...SHORT, 'replications=1', `consensus.nodes=${n}`, 'network.loss=0.02', 'attacks.0.replicas=[0]'];
      if (n >= 3) sets.push('attacks.1={type: crash, replicas: [1], start: 2s, end: 4s}');
      const loaded = await loadScenarioAsync(EXAMPLE, sets);
      const out = runConsensusWorld(loaded.scenario, 1);
      const value = (name: string) => out.metrics[name]!.value;
      expect([n, value('safety.violations'), value('liveness.violations'), value('validity.violations')]).toEqual([n, 0, 0, 0]);
      expect(value('consensus.throughput_tps'), `n = ${n}`).toBeGreaterThan(150);
    }
  });

  it('catches the example protocol up at once when a partition that cut its primary off heals, sending the backlog about once', async () => {
    // Transactions offered during the 10 s partition wait for it to end, about 5 s on average and a
    // fifth of the 50 s measured, so the mean commit latency is about 1 s with a prompt catch-up.
    // Re-sending only two missed blocks per backup each 200 ms, with no fetch of the rest, took
    // 26 s to catch up (mean 9.4 s).
    const partitioned = runConsensusWorld((await loadScenarioAsync(EXAMPLE, ['attacks=[{type: partition, start: 20s, end: 30s, groups: [[0], [1, 2, 3, 4]]}]'])).scenario, 1);
    expect(partitioned.metrics['liveness.violations']!.value).toBe(0);
    expect(partitioned.metrics['consensus.commit_latency_ms.mean']!.value).toBeLessThan(2_000);
    // Every block reaches every backup once either way: the partition may add its re-sends and the
    // catch-up's requests, not another copy of everything (re-sending every missed block each
    // interval sent 2.2 times the bytes of a run without it; a request per block arriving above the
    // gap, 3.1 times).
    const calm = runConsensusWorld((await loadScenarioAsync(EXAMPLE, ['attacks=[]'])).scenario, 1);
    expect(partitioned.metrics['network.bytes_per_node']!.value).toBeLessThan(2 * calm.metrics['network.bytes_per_node']!.value);
  });

  it('runs a plug-in detector beside the in-tree ones and scores it against the attack labels', async () => {
    const loaded = await loadScenarioAsync('examples/plugins/iomt-detector.yaml', ['duration=90s', 'replications=1']);
    expect(loaded.scenario.plugins?.map((p) => [p.kind, p.name])).toEqual([['detector', 'shewhart']]);
    const out = mkdtempSync(join(tmpdir(), 'iomtsim-plugin-detector-'));
    const result = await runScenario({ loaded, workers: 0, outDir: out });
    const metrics = result.summary.points[0]!.metrics;
    expect(metrics['detect.shewhart_interarrival.detection_rate']!.mean).toBe(1);
    expect(metrics['detect.cusum_interarrival.detection_rate']).toBeDefined();
  });
});
