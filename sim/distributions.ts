/**
 * Probability distributions as specs (plain data, from scenario files) compiled to samplers.
 * A sampler draws from the Rng it is given, so each actor's or link's draws stay on its own stream.
 */
import type { Rng } from './rng.ts';
import { badArgument } from './errors.ts';

export type DistributionSpec =
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number; shift?: number }
  | { kind: 'normal'; mean: number; sd: number; min?: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'pareto'; shape: number; scale: number }
  | { kind: 'empirical'; values: readonly number[] };

export interface Sampler {
  sample(rng: Rng): number;
  /** Analytic mean (NaN where it does not exist, e.g. Pareto with shape ≤ 1). */
  readonly mean: number;
  /** Analytic variance (Infinity or NaN where it does not exist). */
  readonly variance: number;
  /** The least value a sample can take (-Infinity where there is none). */
  readonly minimum: number;
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.float();
}

export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng.float());
}

/** Standard normal by the Box–Muller transform (the second value of the pair is not kept, so a draw is stateless). */
export function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.float();
  const u2 = rng.float();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export function normal(rng: Rng, mean: number, sd: number): number {
  return mean + sd * standardNormal(rng);
}

export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(rng));
}

/**
 * Pareto type I: P(X > x) = (scale / x)^shape for x ≥ scale, by inversion with `negInvShape` =
 * −1/shape. exp(log(·)) rather than Math.pow: V8's pow with a fractional exponent took three times
 * as long (about 30 against 10 ns here), and SimBlock's network draws one per message.
 */
export function pareto(rng: Rng, negInvShape: number, scale: number): number {
  return scale * Math.exp(negInvShape * Math.log(1 - rng.float()));
}

export function bernoulli(rng: Rng, p: number): boolean {
  return rng.float() < p;
}

/** Index drawn with probability proportional to `weights` (precompute with `cumulative`). */
export function categorical(rng: Rng, cumulativeWeights: Float64Array): number {
  const total = cumulativeWeights[cumulativeWeights.length - 1]!;
  const u = rng.float() * total;
  let lo = 0;
  let hi = cumulativeWeights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulativeWeights[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw badArgument(`categorical weight ${i}`, 'a finite number ≥ 0', w);
    sum += w;
    out[i] = sum;
  }
  if (sum <= 0) throw badArgument('categorical weights', 'a positive total', sum);
  return out;
}

/** Resampling from observed values (each equally likely). */
export function empirical(rng: Rng, values: ArrayLike<number>): number {
  return values[Math.floor(rng.float() * values.length)]!;
}

/**
 * SimBlock's latency model (Aoki et al. 2019): Pareto with shape 0.2·mean and scale mean − 5, both
 * from the region table's mean in ms, so the Pareto mean equals the table's mean. The spec is in µs,
 * like every latency the network takes.
 */
export function simblockLatency(meanMs: number): DistributionSpec {
  return { kind: 'pareto', shape: 0.2 * meanMs, scale: (meanMs - 5) * 1000 };
}

export function makeSampler(spec: DistributionSpec): Sampler {
  switch (spec.kind) {
    case 'fixed': {
      const v = spec.value;
      return { sample: () => v, mean: v, variance: 0, minimum: v };
    }
    case 'uniform': {
      const { min, max } = spec;
      if (!(max >= min)) throw badArgument('uniform.max', `≥ min (${min})`, max);
      return { sample: (rng) => uniform(rng, min, max), mean: (min + max) / 2, variance: (max - min) ** 2 / 12, minimum: min };
    }
    case 'exponential': {
      const { mean } = spec;
      const shift = spec.shift ?? 0;
      if (!(mean > 0)) throw badArgument('exponential.mean', 'a positive number', mean);
      return { sample: (rng) => shift + exponential(rng, mean), mean: shift + mean, variance: mean * mean, minimum: shift };
    }
    case 'normal': {
      const { mean, sd } = spec;
      const min = spec.min ?? -Infinity;
      if (!(sd >= 0)) throw badArgument('normal.sd', 'a number ≥ 0', sd);
      return {
        sample: (rng) => Math.max(min, normal(rng, mean, sd)),
        mean,
        variance: sd * sd,
        minimum: min,
      };
    }
    case 'lognormal': {
      const { mu, sigma } = spec;
      if (!(sigma >= 0)) throw badArgument('lognormal.sigma', 'a number ≥ 0', sigma);
      const s2 = sigma * sigma;
      return {
        sample: (rng) => lognormal(rng, mu, sigma),
        mean: Math.exp(mu + s2 / 2),
        variance: (Math.exp(s2) - 1) * Math.exp(2 * mu + s2),
        minimum: 0,
      };
    }
    case 'pareto': {
      const { shape, scale } = spec;
      if (!(shape > 0)) throw badArgument('pareto.shape', 'a positive number', shape);
      if (!(scale > 0)) throw badArgument('pareto.scale', 'a positive number', scale);
      const mean = shape > 1 ? (shape * scale) / (shape - 1) : NaN;
      const variance = shape > 2 ? (scale * scale * shape) / ((shape - 1) ** 2 * (shape - 2)) : Infinity;
      const negInvShape = -1 / shape;
      return { sample: (rng) => pareto(rng, negInvShape, scale), mean, variance, minimum: scale };
    }
    case 'empirical': {
      const values = Float64Array.from(spec.values);
      if (values.length === 0) throw badArgument('empirical.values', 'at least one value', 'an empty list');
      let m = 0;
      for (const v of values) m += v;
      m /= values.length;
      let v2 = 0;
      for (const v of values) v2 += (v - m) ** 2;
      let least = Infinity;
      for (const v of values) if (v < least) least = v;
      return { sample: (rng) => empirical(rng, values), mean: m, variance: v2 / values.length, minimum: least };
    }
  }
}
