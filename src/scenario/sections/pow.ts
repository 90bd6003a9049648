/**
 * `consensus.pow`: Nakamoto proof-of-work's parameters (see src/protocols/pow/params.ts for their
 * sources). Quantities carry units; they arrive in base units (µs, bytes).
 */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs, zSizeBytes } from '../zod-units.ts';

const zShare = z.number().min(0).max(1);

/** How hash power is spread: equal shares, or per node ~ normal(mean, sd) floored at 1 (SimBlock). */
export const zHashPower = z.union([
  z.literal('equal'),
  z
    .object({
      /** 'normal': each node's hash power is drawn from normal(mean, sd), floored at 1. */
      kind: z.literal('normal'),
      /** Mean hash power per node, in relative units (only ratios matter; SimBlock uses 400,000). */
      mean: z.number().positive(),
      /** Standard deviation of per-node hash power, same units as `mean` (SimBlock: 100,000). */
      sd: z.number().nonnegative(),
    })
    .strict(),
]);

/** Nakamoto proof-of-work's parameters; defaults and sources as in src/protocols/pow/params.ts. */
export const zPowParams = z
  .object({
    /** Mean time between blocks of the whole network at the initial difficulty (Bitcoin: 10 min). */
    blockInterval: zPositiveDurationUs.default(600_000_000),
    /** Size of every mined block (SimBlock's reference network: 535,000 B). */
    blockSize: zSizeBytes.default(535_000),
    /** Size of one synthetic transaction; a block holds (blockSize − header) / txSize of them, for throughput. */
    txSize: zSizeBytes.default(250),
    /** Outbound connections per node (Bitcoin Core's 8); the peer graph is drawn from the run's seed. */
    outboundPeers: z.number().int().min(1).default(8),
    /** k: blocks on top before a block counts as committed (k-confirmation finality). */
    confirmations: z.number().int().min(1).default(6),
    /** Share of nodes that relay BIP 152 compact blocks (SimBlock: 0.964); 0 turns compact relay off. */
    compactBlockShare: zShare.default(0.964),
    /** Size of a compact block (SimBlock: 18 KB). */
    compactBlockSize: zSizeBytes.default(18_000),
    /** Chance a non-churning node cannot rebuild a compact block from its mempool (SimBlock: 0.13). */
    compactFailureRate: zShare.default(0.13),
    /** The same chance for churning nodes (SimBlock: 0.27). */
    churnCompactFailureRate: zShare.default(0.27),
    /** Share of nodes that are churning, i.e. use `churnCompactFailureRate` (SimBlock: 0.976). */
    churnShare: zShare.default(0.976),
    /** Bytes sent after a failed compact block; the block size when omitted. */
    compactFailureBytes: zSizeBytes.optional(),
    /** Validation time of a received block before it is relayed (SimBlock: 2 ms). */
    blockProcessing: zDurationUs.default(2_000),
    /** Blocks per difficulty-retarget period (Bitcoin: 2016); 0 keeps the difficulty fixed. */
    retargetBlocks: z.number().int().min(0).default(0),
    /** Announce blocks to peers known to have them too (SimBlock); Bitcoin Core skips them. */
    announceToKnownPeers: z.boolean().default(false),
    hashPower: zHashPower.default('equal'),
    /** Stop once this many blocks are on the chain (SimBlock's end condition); else run `duration`. */
    blocks: z.number().int().min(1).optional(),
  })
  .strict();
export type PowParamsSection = z.output<typeof zPowParams>;
