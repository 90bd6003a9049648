/**
 * Parameters of Nakamoto proof-of-work, with their defaults and sources. The scenario's
 * `consensus.pow` block is defined by `powParamsSchema` (names as in the scenario file, quantities
 * in base units); the nodes and the network run read the same values as `PowParams`, whose names
 * carry their units.
 */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs, zSizeBytes } from '../../scenario/zod-units.ts';
import { HEADER_SIZE_BYTES } from './block.ts';

const zShare = z.number().min(0).max(1);
/** Sizes a block or transaction cannot be without: 0 bytes would make every relay instant and every block empty. */
const zPositiveSizeBytes = zSizeBytes.refine((bytes) => bytes > 0, { message: 'expected a positive size, found 0 bytes' });

/**
 * A retarget scales the difficulty by the expected over the actual time between the first and the
 * last block of the period (nextDifficulty in block.ts, Bitcoin's CalculateNextWorkRequired): a
 * period of 1 block measures no interval, its expected time is 0, and every block would quarter
 * the difficulty until the block rate exhausts memory. 0 means no retarget.
 */
const zRetargetBlocks = z.number().int().min(0).refine((blocks) => blocks !== 1, {
  message: 'expected 0 (a fixed difficulty) or a period of at least 2 blocks (a 1-block period measures no interval between its first and last block), found 1',
});

/** How hash power is spread: equal shares, or per node ~ normal(mean, sd) floored at 1 (SimBlock). */
const zHashPower = z.union([
  z.literal('equal'),
  z
    .object({
      kind: z.literal('normal').describe("'normal': each node's hash power is drawn from normal(mean, sd), floored at 1."),
      mean: z.number().positive().describe('Mean hash power per node, in relative units (only ratios matter; SimBlock uses 400,000).'),
      sd: z.number().nonnegative().describe('Standard deviation of per-node hash power, same units as `mean` (SimBlock: 100,000).'),
    })
    .strict(),
]);

export const powParamsSchema = z
  .object({
    blockInterval: zPositiveDurationUs.default(600_000_000).describe('Mean time between blocks of the whole network at the initial difficulty (Bitcoin: 10 min).'),
    blockSize: zPositiveSizeBytes.default(535_000).describe("Size of every mined block (SimBlock's reference network: 535,000 B); at least its 80-byte header plus one transaction of txSize."),
    txSize: zPositiveSizeBytes.default(250).describe('Size of one synthetic transaction; a block holds (blockSize − header) / txSize of them, for throughput.'),
    outboundPeers: z.union([z.number().int().min(1), z.literal('bitcoin-2015')]).default(8)
      .describe("Outbound connections per node (Bitcoin Core's 8), or 'bitcoin-2015': each node's own count drawn from Bitcoin's measured 2015 distribution, 1 to 20, mean 8.6 (SimBlock). The peer graph is drawn from the run's seed."),
    confirmations: z.number().int().min(1).default(6).describe('k: a block is final once k blocks, itself included, are on top of it (Nakamoto 2008 §11).'),
    compactBlockShare: zShare.default(0.964).describe('Share of nodes that relay BIP 152 compact blocks (SimBlock: 0.964); 0 turns compact relay off.'),
    compactBlockSize: zPositiveSizeBytes.default(18_000).describe('Size of a compact block (SimBlock: 18 KB).'),
    compactFailureRate: zShare.default(0.13).describe('Chance a non-churning node cannot rebuild a compact block from its mempool (SimBlock: 0.13).'),
    churnCompactFailureRate: zShare.default(0.27).describe('The same chance for churning nodes (SimBlock: 0.27).'),
    churnShare: zShare.default(0.976).describe("Share of nodes that are churning, i.e. use `churnCompactFailureRate` (SimBlock's configuration: 0.976)."),
    compactFailureBytes: z.union([zSizeBytes, z.literal('simblock')]).optional()
      .describe("Bytes sent after a failed compact block (getblocktxn → blocktxn); 'simblock': a share of the block drawn from SimBlock's table for the serving node (1 % to 96 %); the block size when omitted, an upper bound."),
    blockProcessing: zDurationUs.default(2_000)
      .describe("Processing time of a block per hop (SimBlock: 2 ms): validation by the receiver before it relays, or with `blockServing: 'sequential'` part of each transfer, as SimBlock adds it to the sender's."),
    blockServing: z.enum(['concurrent', 'sequential']).default('concurrent')
      .describe("How a node answers block requests: 'concurrent', at once, the bytes sharing its uplink; 'sequential', one transfer at a time in request order, the next starting when the previous has reached its receiver (SimBlock)."),
    controlMessageDelay: zDurationUs.default(0)
      .describe('Extra one-way delay of every inv, getdata and getblocktxn (SimBlock adds 10 ms to each); 0 in Bitcoin Core.'),
    retargetBlocks: zRetargetBlocks.default(0)
      .describe('Blocks per difficulty-retarget period (Bitcoin: 2016), at least 2: a retarget compares the time between the first and last blocks of the period with its expected time, and a 1-block period has no interval to measure; 0 keeps the difficulty fixed.'),
    announceToKnownPeers: z.boolean().default(false).describe('Announce blocks to peers known to have them too (SimBlock); Bitcoin Core skips them.'),
    hashPower: zHashPower.default('equal').describe('How hash power is spread: equal shares, or per node ~ normal(mean, sd) floored at 1 (SimBlock).'),
    blocks: z.number().int().min(1).optional().describe("Stop once this many blocks are on the chain (SimBlock's end condition); else run `duration`."),
  })
  .strict()
  .superRefine((p, ctx) => {
    // A block holds its header and (blockSize − header) / txSize transactions, rounded down (mint in
    // block.ts): a smaller block holds none, and the run would report a throughput of 0.
    const least = HEADER_SIZE_BYTES + p.txSize;
    if (p.blockSize < least) {
      ctx.addIssue({ code: 'custom', path: ['blockSize'], message: `expected at least ${least} B, the ${HEADER_SIZE_BYTES}-byte block header and one transaction of txSize (${p.txSize} B), found ${p.blockSize} B` });
    }
  });

