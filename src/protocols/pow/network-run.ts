/**
 * Run a proof-of-work network: place the nodes, build them (honest by default, or whatever a
 * caller's factory returns for designated hosts: attackers live in src/attacks/pow/ and come in
 * through `nodeFactory`, never as cases in the honest code), run until a block above
 * `stopAfterHeight` is mined (SimBlock's end condition) or the time limit, and collect metrics.
 */
import { Engine, runPrepared, type Actor, type ActorContext, type HostId, type HostPlacement, type ModelEventObserver, type NetworkConfig, type PreparedRun } from '../../../sim/index.ts';
import type { Metrics } from '../../metrics/types.ts';
import { BlockTree } from '../../ledger/chain-store.ts';
import { blockWork, powGenesis } from './block.ts';
import { PowCollector } from './collector.ts';
import { PowNode, type PowNodeOptions } from './node.ts';
import type { PowParams } from './params.ts';
import type { PowMinedEvent } from './types.ts';

export interface PowNetworkSpec {
  readonly seed: number;
  readonly network: NetworkConfig;
  /** One placement per node, node i on host i. */
  readonly placements: readonly HostPlacement[];
  readonly params: PowParams;
  /** Hash-power share per node (any non-negative numbers; normalised here). */
  readonly hashPower: ArrayLike<number>;
  /** Stop once a block higher than this is mined. */
  readonly stopAfterHeight: number;
  /** Stop at this simulated time at the latest. */
  readonly maxDurationUs: number;
  /** Build node `index` differently (an attacker); return undefined for an honest node. */
  readonly nodeFactory?: (index: number, ctx: ActorContext<unknown>, options: PowNodeOptions) => Actor<unknown> | undefined;
  readonly maxPendingEvents?: number;
  /** Extra observers of model events (checkers, tests), attached before any host exists. */
  readonly observers?: readonly ModelEventObserver[];
}

export interface PowRunResult {
  readonly engine: Engine;
  readonly collector: PowCollector;
  readonly metrics: Metrics;
  readonly simulatedUs: number;
  readonly hosts: readonly HostId[];
}

export function runPowNetwork(spec: PowNetworkSpec): PowRunResult {
  return runPrepared(preparePowNetwork(spec));
}

/** The network built, ready to run to `spec.maxDurationUs`; `finish` collects its metrics. */
export function preparePowNetwork(spec: PowNetworkSpec): PreparedRun<PowRunResult> {
  const n = spec.placements.length;
  if (spec.hashPower.length !== n) throw new RangeError(`hashPower: expected ${n} values (one per node), found ${spec.hashPower.length}`);
  let total = 0;
  for (let i = 0; i < n; i++) total += spec.hashPower[i]!;
  if (!(total > 0)) throw new RangeError(`hashPower: expected a positive total, found ${total}`);

  const engine = new Engine({ seed: spec.seed, network: spec.network, maxPendingEvents: spec.maxPendingEvents ?? 16_000_000 });
  const stopAfter = spec.stopAfterHeight;
  const collector = new PowCollector(n, stopAfter);
  engine.observe(collector.observe);
  for (const o of spec.observers ?? []) engine.observe(o);
  engine.observe((_h, e) => {
    if (e.kind === 'pow-mined' && (e as PowMinedEvent).block.height > stopAfter) engine.stop();
  });

  const genesis = powGenesis();
  const tree = new BlockTree(genesis, blockWork);
  const hosts: HostId[] = Array.from({ length: n }, (_, i) => i);
  // SimBlock's one-at-a-time block server must know when each transfer arrives (block-server.ts).
  const sendTimed = (from: HostId, to: HostId, msg: unknown, sizeBytes: number): number => engine.send(from, to, msg, sizeBytes);
  for (let i = 0; i < n; i++) {
    const options: PowNodeOptions = { params: spec.params, hashShare: spec.hashPower[i]! / total, candidates: hosts, genesis, tree, sendTimed };
    const h = engine.addHost(
      spec.placements[i]!,
      (ctx: ActorContext<unknown>) => spec.nodeFactory?.(i, ctx, options) ?? new PowNode(ctx, options),
      `pow:${i}`,
    );
    if (h !== i) throw new RangeError(`pow network expects an empty engine (host ${h} for node ${i})`);
  }
  return {
    engine,
    endUs: spec.maxDurationUs,
    finish() {
      const simulatedUs = engine.nowUs;
      return { engine, collector, metrics: collector.metrics(simulatedUs, spec.params.confirmations), simulatedUs, hosts };
    },
  };
}
