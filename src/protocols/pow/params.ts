/**
 * Parameters of Nakamoto proof-of-work, with their defaults and sources. The scenario's
 * `consensus.pow` sub-object and `ReplicaConfig.params` both resolve to a `PowParams`.
 */
import type { ParameterDoc } from '../types.ts';

export interface PowParams {
  /** Mean time between blocks of the whole network at the initial difficulty (Bitcoin: 10 min). */
  readonly blockIntervalUs: number;
  /** Size of every mined block (SimBlock's reference network: 535,000 B). */
  readonly blockSizeBytes: number;
  /** Size of one synthetic transaction, to turn blocks into transactions per second. */
  readonly txSizeBytes: number;
  /** Outbound connections per node (Bitcoin Core: 8). */
  readonly outboundPeers: number;
  /** k: a block is final once k blocks, itself included, are on top of it (Nakamoto 2008 §11). */
  readonly confirmations: number;
  /** Share of nodes that use BIP 152 compact block relay (SimBlock: 0.964); 0 turns it off. */
  readonly compactBlockShare: number;
  /** Size of a compact block (SimBlock: 18 KB). */
  readonly compactBlockSizeBytes: number;
  /** Chance a compact block cannot be rebuilt from the mempool, for control nodes (SimBlock: 0.13). */
  readonly compactFailureRate: number;
  /** Same for churning nodes (SimBlock: 0.27). */
  readonly churnCompactFailureRate: number;
  /** Share of churning nodes (SimBlock's configuration: 0.976). */
  readonly churnShare: number;
  /**
   * Bytes sent after a failed compact block (getblocktxn → blocktxn). SimBlock draws this from a
   * measured distribution; by default the whole block, an upper bound.
   */
  readonly compactFailureBytes: number;
  /** Validation time of a received block before it is relayed (SimBlock: 2 ms). */
  readonly blockProcessingUs: number;
  /** Blocks per difficulty period (Bitcoin: 2016); 0 keeps the difficulty fixed. */
  readonly retargetBlocks: number;
  /** Announce blocks to peers known to have them too (SimBlock does; Bitcoin Core does not). */
  readonly announceToKnownPeers: boolean;
}

export const POW_DEFAULTS: PowParams = {
  blockIntervalUs: 600_000_000,
  blockSizeBytes: 535_000,
  txSizeBytes: 250,
  outboundPeers: 8,
  confirmations: 6,
  compactBlockShare: 0.964,
  compactBlockSizeBytes: 18_000,
  compactFailureRate: 0.13,
  churnCompactFailureRate: 0.27,
  churnShare: 0.976,
  compactFailureBytes: 535_000,
  blockProcessingUs: 2_000,
  retargetBlocks: 0,
  announceToKnownPeers: false,
};

export const POW_PARAMETER_DOCS: readonly ParameterDoc[] = [
  { name: 'pow.blockInterval', type: 'duration', default: '10m', meaning: 'mean time between blocks at the initial difficulty' },
  { name: 'pow.blockSize', type: 'size', default: '535000B', meaning: 'size of each mined block (bandwidth-limited relay)' },
  { name: 'pow.txSize', type: 'size', default: '250B', meaning: 'synthetic transaction size for throughput' },
  { name: 'pow.outboundPeers', type: 'integer', default: '8', meaning: 'outbound connections per node (Bitcoin Core)' },
  { name: 'pow.confirmations', type: 'integer', default: '6', meaning: 'k: blocks on top (itself included) before a block is final' },
  { name: 'pow.compactBlockShare', type: 'number in [0, 1]', default: '0.964', meaning: 'share of nodes using BIP 152 compact blocks' },
  { name: 'pow.compactBlockSize', type: 'size', default: '18KB', meaning: 'size of a compact block' },
  { name: 'pow.compactFailureRate', type: 'number in [0, 1]', default: '0.13', meaning: 'compact block reconstruction failure, control nodes' },
  { name: 'pow.churnCompactFailureRate', type: 'number in [0, 1]', default: '0.27', meaning: 'same, churning nodes' },
  { name: 'pow.churnShare', type: 'number in [0, 1]', default: '0.976', meaning: 'share of churning nodes' },
  { name: 'pow.compactFailureBytes', type: 'size', default: 'blockSize', meaning: 'bytes sent after a failed compact block' },
  { name: 'pow.blockProcessing', type: 'duration', default: '2ms', meaning: 'validation time before relaying a block' },
  { name: 'pow.retargetBlocks', type: 'integer', default: '0 (fixed)', meaning: 'blocks per difficulty period (Bitcoin: 2016)' },
  { name: 'pow.announceToKnownPeers', type: 'boolean', default: 'false', meaning: "also announce blocks to peers known to have them (SimBlock's relay; Bitcoin Core skips them)" },
  { name: 'pow.hashPower', type: "'equal' or { kind: normal, mean, sd }", default: 'equal', meaning: 'how hash power is spread over nodes' },
  { name: 'pow.blocks', type: 'integer', default: 'none (run the duration)', meaning: 'stop once this many blocks are on the chain' },
];

