import { describe, expect, it } from 'vitest';
import {
  bernoulli,
  categorical,
  cumulative,
  makeSampler,
  simblockLatency,
  type DistributionSpec,
} from './distributions.ts';
import { Rng } from './rng.ts';

const N = 200_000;
/** Tolerance in standard errors: a fixed seed either passes or fails, 4 SE keeps a correct sampler far from the edge. */
const Z = 4;

interface Moments {
  mean: number;
  variance: number;
  /** Standard errors of the sample mean and of the sample variance (from the fourth central moment). */
  meanSe: number;
  varianceSe: number;
}

function moments(xs: Float64Array): Moments {
  const n = xs.length;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let m2 = 0, m4 = 0;
  for (const x of xs) {
    const d = (x - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  return { mean: m, variance: m2, meanSe: Math.sqrt(m2 / n), varianceSe: Math.sqrt((m4 - m2 * m2) / n) };
}

function sample(spec: DistributionSpec, seed: number): Float64Array {
  const s = makeSampler(spec);
  const rng = new Rng(seed).stream(spec.kind);
  return Float64Array.from({ length: N }, () => s.sample(rng));
}

/** The sampler's analytic moments equal the closed form, and the draws agree with them. */
function expectMoments(spec: DistributionSpec, mean: number, variance: number): void {
  const s = makeSampler(spec);
  expect(s.mean).toBeCloseTo(mean, 9);
  expect(s.variance).toBeCloseTo(variance, 9);
  const m = moments(sample(spec, 2024));
  expect(Math.abs(m.mean - mean)).toBeLessThan(Z * m.meanSe);
  expect(Math.abs(m.variance - variance)).toBeLessThan(Z * m.varianceSe);
}

describe('distributions: mean and variance at a fixed seed', () => {
  it('uniform(2, 10): mean 6, variance 64/12', () => {
    expectMoments({ kind: 'uniform', min: 2, max: 10 }, 6, 64 / 12);
  });

  it('exponential(mean 1000, shift 100): mean 1100, variance 1e6', () => {
    expectMoments({ kind: 'exponential', mean: 1000, shift: 100 }, 1100, 1e6);
  });

  it('normal(50, 7): mean 50, variance 49', () => {
    expectMoments({ kind: 'normal', mean: 50, sd: 7 }, 50, 49);
  });

  it('lognormal(mu 1, sigma 0.5): mean e^1.125, variance (e^0.25 − 1)e^2.25', () => {
    expectMoments({ kind: 'lognormal', mu: 1, sigma: 0.5 }, Math.exp(1.125), (Math.exp(0.25) - 1) * Math.exp(2.25));
  });

  it('Pareto(shape 5, scale 2): mean 2.5, variance 25/48', () => {
    // shape 5 so that the fourth moment (needed for the variance test) exists.
    expectMoments({ kind: 'pareto', shape: 5, scale: 2 }, 2.5, (4 * 5) / (16 * 3));
  });

  it('empirical([1, 2, 2, 7]): mean 3, population variance 5.5', () => {
    expectMoments({ kind: 'empirical', values: [1, 2, 2, 7] }, 3, 5.5);
  });

  it('fixed(42): always 42', () => {
    const xs = sample({ kind: 'fixed', value: 42 }, 1);
    expect(xs.every((x) => x === 42)).toBe(true);
  });

  it('Bernoulli(0.3): mean 0.3, variance 0.21', () => {
    const rng = new Rng(5);
    const xs = Float64Array.from({ length: N }, () => (bernoulli(rng, 0.3) ? 1 : 0));
    const m = moments(xs);
    expect(Math.abs(m.mean - 0.3)).toBeLessThan(Z * m.meanSe);
    expect(Math.abs(m.variance - 0.21)).toBeLessThan(Z * m.varianceSe);
  });

  it('categorical([1, 0, 3, 6]): index mean 2.4, variance 0.84, never the zero-weight index', () => {
    const rng = new Rng(6);
    const cum = cumulative([1, 0, 3, 6]);
    const xs = Float64Array.from({ length: N }, () => categorical(rng, cum));
    expect(xs.includes(1)).toBe(false);
    // E[i] = 0·0.1 + 2·0.3 + 3·0.6 = 2.4; E[i²] = 1.2 + 5.4 = 6.6; Var = 6.6 − 5.76 = 0.84.
    const m = moments(xs);
    expect(Math.abs(m.mean - 2.4)).toBeLessThan(Z * m.meanSe);
    expect(Math.abs(m.variance - 0.84)).toBeLessThan(Z * m.varianceSe);
  });
});

describe('distributions: specs', () => {
  it('states a minimum that no sample goes below and that samples come within 1 % of', () => {
    const specs: [DistributionSpec, number][] = [
      [{ kind: 'fixed', value: 42 }, 42],
      [{ kind: 'uniform', min: 2, max: 10 }, 2],
      [{ kind: 'exponential', mean: 1000, shift: 100 }, 100],
      [{ kind: 'exponential', mean: 1000 }, 0],
      [{ kind: 'normal', mean: 50, sd: 7, min: 40 }, 40],
      [{ kind: 'lognormal', mu: -3, sigma: 1 }, 0],
      [{ kind: 'pareto', shape: 5, scale: 2 }, 2],
      [{ kind: 'empirical', values: [7, 3, 9] }, 3],
    ];
    for (const [spec, minimum] of specs) {
      let least = Infinity;
      for (const x of sample(spec, 11)) if (x < least) least = x;
      expect([spec.kind, makeSampler(spec).minimum]).toEqual([spec.kind, minimum]);
      expect([spec.kind, least >= minimum, least <= minimum + 0.01 * Math.max(1, minimum)]).toEqual([spec.kind, true, true]);
    }
    expect(makeSampler({ kind: 'normal', mean: 50, sd: 7 }).minimum).toBe(-Infinity);
  });

  it('keeps normal draws at or above min', () => {
    const xs = sample({ kind: 'normal', mean: 0, sd: 1, min: 0 }, 9);
    expect(Math.min(...xs.subarray(0, 10_000))).toBeGreaterThanOrEqual(0);
  });

  it('rejects bad parameters with the field and what was found', () => {
    expect(() => makeSampler({ kind: 'uniform', min: 5, max: 1 })).toThrow(/uniform.max: expected ≥ min \(5\), found 1/);
    expect(() => makeSampler({ kind: 'exponential', mean: 0 })).toThrow(/exponential.mean/);
    expect(() => makeSampler({ kind: 'pareto', shape: -1, scale: 1 })).toThrow(/pareto.shape/);
    expect(() => makeSampler({ kind: 'empirical', values: [] })).toThrow(/empirical.values/);
    expect(() => cumulative([0, 0])).toThrow(/positive total/);
    expect(() => cumulative([1, -1])).toThrow(/categorical weight 1/);
  });

  it('reports no mean for a Pareto with shape ≤ 1 and infinite variance for shape ≤ 2', () => {
    expect(makeSampler({ kind: 'pareto', shape: 1, scale: 1 }).mean).toBeNaN();
    expect(makeSampler({ kind: 'pareto', shape: 2, scale: 1 }).variance).toBe(Infinity);
  });

  it("gives SimBlock's latency in microseconds with the mean it was built for", () => {
    // SimBlock: shape 0.2·mean, scale mean − 5 (ms), so the Pareto mean is the table's mean.
    const s = makeSampler(simblockLatency(100));
    expect(s.mean).toBeCloseTo(100_000, 6);
  });
});
