/** How hash power is spread over PoW nodes: equal, or SimBlock's normal(mean, sd) floored at 1. */
import { normal, Rng } from '../../../sim/index.ts';

export type HashPowerSpec = 'equal' | { readonly kind: 'normal'; readonly mean: number; readonly sd: number };

/** Hash power of each of `nodes` nodes, drawn from the run's 'pow:hash-power' stream. */
export function hashPowerOf(spec: HashPowerSpec, nodes: number, seed: number): Float64Array {
  const out = new Float64Array(nodes);
  if (spec === 'equal') return out.fill(1);
  const rng = new Rng(seed).stream('pow:hash-power');
  for (let i = 0; i < nodes; i++) out[i] = Math.max(1, normal(rng, spec.mean, spec.sd));
  return out;
}
