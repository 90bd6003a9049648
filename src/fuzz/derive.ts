/**
 * One seed → one whole configuration (TigerBeetle's VOPR, FoundationDB's simulation): the replica
 * count in the requested range, the network's latency distribution and bandwidth, the workload, the
 * protocol's timers and a fault schedule inside its fault model (of the kinds its swarm mask,
 * drawn first, enables), then a calm phase long enough for the liveness bound. Every draw comes from a named stream of the seed (sim/rng.ts), so the same
 * seed always derives the same scenario, and a new kind of draw leaves the others unchanged.
 */
import { Rng } from '../../sim/index.ts';
import { chance, intIn, logIn, ms, pick } from './draw.ts';
import { drawFaults, drawSwarmMask, type AttackEntry } from './faults.ts';
import { livenessBound } from './liveness-bound.ts';
import { drawPowCase } from './pow-case.ts';
import { drawProtocolParams, MESSAGE_BATCHES } from './protocol-params.ts';
import type { FuzzTarget } from './target.ts';

export interface NodeRange {
  readonly lo: number;
  readonly hi: number;
}

export interface FuzzCase {
  readonly seed: number;
  readonly nodes: number;
  /** The protocol's f at this n. */
  readonly maxFaulty: number;
  /** Distinct replicas the schedule names faulty. */
  readonly faulty: readonly number[];
  readonly faultPhaseUs: number;
  /** Infinity where the model has no liveness checker (proof of work). */
  readonly livenessBoundUs: number;
  /** The scenario as a file writes it; plug-in modules by absolute path. */
  readonly input: Record<string, unknown>;
}

/** After the bound, this long again, so a stall that lasts the bound is seen before the end. */
const CALM_MARGIN_US = 2_000_000;

/**
 * A latency distribution, and a one-way delay it rarely exceeds (about its 99.9th percentile): the
 * Δ of partial synchrony after GST, which every protocol's timers must exceed by a wide margin.
 */
function drawLatency(rng: Rng): { spec: Record<string, unknown>; highUs: number } {
  switch (pick(rng, ['fixed', 'uniform', 'normal', 'lognormal', 'exponential'] as const)) {
    case 'fixed': {
      const value = intIn(rng, 1, 40);
      return { spec: { kind: 'fixed', value: `${value}ms` }, highUs: value * 1000 };
    }
    case 'uniform': {
      const min = intIn(rng, 1, 20);
      const max = min + intIn(rng, 1, 60);
      return { spec: { kind: 'uniform', min: `${min}ms`, max: `${max}ms` }, highUs: max * 1000 };
    }
    case 'normal': {
      const mean = intIn(rng, 5, 40);
      const sd = intIn(rng, 1, Math.max(1, Math.floor(mean / 3)));
      return { spec: { kind: 'normal', mean: `${mean}ms`, sd: `${sd}ms` }, highUs: (mean + 3.1 * sd) * 1000 };
    }
    case 'lognormal': {
      const median = intIn(rng, 2, 30);
      const sigma = Math.round((0.1 + rng.float() * 0.7) * 100) / 100;
      return { spec: { kind: 'lognormal', median: `${median}ms`, sigma }, highUs: median * Math.exp(3.1 * sigma) * 1000 };
    }
    case 'exponential': {
      const mean = intIn(rng, 2, 20);
      const shift = intIn(rng, 1, 10);
      return { spec: { kind: 'exponential', mean: `${mean}ms`, shift: `${shift}ms` }, highUs: (shift + 6.9 * mean) * 1000 };
    }
  }
}

/**
 * The most load a seed offers: a leader sends every transaction to the n − 1 others (a pre-prepare,
 * a proposal, an AppendEntries, a block), so its uplink carries rate · size · (n − 1); kept under a
 * third of the bandwidth with half again for headers and votes. Above it queues grow without
 * bound, and delays that grow without bound are asynchrony, outside every protocol's liveness model.
 */
function sustainableRateTps(bandwidthMbps: number, txSizeBytes: number, nodes: number): number {
  return Math.max(1, Math.floor((bandwidthMbps * 1e6) / 3 / (8 * txSizeBytes * 1.5 * (nodes - 1))));
}

function describe(target: FuzzTarget, c: Omit<FuzzCase, 'input'>, rule: string): string {
  const bound = Number.isFinite(c.livenessBoundUs) ? `; liveness bound ${(c.livenessBoundUs / 1e6).toFixed(1)} s after the fault phase (${rule})` : '';
  return `iomtsim fuzz, seed ${c.seed}: ${target.label} at n = ${c.nodes} (f = ${c.maxFaulty}), replicas named faulty [${c.faulty.join(', ')}], fault phase ${(c.faultPhaseUs / 1e6).toFixed(1)} s${bound}`;
}

/** The fewest replicas the target's protocol runs. */
export function fewestNodes(target: FuzzTarget): number {
  return target.definition.minNodes?.count ?? 1;
}

function protocolField(target: FuzzTarget): unknown {
  return target.module === undefined ? target.definition.name : { module: target.module };
}

