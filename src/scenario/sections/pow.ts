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
  z.object({ kind: z.literal('normal'), mean: z.number().positive(), sd: z.number().nonnegative() }).strict(),
]);

export const zPowParams = z
  .object({
    blockInterval: zPositiveDurationUs.default(600_000_000),
    blockSize: zSizeBytes.default(535_000),
    txSize: zSizeBytes.default(250),
    /** Outbound connections per node (Bitcoin Core's 8); the peer graph is drawn from the run's seed. */
    outboundPeers: z.number().int().min(1).default(8),
    /** k: blocks on top before a block counts as committed (k-confirmation finality). */
    confirmations: z.number().int().min(1).default(6),
    compactBlockShare: zShare.default(0.964),
    compactBlockSize: zSizeBytes.default(18_000),
    compactFailureRate: zShare.default(0.13),
    churnCompactFailureRate: zShare.default(0.27),
    churnShare: zShare.default(0.976),
    /** Bytes sent after a failed compact block; the block size when omitted. */
    compactFailureBytes: zSizeBytes.optional(),
    blockProcessing: zDurationUs.default(2_000),
    retargetBlocks: z.number().int().min(0).default(0),
    /** Announce blocks to peers known to have them too (SimBlock); Bitcoin Core skips them. */
    announceToKnownPeers: z.boolean().default(false),
    hashPower: zHashPower.default('equal'),
    /** Stop once this many blocks are on the chain (SimBlock's end condition); else run `duration`. */
    blocks: z.number().int().min(1).optional(),
  })
  .strict();
export type PowParamsSection = z.output<typeof zPowParams>;
