/** One probe's replications, watched: what is kept does not depend on the thread timing. */
import { describe, expect, it } from 'vitest';
import { parseSlo } from '../scenario/index.ts';
import { createExecutor } from './executor.ts';
import { replicationSeeds } from './seeds.ts';
import { runProbe, type ProbeOutcome } from './size-probe.ts';
import type { Executor } from './executor.ts';
import { toyScenario } from './testing/fixtures.ts';
import { TOY_MODEL } from './testing/toy-model.ts';

async function probeWith(workers: number, sloText: string, everyUs = 250_000): Promise<ProbeOutcome> {
  const replications = 3;
  const { scenario } = toyScenario('', [`replications=${replications}`, 'consensus.nodes=8']);
  const slo = parseSlo(sloText)!;
  const executor = createExecutor(workers, TOY_MODEL);
  try {
    return await runProbe({
      tasks: replicationSeeds(scenario.seed, replications).map((seed, replication) => ({ point: 0, replication, seed, scenario })),
      slos: [{ metric: slo.metric, condition: slo.condition }],
      everyUs,
      executor,
      signal: new AbortController().signal,
    });
  } finally {
    await executor.close();
  }
}

/** The outcome without wall-clock times. */
const comparable = (o: ProbeOutcome) => ({ ...o, finished: o.finished.map((f) => ({ replication: f.task.replication, traceHash: f.result.output.traceHash })) });

describe('runProbe', () => {
  it('stops once a replication alone shows the SLO fails, with the same evidence and records on 0 or 2 worker threads', async () => {
    // 8 toy nodes send about 800 pings in 5 s; one replication past 300 alone puts the mean of 3 above 100.
    const inThread = await probeWith(0, 'toy.sent<=100');
    const pooled = await probeWith(2, 'toy.sent<=100');
    expect(inThread.early).toMatchObject({ kind: 'bound', replication: 0 });
    expect(inThread.early!.atUs).toBeLessThan(5_000_000);
    expect((inThread.early as { meanAtLeast?: number }).meanAtLeast).toBeGreaterThan(100);
    expect(inThread.finished).toEqual([]);
    expect(comparable(pooled)).toEqual(comparable(inThread));
  });

  it('runs and keeps every replication when no SLO fails early', async () => {
    const o = await probeWith(0, 'toy.sent<=100000');
    expect(o.early).toBeUndefined();
    expect(o.finished.map((f) => f.task.replication)).toEqual([0, 1, 2]);
    expect(o.finished.every((f) => f.result.output.simulatedUs === 5_000_000)).toBe(true);
  });

  it('decides on a finished replication\'s final value too, keeps it, and skips the rest', async () => {
    // A report at 2.5 s (about 400 sent, under 3 × 250), then the end (about 800, over it).
    const o = await probeWith(0, 'toy.sent<=250', 2_500_000);
    expect(o.early).toMatchObject({ replication: 0, atUs: 5_000_000 });
    expect(o.finished.map((f) => f.task.replication)).toEqual([0]);
  });

  it('does not decide on the final value of a metric its run never bounded, which may be negative', async () => {
    // A signed metric (attack.selfish_mining.gain) with no interim bound: 0.2 in replication 0 is
    // 0.067 over 3 replications, past <= 0.05, while the mean of all three, −0.133, meets it.
    const gains = [0.2, -0.3, -0.3];
    const { scenario } = toyScenario('', ['replications=3']);
    const executor: Executor = {
      concurrency: 1,
      run: async (task) => ({ output: { metrics: { 'attack.selfish_mining.gain': { unit: 'ratio', value: gains[task.replication]! } }, checks: [], traceHash: '0', eventsProcessed: 0, simulatedUs: scenario.duration, timeseries: [] }, wallMs: 0 }),
      close: async () => {},
    };
    const slo = parseSlo('attack.selfish_mining.gain<=0.05')!;
    const o = await runProbe({ tasks: gains.map((_, replication) => ({ point: 0, replication, seed: replication + 1, scenario })), slos: [{ metric: slo.metric, condition: slo.condition }], everyUs: 1, executor, signal: new AbortController().signal });
    expect(o.early).toBeUndefined();
    expect(o.finished.map((f) => f.task.replication)).toEqual([0, 1, 2]);
  });
});
