/** Nakamoto proof-of-work (Nakamoto 2008), relayed as in Bitcoin Core and SimBlock (Aoki et al. 2019). */
import { defineProtocol } from '../definition.ts';
import { crashMaxFaulty, majority } from '../fault-bounds.ts';
import { powGenesis } from './block.ts';
import { hashPowerOf } from './hash-power.ts';
import { PowNode } from './node.ts';
import { powNetworkParams, powParamsSchema } from './params.ts';
import { POW_MESSAGE_KINDS } from './types.ts';

export const pow = defineProtocol({
  name: 'pow',
  title: 'Nakamoto proof-of-work',
  reference: 'S. Nakamoto, "Bitcoin: A Peer-to-Peer Electronic Cash System", 2008; relay after Aoki et al., "SimBlock", IEEE INFOCOM Workshops 2019',
  paramsSchema: powParamsSchema,
  faultModel: {
    kind: 'nakamoto',
    rule: 'an honest majority of hash power (n ≥ 2f + 1 nodes of equal power)',
    // Safe while honest nodes hold most of the hash power (§11); by node count, a minority.
    maxFaulty: crashMaxFaulty,
    // The longest chain is the one most of the hash power extends.
    quorum: majority,
    // A client trusts one node's k-confirmation report.
    repliesNeeded: () => 1,
  },
  // Block intervals are exponential (§11): any bound on the time between commits is exceeded
  // sooner or later, so a run checks liveness only against a bound its scenario states.
  commitGapBoundUs: () => null,
  messageKinds: POW_MESSAGE_KINDS,
  // Any node takes a transaction and relays it to its peers (Bitcoin's transaction relay).
  clientRequests: 'any-replica',
  withoutMempool: 'each node keeps every transaction not yet in its best chain and mines them in arrival order (src/protocols/pow/tx-pool.ts), with no capacity, order or lifetime to set',
  withoutApplication: 'its nodes confirm transactions k blocks deep without executing them on the application (docs/pow.md), so no contract call of an IoMT world would take effect',
  createReplica: (ctx, config, _app) => {
    const n = config.replicaHosts.length;
    // Every replica derives the same power table from the run's seed, then takes its own share.
    const power = hashPowerOf(config.params.hashPower, n, ctx.rng.seed);
    let total = 0;
    for (const p of power) total += p;
    return new PowNode(ctx, {
      params: powNetworkParams(config.params),
      hashShare: power[config.index]! / total,
      candidates: config.replicaHosts,
      genesis: powGenesis(),
      txAuth: { auth: config.txAuth, costs: config.crypto },
    });
  },
});

export { PowNode, powChainStore, type PowNodeOptions } from './node.ts';
export { runPowNetwork, type PowNetworkSpec, type PowRunResult } from './network-run.ts';
export { PowCollector } from './collector.ts';
export { hashPowerOf, type HashPowerSpec } from './hash-power.ts';
export { POW_DEFAULTS, powNetworkParams, powParamsSchema, type PowParams, type PowParamsSection } from './params.ts';
export * from './simblock-network.ts';
export * from './bitcoin-2013-network.ts';
export type * from './types.ts';
