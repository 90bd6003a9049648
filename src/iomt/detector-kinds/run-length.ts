/**
 * Run lengths of the streaming detectors: the number of samples until the first alarm, in control
 * (ARL0: how rarely an honest device alarms) and after a shift (ARL1: how soon an attack is seen).
 * Detector parameters are chosen from these, not from the attack scenarios (docs/references.md §9).
 *
 * - `cusumArl`: the tabular CUSUM on i.i.d. standardized samples, by the Markov chain of Brook &
 *   Evans (1972): the sum's range [0, h] is cut into `states` cells, R holds the transition
 *   probabilities between cells, and the ARL from an empty sum is the first entry of (I − R)⁻¹·1.
 *   The two one-sided sums combine as 1/ARL = 1/ARL⁺ + 1/ARL⁻ (Montgomery, "Introduction to SQC",
 *   §9.1). It reproduces Montgomery's table for k = ½, h = 4 and 5 (run-length.test.ts).
 * - `cusumFalseAlarmRate`: the in-control alarm rate of that CUSUM when, as at a gateway, its mean
 *   and standard deviation are estimated from a warm-up sample.
 * - `simulatedRunLength`: any StreamDetector, its warm-up included, fed samples of an in-control or
 *   shifted process until it alarms.
 */
import type { Rng } from '../../../sim/index.ts';
import { normalCdf } from '../../stats/index.ts';
import type { StreamDetector } from '../detectors.ts';

/** P(lo < u ≤ hi) for one standardized sample u. */
export type IntervalProbability = (lo: number, hi: number) => number;

/** A standard normal sample shifted by `shift` σ; tails from the upper or lower side for precision. */
export function normalInterval(shift = 0): IntervalProbability {
  return (lo, hi) => {
    const a = lo - shift;
    const b = hi - shift;
    return a >= 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
  };
}

/** ARL of the upper sum S ← max(0, S + u − k), alarm when S > h. */
function upperCusumArl(k: number, h: number, p: IntervalProbability, states: number): number {
  const w = (2 * h) / (2 * states - 1);
  // a[i][j] = (I − R)[i][j], cell j centred on j·w; cell 0 also takes every step that ends below w/2.
  const a: Float64Array[] = [];
  for (let i = 0; i < states; i++) {
    const row = new Float64Array(states + 1);
    const from = i * w - k;
    row[0] = -p(-Infinity, w / 2 - from);
    for (let j = 1; j < states; j++) row[j] = -p(j * w - w / 2 - from, j * w + w / 2 - from);
    row[i] = row[i]! + 1;
    row[states] = 1;
    a.push(row);
  }
  return solve(a, states)[0]!;
}

/**
 * Gaussian elimination with partial pivoting on the augmented rows `a` (n × n+1). A zero pivot
 * means cells the chain never leaves (a sum that cannot reach h, e.g. the upper sum under a large
 * downward shift): the run length is then infinite.
 */
function solve(a: Float64Array[], n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    if (a[pivot]![c] === 0) return new Float64Array(n).fill(Infinity);
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const pc = a[c]!;
    for (let r = c + 1; r < n; r++) {
      const row = a[r]!;
      const f = row[c]! / pc[c]!;
      if (f === 0) continue;
      for (let j = c; j <= n; j++) row[j] = row[j]! - f * pc[j]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r]!;
    let s = row[n]!;
    for (let j = r + 1; j < n; j++) s -= row[j]! * x[j]!;
    x[r] = s / row[r]!;
  }
  return x;
}

/**
 * ARL of the two-sided tabular CUSUM (allowance k, decision interval h, both in σ) on i.i.d.
 * samples whose standardized value falls in (lo, hi] with probability `p(lo, hi)`.
 */
export function cusumArl(k: number, h: number, p: IntervalProbability, states = 150): number {
  const upper = upperCusumArl(k, h, p, states);
  const lower = upperCusumArl(k, h, (lo, hi) => p(-hi, -lo), states);
  return 1 / (1 / upper + 1 / lower);
}

/**
 * In-control false alarms per sample of a two-sided CUSUM whose mean and standard deviation are
 * estimated from `warmup` normal samples, as a gateway's detector estimates them: each device's
 * chart has its own estimates, so what a hospital sees is the per-sample alarm rate 1/ARL0 averaged
 * over their sampling distribution (Jones, Champ & Rigdon 2004), not 1/ARL0 at the true values. A
 * mean estimated σ/√m off is a shift the chart reads as real: at k = ½ and m = 50 that error alone
 * makes most of the false alarms. The mean error e (in σ, normal with sd 1/√m) and the ratio r of
 * estimated to true σ (chi with m − 1 degrees of freedom, scaled) are integrated on a grid of ±6 of
 * their standard deviations; by symmetry in e both sums alarm alike, so the rate is twice the upper
 * sum's.
 */
export function cusumFalseAlarmRate(k: number, h: number, warmup: number, states = 60): number {
  const nu = warmup - 1;
  const meanErrors = grid(-6 / Math.sqrt(warmup), 6 / Math.sqrt(warmup), 41, (e) => -0.5 * warmup * e * e);
  const sdSpread = 6 / Math.sqrt(2 * nu);
  const sdRatios = grid(Math.max(0.05, 1 - sdSpread), 1 + sdSpread, 21, (r) => (nu - 1) * Math.log(r) - 0.5 * nu * r * r);
  let rate = 0;
  for (const [e, we] of meanErrors) {
    for (const [r, wr] of sdRatios) {
      // u = (x − μ̂)/σ̂ with x ~ N(μ, σ²): P(lo < u ≤ hi) = Φ(e + hi·r) − Φ(e + lo·r).
      const p: IntervalProbability = (lo, hi) => normalInterval()(e + lo * r, e + hi * r);
      rate += (we * wr * 2) / upperCusumArl(k, h, p, states);
    }
  }
  return rate;
}

/** `points` equally spaced values in [from, to] with weights ∝ exp(logDensity), summing to 1. */
function grid(from: number, to: number, points: number, logDensity: (x: number) => number): Array<readonly [number, number]> {
  const xs = Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
  const logs = xs.map(logDensity);
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((a, b) => a + b, 0);
  return xs.map((x, i) => [x, weights[i]! / total] as const);
}

/**
 * Samples fed to a fresh detector until it alarms, once per run: `warmup` samples of the in-control
 * process first (the detector learns from them), then samples of `process` (in control for ARL0,
 * shifted for ARL1). A run that reaches `maxSamples` without an alarm counts as `maxSamples`
 * (censored), so the mean is then a lower bound.
 */
export function simulatedRunLength(o: {
  readonly create: () => StreamDetector;
  readonly warmup: number;
  readonly inControl: (rng: Rng) => number;
  readonly process: (rng: Rng) => number;
  readonly runs: number;
  readonly maxSamples: number;
  readonly rng: Rng;
}): { readonly mean: number; readonly censored: number } {
  let total = 0;
  let censored = 0;
  for (let r = 0; r < o.runs; r++) {
    const d = o.create();
    for (let i = 0; i < o.warmup; i++) d.update(o.inControl(o.rng));
    let n = 0;
    let alarmed = false;
    while (!alarmed && n < o.maxSamples) {
      n++;
      alarmed = d.update(o.process(o.rng));
    }
    if (!alarmed) censored++;
    total += n;
  }
  return { mean: total / o.runs, censored };
}
