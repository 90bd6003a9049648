/**
 * How to give a latency the floor a split over threads needs: the least latency across the split
 * is the window each thread runs alone (sim/partition.ts), and each kind of distribution takes its
 * floor from a field of its own (sim/distributions.ts `minimum`).
 */
import type { LatencySpec } from '../../scenario/sections/network.ts';

export interface FloorAdvice {
  /** The field of the latency that sets its floor, where the latency states it. */
  readonly field?: string;
  /** What to change, in words for an error's "expected". */
  readonly advice: string;
}

/** Where `spec`'s floor lies and how to raise it above 0. */
export function floorAdvice(spec: LatencySpec): FloorAdvice {
  switch (spec.kind) {
    case 'fixed': return { field: 'value', advice: 'give this fixed latency a positive value, e.g. value: 5ms' };
    case 'uniform': return { field: 'min', advice: 'give this uniform latency a positive min, e.g. min: 5ms' };
    case 'exponential': return { ...(spec.shift === undefined ? {} : { field: 'shift' }), advice: 'shift this exponential latency by its floor, e.g. shift: 5ms' };
    case 'normal': return { ...(spec.min === undefined ? {} : { field: 'min' }), advice: 'give this normal latency a floor, e.g. min: 5ms' };
    // A lognormal draw comes as close to 0 as it likes: no field gives it a floor.
    case 'lognormal': return { advice: 'a kind of latency with a floor, which lognormal has not, e.g. { kind: normal, mean: 10ms, sd: 2ms, min: 4ms }' };
    case 'empirical': return { field: 'values', advice: 'give this empirical latency positive values only (its floor is the least)' };
    // The schema keeps both Pareto floors at 1 µs or more (zLatency): named for completeness.
    case 'pareto': return { field: 'scale', advice: 'give this Pareto latency a scale (its floor) of at least 1us' };
    case 'pareto-simblock': return { field: 'mean', advice: 'give this Pareto latency a mean over 5ms (its floor is mean − 5 ms)' };
  }
}
