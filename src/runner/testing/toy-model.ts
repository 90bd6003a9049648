/**
 * A small model for the runner's own tests, so they exercise replications, sweeps, shards and
 * failures without depending on any real model's internals. It is a real simulation on the real
 * engine: `consensus.nodes` hosts each send pings to random peers at Poisson times
 * (`workload.rateTps` per host) over an exponential-latency network, for `duration`.
 * Its metrics therefore vary with the seed and the parameters like a model's do; it exports its
 * ping latency distribution, so the runner's tests carry distributions through every path.
 */
import { Engine, exponential, type Actor, type ActorContext } from '../../../sim/index.ts';
import { distributionsOf } from '../../metrics/distribution.ts';
import { Histogram } from '../../metrics/histogram.ts';
import type { RunWatch } from '../../metrics/interim-bounds.ts';
import type { RunOutput, TimeseriesRow } from '../../metrics/types.ts';
import type { Scenario } from '../../scenario/index.ts';
import { replicationSeed } from '../seeds.ts';

const WINDOW_US = 1_000_000;

interface Ping {
  readonly sentUs: number;
}

class Pinger implements Actor<Ping> {
  constructor(private readonly ctx: ActorContext<Ping>, private readonly peers: number, private readonly meanGapUs: number, private readonly stats: Stats) {}
  onStart(): void {
    this.ctx.setTimer(exponential(this.ctx.rng, this.meanGapUs), 0);
  }
  onTimer(): void {
    const to = (this.ctx.self + 1 + this.ctx.rng.int(this.peers - 1)) % this.peers;
    this.ctx.send(to, { sentUs: this.ctx.nowUs }, 100);
    this.stats.sent++;
    this.ctx.setTimer(exponential(this.ctx.rng, this.meanGapUs), 0);
  }
  onMessage(_from: number, msg: Ping): void {
    this.stats.delivered++;
    this.stats.latencySumUs += this.ctx.nowUs - msg.sentUs;
    this.stats.latencyMs.add((this.ctx.nowUs - msg.sentUs) / 1_000);
    const w = Math.floor(this.ctx.nowUs / WINDOW_US);
    this.stats.perWindow[w] = (this.stats.perWindow[w] ?? 0) + 1;
  }
}

interface Stats {
  sent: number;
  delivered: number;
  latencySumUs: number;
  readonly latencyMs: Histogram;
  perWindow: number[];
}

/**
 * With a watch, pauses every `watch.everyUs` to report `toy.sent` so far, a counter: its value now
 * is also what its final value cannot go below.
 */
export function simulateToy(scenario: Scenario, seed: number, watch?: RunWatch): RunOutput {
  const nodes = Math.max(2, scenario.consensus.nodes);
  const engine = new Engine({ seed, network: { regions: ['r'], latencyUs: { kind: 'exponential', mean: 5_000, shift: 1_000 } } });
  const stats: Stats = { sent: 0, delivered: 0, latencySumUs: 0, latencyMs: new Histogram(), perWindow: [] };
  const meanGapUs = 1_000_000 / Math.max(scenario.workload.rateTps, 1e-3);
  for (let i = 0; i < nodes; i++) {
    engine.addHost<Ping>({ region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity }, (ctx) => new Pinger(ctx, nodes, meanGapUs, stats));
  }
  // Over [0, duration), as a scenario's world runs (Engine.runBefore).
  if (watch === undefined) engine.runBefore(scenario.duration);
  else {
    for (let t = Math.min(watch.everyUs, scenario.duration); ; t = Math.min(t + watch.everyUs, scenario.duration)) {
      engine.runBefore(t);
      if (t >= scenario.duration || watch.onInterim({ simulatedUs: engine.nowUs, metrics: { 'toy.sent': { now: stats.sent, atLeast: stats.sent } } })) break;
    }
  }
  const timeseries: TimeseriesRow[] = [];
  for (let w = 0; w * WINDOW_US < scenario.duration; w++) timeseries.push({ timeS: w + 1, delivered_per_s: stats.perWindow[w] ?? 0 });
  return {
    metrics: {
      'toy.sent': { unit: 'messages', value: stats.sent },
      'toy.latency_ms.mean': { unit: 'ms', value: stats.delivered === 0 ? NaN : stats.latencySumUs / stats.delivered / 1_000 },
      'toy.nodes': { unit: 'nodes', value: nodes },
    },
    checks: [{ name: 'toy.delivered', passed: stats.delivered <= stats.sent, detail: `${stats.delivered} of ${stats.sent}` }],
    traceHash: engine.traceHash(),
    eventsProcessed: engine.eventsProcessed,
    simulatedUs: engine.nowUs,
    timeseries,
    distributions: distributionsOf({ 'toy.latency_ms': { histogram: stats.latencyMs, unit: 'ms' } }),
  };
}

/** Throws in replication 2 (identified by its seed): a model bug in one replication. */
export function simulateToyThrowingInReplication2(scenario: Scenario, seed: number): RunOutput {
  if (seed === replicationSeed(scenario.seed, 2)) throw new Error(`toy model failure at seed ${seed}`);
  return simulateToy(scenario, seed);
}

/** Replication 1 (identified by its seed) delivers nothing, so its latency is undefined (NaN): a seed that committed nothing. */
export function simulateToyDeliveringNothingInReplication1(scenario: Scenario, seed: number, watch?: RunWatch): RunOutput {
  const output = simulateToy(scenario, seed, watch);
  if (seed !== replicationSeed(scenario.seed, 1)) return output;
  return { ...output, metrics: { ...output.metrics, 'toy.latency_ms.mean': { unit: 'ms', value: NaN } } };
}

/** Kills its worker thread in replication 2: a crash the model cannot report itself. */
export function simulateToyExitingInReplication2(scenario: Scenario, seed: number): RunOutput {
  if (seed === replicationSeed(scenario.seed, 2)) process.exit(3);
  return simulateToy(scenario, seed);
}

export const TOY_MODEL = { module: new URL('./toy-model.ts', import.meta.url).href, exportName: 'simulateToy' } as const;

/** A broken watch for tests: reports twice what was sent as `toy.sent`'s lower bound, which the end may not reach. */
export function simulateToyOverclaiming(scenario: Scenario, seed: number, watch?: RunWatch): RunOutput {
  const overclaiming: RunWatch | undefined = watch && {
    everyUs: watch.everyUs,
    metrics: watch.metrics,
    onInterim: (s) => watch.onInterim({ ...s, metrics: { 'toy.sent': { now: s.metrics['toy.sent']!.now, atLeast: 2 * s.metrics['toy.sent']!.now } } }),
  };
  return simulateToy(scenario, seed, overclaiming);
}

export const TOY_OVERCLAIMING_MODEL = { module: TOY_MODEL.module, exportName: 'simulateToyOverclaiming' } as const;

export const TOY_SILENT_REPLICATION1_MODEL = { module: TOY_MODEL.module, exportName: 'simulateToyDeliveringNothingInReplication1' } as const;

/**
 * Holds its thread for 1.5 s of wall time after its first report, so that a test can see the
 * runner's progress line count a running replication's simulated time.
 */
export function simulateToyHoldingAfterFirstReport(scenario: Scenario, seed: number, watch?: RunWatch): RunOutput {
  let held = false;
  const holding: RunWatch | undefined = watch && {
    everyUs: watch.everyUs,
    metrics: watch.metrics,
    onInterim: (s) => {
      const stop = watch.onInterim(s);
      if (!held) {
        held = true;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_500);
      }
      return stop;
    },
  };
  return simulateToy(scenario, seed, holding);
}
