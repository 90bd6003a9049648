/**
 * A run watched for `iomtsim size`: pausing to report changes nothing in the run, and every lower
 * bound it reports holds at the end (src/metrics/interim-bounds.ts), under light load and overload.
 */
import { describe, expect, it } from 'vitest';
import type { InterimSnapshot } from '../metrics/interim-bounds.ts';
import type { RunOutput } from '../metrics/types.ts';
import { assembleWorld } from './assemble.ts';
import { consensusConfiguration } from './consensus.ts';
import { consensusScenario } from './testing/scenarios.ts';

const WATCHED = [
  'consensus.commit_latency_ms.p50', 'consensus.commit_latency_ms.p95', 'consensus.commit_latency_ms.p99', 'consensus.commit_latency_ms.mean',
  'consensus.client_latency_ms.p99', 'consensus.client_latency_ms.mean', 'consensus.committed_txs', 'consensus.timed_out_txs', 'mempool.dropped_txs', 'safety.violations',
];

const scenario = (workload: Record<string, unknown>, attacks: unknown[] = []) =>
  consensusScenario({
    duration: '6s', warmup: '2s',
    consensus: { nodes: 4, batchSize: 10, batchTimeout: '50ms', cryptoCosts: { signUs: 50, verifyUs: 1000, hashUs: 1, hashPerKiBUs: 1 }, mempool: { capacity: 3000 } },
    workload: { clients: 4, giveUpAfter: '2s', requestTimeout: '500ms', ...workload },
    attacks,
  } as never);

function watchedRun(input: ReturnType<typeof scenario>, stopAtUs = Infinity): { out: RunOutput; snapshots: InterimSnapshot[] } {
  const snapshots: InterimSnapshot[] = [];
  const out = assembleWorld(input, consensusConfiguration(input, 3)).run({
    everyUs: 250_000,
    metrics: WATCHED,
    onInterim: (s) => {
      snapshots.push(s);
      return s.simulatedUs >= stopAtUs;
    },
  });
  return { out, snapshots };
}

describe('a watched run', () => {
  it('processes the same events as an unwatched one: same trace and metrics', () => {
    const input = scenario({ rateTps: 1500 });
    const plain = assembleWorld(input, consensusConfiguration(input, 3)).run();
    const { out, snapshots } = watchedRun(input);
    expect(snapshots.length).toBe(23);
    expect(out.traceHash).toBe(plain.traceHash);
    expect(out.metrics).toEqual(plain.metrics);
  });

  it('reports at each horizon the events before it, none at it, and runs nothing at the end, as the unwatched run', () => {
    const input = scenario({ rateTps: 800 });
    const everyUs = 1_500_000;
    // A control callback at each horizon, the last at the duration.
    const withCallbacks = () => {
      const world = assembleWorld(input, consensusConfiguration(input, 3));
      const ran: number[] = [];
      for (let t = everyUs; t <= input.duration; t += everyUs) world.engine.at(t, () => void ran.push(t));
      return { world, ran };
    };
    const plain = withCallbacks();
    const plainOut = plain.world.run();
    const watched = withCallbacks();
    const seenAtChecks: [number, number[]][] = [];
    const out = watched.world.run({
      everyUs,
      metrics: WATCHED,
      onInterim: (s) => {
        seenAtChecks.push([s.simulatedUs, [...watched.ran]]);
        return false;
      },
    });
    expect(seenAtChecks).toEqual([[1_500_000, []], [3_000_000, [1_500_000]], [4_500_000, [1_500_000, 3_000_000]]]);
    expect(watched.ran).toEqual([1_500_000, 3_000_000, 4_500_000]);
    expect([out.traceHash, out.eventsProcessed, out.simulatedUs]).toEqual([plainOut.traceHash, plainOut.eventsProcessed, input.duration]);
    expect(out.metrics).toEqual(plainOut.metrics);
    expect(plain.ran).toEqual(watched.ran);
  });

  it('ends where the watch says, and reports how far it got', () => {
    const { out } = watchedRun(scenario({ rateTps: 1500 }), 3_000_000);
    expect(out.simulatedUs).toBe(3_000_000);
  });

  for (const [name, load] of [['light load', { rateTps: 800 }], ['overload', { rateTps: 5000 }]] as const) {
    it(`reports lower bounds that every final value meets, with latency bounds that bind (${name})`, () => {
      const { out, snapshots } = watchedRun(scenario(load));
      let latencyBounds = 0;
      for (const s of snapshots) {
        for (const [metric, v] of Object.entries(s.metrics)) {
          if (v.atLeast === undefined) continue;
          const final = out.metrics[metric]!.value;
          expect(v.atLeast, `${metric} at ${s.simulatedUs} µs`).toBeLessThanOrEqual(Number.isNaN(final) ? 0 : final);
          if (metric.includes('latency') && v.atLeast > 0) latencyBounds++;
        }
      }
      expect(latencyBounds).toBeGreaterThan(10);
    });
  }

  it('reports no latency bound when attacks may fabricate transactions or crash clients', () => {
    const { snapshots } = watchedRun(scenario({ rateTps: 800 }, [{ type: 'crash', start: '1s', end: '2s', replicas: 'leader' }]));
    const last = snapshots.at(-1)!;
    expect(last.metrics['consensus.commit_latency_ms.p99']!.atLeast).toBeUndefined();
    expect(last.metrics['consensus.committed_txs']!.atLeast).toBeGreaterThan(0);
  });
});