export function deriveCase(target: FuzzTarget, seed: number, range: NodeRange, beyond = false): FuzzCase {
  const root = new Rng(seed, 'fuzz');
  // Drawn first, from its own stream: which kinds of fault this seed may draw (faults.ts).
  const kinds = drawSwarmMask(root.stream('swarm'), target.definition);
  // Below the protocol's fewest replicas (definition.ts `minNodes`) no world is built.
  const fewest = fewestNodes(target);
  if (range.hi < fewest) throw new RangeError(`nodes ${range.lo}..${range.hi}: expected a range reaching ${fewest}, the fewest replicas ${target.label} runs`);
  const nodes = intIn(root.stream('nodes'), Math.max(range.lo, fewest), range.hi);
  const maxFaulty = target.definition.faultModel.maxFaulty(nodes);
  const name = `fuzz-${target.label}-seed-${seed}`;
  if (target.family === 'pow') {
    const pow = drawPowCase(root.stream('pow'), nodes, beyond);
    const faulty = pow.attacks.map((a) => a['node'] as number);
    const c = { seed, nodes, maxFaulty, faulty, faultPhaseUs: 0, livenessBoundUs: Number.POSITIVE_INFINITY };
    return {
      ...c,
      input: { name, description: describe(target, c, ''), seed, duration: ms(pow.durationUs), ...(beyond ? { allowOutsideFaultModel: true } : {}), network: pow.network, consensus: pow.consensus, attacks: pow.attacks },
    };
  }
  const net = root.stream('network');
  const bandwidthMbps = pick(net, [10, 100, 1000]);
  const latency = drawLatency(net);
  const network = { latency: latency.spec, upload: `${bandwidthMbps}Mbps`, download: `${bandwidthMbps}Mbps` };
  const load = root.stream('workload');
  const requestTimeoutUs = Math.round(logIn(load, 300_000, 2_000_000) / 1000) * 1000;
  const clients = intIn(load, 1, 4);
  const txSizeBytes = intIn(load, 128, 1024);
  const workload = {
    rateTps: Math.min(Math.round(logIn(load, 10, 200)), sustainableRateTps(bandwidthMbps, txSizeBytes, nodes)),
    arrival: chance(load, 0.8) ? 'poisson' : 'periodic',
    txSize: `${txSizeBytes}B`,
    clients,
    requestTimeout: ms(requestTimeoutUs),
  };
  const consensusRng = root.stream('consensus');
  const batchSize = intIn(consensusRng, 1, 32);
  const batchTimeoutUs = intIn(consensusRng, 5, 200) * 1000;
  const batch = { batchSize, batchTimeout: ms(batchTimeoutUs) };
  // Δ also covers sending a large message: up to MESSAGE_BATCHES batches (a catch-up AppendEntries,
  // a NEW-VIEW's re-proposals) through the sender's uplink; Raft's timing requirement is on the
  // whole broadcast time (§5.6), and a 500 KB AppendEntries takes 0.4 s at 10 Mbps.
  const batchBytes = batch.batchSize * txSizeBytes;
  const deltaUs = latency.highUs + (MESSAGE_BATCHES * batchBytes * 8 * 1e6) / (bandwidthMbps * 1e6);
  const broadcastUs = (bytes: number): number => latency.highUs + ((nodes - 1) * bytes * 8 * 1e6) / (bandwidthMbps * 1e6);
  const params = drawProtocolParams(root.stream('params'), target.family, { deltaUs, nodes, quorum: target.definition.faultModel.quorum(nodes), broadcastUs });
  // Figure 8 (Raft §5.4.2) needs a chain of several elections, each leader cut off partway: a seed
  // that may isolate leaders gives the isolation time for tens of elections; other kinds keep theirs.
  const phase = root.stream('phase');
  const othersPhaseUs = intIn(phase, 2, 6) * 1_000_000;
  // Raft catches a follower up at least maxEntriesPerAppend entries per round trip (more with
  // several AppendEntries in flight, maxInflightAppends): a leader appending faster than a third of
  // that floor might never bring a majority back after a long cut, a queue that grows without
  // bound, which is asynchrony (as above).
  if (target.family === 'raft') {
    const maxEntriesPerAppend = params.block['maxEntriesPerAppend'] as number;
    const entriesPerSecond = (maxEntriesPerAppend * 1e6) / (2 * latency.highUs + params.timersUs['persistLatency']!) / 3;
    workload.rateTps = Math.max(1, Math.min(workload.rateTps, Math.floor(Math.max(entriesPerSecond, batchSize * (entriesPerSecond - 1e6 / batchTimeoutUs)))));
  }
  const faultPhaseUs = kinds.has('leader-isolation') ? intIn(phase, 10, 40) * 1_000_000 : othersPhaseUs;
  const faults = drawFaults(root.stream('faults'), { definition: target.definition, nodes, clients, faultPhaseUs: othersPhaseUs, isolationPhaseUs: faultPhaseUs, beyond, kinds });
  const { boundUs, rule } = livenessBound({ family: target.family, definition: target.definition, nodes, timersUs: params.timersUs, faultPhaseUs, requestTimeoutUs, calmFaulty: faults.calmFaulty, ...(target.module === undefined ? {} : { module: target.module }) });
  const livenessBoundUs = Math.ceil(boundUs / 1000) * 1000;
  const c = { seed, nodes, maxFaulty, faulty: faults.faulty, faultPhaseUs, livenessBoundUs };
  const attacks: readonly AttackEntry[] = faults.attacks;
  return {
    ...c,
    input: {
      name,
      description: describe(target, c, rule),
      seed,
      duration: ms(faultPhaseUs + livenessBoundUs + CALM_MARGIN_US),
      ...(beyond ? { allowOutsideFaultModel: true } : {}),
      network,
      consensus: {
        protocol: protocolField(target),
        nodes,
        ...batch,
        livenessBound: ms(livenessBoundUs),
        ...(Object.keys(params.block).length > 0 ? { [target.definition.name]: params.block } : {}),
      },
      workload,
      attacks,
    },
  };
}
