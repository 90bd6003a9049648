/** The `consensus:` section: which protocol, how many nodes, block and batch limits, crypto, mempool. */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs, zSizeBytes } from '../zod-units.ts';
import { zPowParams } from './pow.ts';

/** PBFT's parameters (Castro & Liskov, OSDI 1999). */
export const zPbftParams = z
  .object({
    /** Checkpoint period K in sequence numbers (§4.3). */
    checkpointInterval: z.number().int().min(1).default(128),
    /** Log size L between the low and high water marks (§4.2); at least 2K as the paper suggests. */
    logWindow: z.number().int().min(2).default(256),
    /** Backup's timer before it suspects the primary (§4.4); doubled for each failed view (§4.5.2). */
    viewChangeTimeout: zPositiveDurationUs.default(1_000_000),
    /** 'macs': authenticators in the normal case, signatures for view changes (§5); 'signatures': everywhere. */
    auth: z.enum(['macs', 'signatures']).default('macs'),
    /** Executed batches each replica keeps below its low water mark for lagging replicas to fetch (§4.3). */
    stateTransferWindow: z.number().int().min(0).default(4096),
  })
  .strict();
export type PbftParamsSection = z.output<typeof zPbftParams>;

/** Raft's parameters (Ongaro & Ousterhout, ATC 2014); defaults as in src/protocols/raft/params.ts. */
export const zRaftParams = z
  .object({
    /** Randomized election timeout bounds (§5.2; the paper's evaluation uses 150–300 ms, §9.3). */
    electionTimeoutMin: zPositiveDurationUs.default(150_000),
    /** Upper bound of the randomized election timeout (§5.2; 300 ms as in §9.3). */
    electionTimeoutMax: zPositiveDurationUs.default(300_000),
    /** Leader's idle AppendEntries period; well below the election timeout (§5.6). */
    heartbeatInterval: zPositiveDurationUs.default(50_000),
    /** Most log entries in one AppendEntries while a follower catches up. */
    maxEntriesPerAppend: z.number().int().min(1).default(64),
  })
  .strict();

/** Chained HotStuff's pacemaker (Yin et al., PODC 2019, §4.4 and Algorithm 5). */
export const zHotStuffParams = z
  .object({
    /** Base view timeout before a replica sends NEW-VIEW to the next leader. */
    viewTimeout: zPositiveDurationUs.default(1_000_000),
    /** Cap on the backed-off view timeout. */
    viewTimeoutMax: zPositiveDurationUs.default(60_000_000),
    /** 'exponential': the timeout doubles per consecutive timed-out view; 'fixed': it stays. */
    backoff: z.enum(['exponential', 'fixed']).default('exponential'),
    /** Most client transactions a replica forwards to the next leader on one vote or new-view. */
    forwardMax: z.number().int().min(0).default(1024),
  })
  .strict();

/** Proof-of-authority with Clique's rules (EIP-225). */
export const zPoaParams = z
  .object({
    /** Minimum time between a block and its parent (BLOCK_PERIOD; 15 s in EIP-225). */
    period: zPositiveDurationUs.default(15_000_000),
    /** Out-of-turn signers wait a random delay up to (⌊N/2⌋ + 1) × wiggle (geth's wiggleTime, 500 ms). */
    wiggle: zDurationUs.default(500_000),
    /** Blocks on top before a block counts as committed; 0 means ⌊N/2⌋ + 1 (the signer-limit window). */
    confirmations: z.number().int().min(0).default(0),
  })
  .strict();

/** Cost table of the crypto model in virtual µs (see `iomtsim calibrate`). */
const zCryptoCosts = z
  .object({
    /** One signature (built-in default: Ed25519 at ~17,000/s on node:crypto). */
    signUs: z.number().nonnegative(),
    /** One signature verification (built-in default: Ed25519 at ~6,500/s). */
    verifyUs: z.number().nonnegative(),
    /** Fixed cost of one hash; a hash of n bytes costs hashUs + hashPerKiBUs · n / 1024. */
    hashUs: z.number().nonnegative(),
    /** Added cost per KiB hashed (built-in default: SHA-256 at ~300,000 KiB/s). */
    hashPerKiBUs: z.number().nonnegative(),
    /** One MAC (HMAC-SHA-256 of a digest, PBFT's authenticators, §5); omitted: 2 × hashUs. */
    macUs: z.number().nonnegative().optional(),
  })
  .strict();

/** Each replica's pool of transactions waiting for a block: bounded in transactions and bytes. */
export const zMempool = z
  .object({
    /** Most transactions waiting. */
    capacity: z.number().int().min(1).default(100_000),
    /** Most bytes waiting. */
    capacityBytes: zSizeBytes.default(268_435_456),
    /** 'fifo': arrival order; 'priority': higher priority first, FIFO among equals (fee-ordered pools). */
    order: z.enum(['fifo', 'priority']).default('fifo'),
  })
  .strict();

export const zConsensus = z
  .object({
    protocol: z.enum(['pbft', 'hotstuff', 'raft', 'poa', 'pow']).default('pbft'),
    nodes: z.number().int().min(1).max(10_000).default(4),
    /** Most transactions in one block or batch. */
    batchSize: z.number().int().min(1).default(10),
    /** Propose a partial batch after this long (Fabric's BatchTimeout). */
    batchTimeout: zPositiveDurationUs.default(2_000_000),
    blockSizeMax: zSizeBytes.default(524_288),
    /** 'symbolic' Dolev–Yao signatures (fast) or 'real' Ed25519 and SHA-256 everywhere. */
    crypto: z.enum(['symbolic', 'real']).default('symbolic'),
    /** CPU cost table; defaults to the built-in node:crypto figures. */
    cryptoCosts: zCryptoCosts.optional(),
    mempool: zMempool.default(() => zMempool.parse({})),
    /** The liveness checker reports a stall when committed height does not advance for this long while work waits. */
    livenessBound: zPositiveDurationUs.default(30_000_000),
    pbft: zPbftParams.default(() => zPbftParams.parse({})),
    hotstuff: zHotStuffParams.default(() => zHotStuffParams.parse({})),
    raft: zRaftParams.default(() => zRaftParams.parse({})),
    poa: zPoaParams.default(() => zPoaParams.parse({})),
    pow: zPowParams.default(() => zPowParams.parse({})),
  })
  .strict();
export type ConsensusSection = z.output<typeof zConsensus>;
