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
  /** Hash-power share of each replica by index; empty means equal shares. Normalised on use. */
  readonly hashShares: readonly number[];
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
  hashShares: [],
};

export const POW_PARAMETER_DOCS: readonly ParameterDoc[] = [
  { name: 'blockInterval', type: 'duration', default: '10m', meaning: 'mean time between blocks at the initial difficulty' },
  { name: 'blockSize', type: 'size', default: '535000B', meaning: 'size of each mined block (bandwidth-limited relay)' },
  { name: 'txSize', type: 'size', default: '250B', meaning: 'synthetic transaction size for throughput' },
  { name: 'outboundPeers', type: 'integer', default: '8', meaning: 'outbound connections per node (Bitcoin Core)' },
  { name: 'confirmations', type: 'integer', default: '6', meaning: 'k: blocks on top (itself included) before a block is final' },
  { name: 'compactBlockShare', type: 'number in [0, 1]', default: '0.964', meaning: 'share of nodes using BIP 152 compact blocks' },
  { name: 'compactBlockSize', type: 'size', default: '18KB', meaning: 'size of a compact block' },
  { name: 'compactFailureRate', type: 'number in [0, 1]', default: '0.13', meaning: 'compact block reconstruction failure, control nodes' },
  { name: 'churnCompactFailureRate', type: 'number in [0, 1]', default: '0.27', meaning: 'same, churning nodes' },
  { name: 'churnShare', type: 'number in [0, 1]', default: '0.976', meaning: 'share of churning nodes' },
  { name: 'compactFailureBytes', type: 'size', default: 'blockSize', meaning: 'bytes sent after a failed compact block' },
  { name: 'blockProcessing', type: 'duration', default: '2ms', meaning: 'validation time before relaying a block' },
  { name: 'retargetBlocks', type: 'integer', default: '0 (fixed)', meaning: 'blocks per difficulty period (Bitcoin: 2016)' },
  { name: 'hashPower', type: "'equal' or normal(mean, sd)", default: 'equal', meaning: 'how hash power is spread over nodes' },
];

/** Merge a protocol-params record over the defaults, checking each value's type and range. */
export function resolvePowParams(raw: Readonly<Record<string, unknown>>): PowParams {
  const out: Record<string, unknown> = { ...POW_DEFAULTS };
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in POW_DEFAULTS)) throw new RangeError(`pow parameter '${key}': unknown (expected one of ${Object.keys(POW_DEFAULTS).join(', ')})`);
    out[key] = value;
  }
  const p = out as unknown as PowParams;
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
  if (!Array.isArray(p.hashShares) || p.hashShares.some((s) => !(s >= 0))) {
    throw new RangeError(`pow parameter 'hashShares': expected a list of numbers ≥ 0, found ${String(p.hashShares)}`);
  }
  return p;
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

/** Hash-power share of replica `index` among `n` (normalised; equal when none are given). */
export function hashShareOf(p: PowParams, index: number, n: number): number {
  if (p.hashShares.length === 0) return 1 / n;
  if (p.hashShares.length !== n) throw new RangeError(`pow parameter 'hashShares': expected ${n} shares (one per replica), found ${p.hashShares.length}`);
  let total = 0;
  for (const s of p.hashShares) total += s;
  if (!(total > 0)) throw new RangeError(`pow parameter 'hashShares': expected a positive total, found ${total}`);
  return p.hashShares[index]! / total;
}