/**
 * PowParams from the scenario's `consensus.pow` record (quantities already in base units; names
 * as in the scenario file, e.g. `blockInterval` in µs). Unknown keys and bad values are errors
 * naming the field.
 */
export function powParamsFromSection(raw: Readonly<Record<string, unknown>>): PowParams {
  const num = (key: string, fallback: number): number => {
    const v = raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number') throw new RangeError(`consensus.pow.${key}: expected a number, found ${String(v)}`);
    return v;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw new RangeError(`consensus.pow.${key}: expected true or false, found ${String(v)}`);
    return v;
  };
  const blockSizeBytes = num('blockSize', POW_DEFAULTS.blockSizeBytes);
  const p: PowParams = {
    blockIntervalUs: num('blockInterval', POW_DEFAULTS.blockIntervalUs),
    blockSizeBytes,
    txSizeBytes: num('txSize', POW_DEFAULTS.txSizeBytes),
    outboundPeers: num('outboundPeers', POW_DEFAULTS.outboundPeers),
    confirmations: num('confirmations', POW_DEFAULTS.confirmations),
    compactBlockShare: num('compactBlockShare', POW_DEFAULTS.compactBlockShare),
    compactBlockSizeBytes: num('compactBlockSize', POW_DEFAULTS.compactBlockSizeBytes),
    compactFailureRate: num('compactFailureRate', POW_DEFAULTS.compactFailureRate),
    churnCompactFailureRate: num('churnCompactFailureRate', POW_DEFAULTS.churnCompactFailureRate),
    churnShare: num('churnShare', POW_DEFAULTS.churnShare),
    compactFailureBytes: num('compactFailureBytes', blockSizeBytes),
    blockProcessingUs: num('blockProcessing', POW_DEFAULTS.blockProcessingUs),
    retargetBlocks: num('retargetBlocks', POW_DEFAULTS.retargetBlocks),
    announceToKnownPeers: bool('announceToKnownPeers', POW_DEFAULTS.announceToKnownPeers),
  };
  const known = new Set(['blockInterval', 'blockSize', 'txSize', 'outboundPeers', 'confirmations', 'compactBlockShare', 'compactBlockSize', 'compactFailureRate', 'churnCompactFailureRate', 'churnShare', 'compactFailureBytes', 'blockProcessing', 'retargetBlocks', 'announceToKnownPeers', 'hashPower', 'blocks']);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw new RangeError(`consensus.pow.${key}: unknown parameter (expected one of ${[...known].join(', ')})`);
  }
  checkPowParams(p);
  return p;
}

/** Range checks shared by every way of building PowParams. */
export function checkPowParams(p: PowParams): void {
  positive('blockIntervalUs', p.blockIntervalUs);
  positive('blockSizeBytes', p.blockSizeBytes);
  positive('txSizeBytes', p.txSizeBytes);
  positive('compactBlockSizeBytes', p.compactBlockSizeBytes);
  nonNegative('compactFailureBytes', p.compactFailureBytes);
  nonNegative('blockProcessingUs', p.blockProcessingUs);
  integer('outboundPeers', p.outboundPeers, 1);
  integer('confirmations', p.confirmations, 1);
  integer('retargetBlocks', p.retargetBlocks, 0);
  for (const k of ['compactBlockShare', 'compactFailureRate', 'churnCompactFailureRate', 'churnShare'] as const) {
    if (!(p[k] >= 0 && p[k] <= 1)) throw new RangeError(`pow parameter '${k}': expected a number in [0, 1], found ${p[k]}`);
  }
}

function positive(name: string, v: number): void {
  if (!(v > 0)) throw new RangeError(`pow parameter '${name}': expected a positive number, found ${v}`);
}
function nonNegative(name: string, v: number): void {
  if (!(v >= 0)) throw new RangeError(`pow parameter '${name}': expected a number ≥ 0, found ${v}`);
}
function integer(name: string, v: number, min: number): void {
  if (!(Number.isInteger(v) && v >= min)) throw new RangeError(`pow parameter '${name}': expected an integer ≥ ${min}, found ${v}`);
}