/** The scenario's `consensus.pow` block as parsed. */
export type PowParamsSection = z.output<typeof powParamsSchema>;

/**
 * What the nodes and the network run read: the fields of `powParamsSchema` (see its descriptions)
 * with their units in their names, `compactFailureBytes` resolved, and no run-level fields
 * (`hashPower`, `blocks`).
 */
export interface PowParams {
  readonly blockIntervalUs: number;
  readonly blockSizeBytes: number;
  readonly txSizeBytes: number;
  /** Outbound links of a node; with `outboundPeerCounts: 'bitcoin-2015'`, the distribution's median, for callers that need one number. */
  readonly outboundPeers: number;
  /** 'fixed': every node opens `outboundPeers`; 'bitcoin-2015': each draws its own (simblock-relay.ts). */
  readonly outboundPeerCounts: 'fixed' | 'bitcoin-2015';
  readonly confirmations: number;
  readonly compactBlockShare: number;
  readonly compactBlockSizeBytes: number;
  readonly compactFailureRate: number;
  readonly churnCompactFailureRate: number;
  readonly churnShare: number;
  /** A fixed size, or 'simblock': drawn per failure from SimBlock's table (simblock-relay.ts). */
  readonly compactFailureBytes: number | 'simblock';
  readonly blockProcessingUs: number;
  readonly blockServing: 'concurrent' | 'sequential';
  readonly controlMessageDelayUs: number;
  readonly retargetBlocks: number;
  readonly announceToKnownPeers: boolean;
}

/** Half of Bitcoin's 2015 nodes had at most 8 outbound links (simblock-relay.ts). */
const BITCOIN_2015_MEDIAN_OUTBOUND_PEERS = 8;

/** The network-level parameters of a parsed `consensus.pow` block. */
export function powNetworkParams(section: PowParamsSection): PowParams {
  return {
    blockIntervalUs: section.blockInterval,
    blockSizeBytes: section.blockSize,
    txSizeBytes: section.txSize,
    outboundPeers: section.outboundPeers === 'bitcoin-2015' ? BITCOIN_2015_MEDIAN_OUTBOUND_PEERS : section.outboundPeers,
    outboundPeerCounts: section.outboundPeers === 'bitcoin-2015' ? 'bitcoin-2015' : 'fixed',
    confirmations: section.confirmations,
    compactBlockShare: section.compactBlockShare,
    compactBlockSizeBytes: section.compactBlockSize,
    compactFailureRate: section.compactFailureRate,
    churnCompactFailureRate: section.churnCompactFailureRate,
    churnShare: section.churnShare,
    compactFailureBytes: section.compactFailureBytes ?? section.blockSize,
    blockProcessingUs: section.blockProcessing,
    blockServing: section.blockServing,
    controlMessageDelayUs: section.controlMessageDelay,
    retargetBlocks: section.retargetBlocks,
    announceToKnownPeers: section.announceToKnownPeers,
  };
}

/** The defaults of `powParamsSchema`, as network parameters (presets and tests start from them). */
export const POW_DEFAULTS: PowParams = powNetworkParams(powParamsSchema.parse({}));
