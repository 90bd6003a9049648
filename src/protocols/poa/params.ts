/**
 * Proof-of-Authority (Clique) parameters, as found in `consensus.poa` (durations in µs).
 * EIP-225 fixes the block period at 15 s for the Görli-style network it specifies; geth's wiggle
 * unit is 500 ms (`wiggleTime`).
 */
import type { ParameterDoc } from '../types.ts';
import { readParams } from '../raft/params-reader.ts';

export interface PoaParams {
  readonly periodUs: number;
  readonly wiggleUs: number;
  /** Blocks on top of a block before a replica treats it as final; 0 picks ⌊N/2⌋ + 1. */
  readonly confirmations: number;
}

export const POA_DEFAULTS = { period: 15_000_000, wiggle: 500_000, confirmations: 0 } as const;

export const POA_PARAMETER_DOCS: readonly ParameterDoc[] = [
  { name: 'poa.period', type: 'duration', default: '15s', meaning: 'minimum time between a block and its parent (EIP-225 BLOCK_PERIOD)' },
  { name: 'poa.wiggle', type: 'duration', default: '500ms', meaning: "out-of-turn signers wait a random delay up to (⌊N/2⌋ + 1) × wiggle (EIP-225; geth's wiggleTime)" },
  { name: 'poa.confirmations', type: 'integer', default: '0', meaning: 'blocks on top before a block counts as committed; 0 means ⌊N/2⌋ + 1, the signer-limit window' },
];

export function poaParams(params: Readonly<Record<string, unknown>>): PoaParams {
  const p = readParams('poa', params, POA_DEFAULTS);
  if (!(p.period > 0)) throw new RangeError(`consensus.poa.period: expected a positive duration, found ${p.period} µs`);
  if (!(p.wiggle >= 0)) throw new RangeError(`consensus.poa.wiggle: expected a duration ≥ 0, found ${p.wiggle} µs`);
  if (!(Number.isInteger(p.confirmations) && p.confirmations >= 0)) {
    throw new RangeError(`consensus.poa.confirmations: expected an integer ≥ 0, found ${p.confirmations}`);
  }
  return { periodUs: p.period, wiggleUs: p.wiggle, confirmations: p.confirmations };
}
