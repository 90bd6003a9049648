/**
 * The scale of a curve's numeric parameter axis (sweep curves, messages per decision against n):
 * linear, or logarithmic when the swept values span orders of magnitude, so that
 * `--vary consensus.batchTimeout=500us,1ms,20ms,2s` does not draw its first three points on top of
 * one another at the left edge of an axis running to 2,000 ms.
 */

/**
 * The spread between the largest and smallest magnitude from which the axis is logarithmic: two
 * decades. On a linear axis the values in the lowest decade, min to 10·min, share 9/(spread − 1)
 * of its width: at 100 that is under a tenth, about 50 px of the 560 px plot, where the points'
 * markers and their tick labels run into each other. Below that a linear axis still tells them
 * apart and keeps an evenly stepped sweep (nodes 4, 8, ..., 64) evenly spaced, which a log axis
 * would crowd at its right end. (The latency CDF turns logarithmic from 50 (latency-cdf.ts): a
 * latency distribution's tail is heavy by nature, while a sweep's values are whatever was asked.)
 */
const LOG_AXIS_SPREAD = 100;

/** Appended to the title of a logarithmic axis, here and on the latency CDF (latency-cdf.ts). */
export const LOG_SCALE_TITLE_SUFFIX = ', log scale';
/** Plain digits with thousands separators: vega's default for a log axis would write 1e+6. */
const FIXED_FORMAT = ',~f';
/** Six significant digits, trailing zeros dropped: for tick values vega is given, whose step it cannot read a precision from. */
const SIGNIFICANT_FORMAT = ',~r';
/** Room between the axis ends and the outermost points on an axis that is not rounded outwards to nice values. */
const END_PADDING_PX = 12;

/**
 * A log scale over the data's own range: Vega rounds a log domain out to whole decades (500 µs to
 * 2 s would run from 100 µs to 10 s, latencies up to 15 s to 100 s); padding keeps the points off
 * the axis ends instead.
 */
export const UNROUNDED_LOG_SCALE: Readonly<Record<string, unknown>> = { type: 'log', nice: false, padding: END_PADDING_PX };
/** Plain digits on a log axis, where vega's default would write 1e+6. */
export const LOG_AXIS: Readonly<Record<string, unknown>> = { format: FIXED_FORMAT };

export type ParameterAxisKind = 'linear' | 'log' | 'symlog';

export interface ParameterAxis {
  readonly kind: ParameterAxisKind;
  /** The Vega-Lite `scale` and `axis` of the x encoding. */
  readonly scale: Readonly<Record<string, unknown>>;
  readonly axis: Readonly<Record<string, unknown>>;
  /** Appended to the axis title so that the reader knows the spacing is not linear ('' for linear). */
  readonly titleSuffix: string;
}

/** The axis for a parameter taking values `xs`. */
export function parameterAxisOf(xs: readonly number[]): ParameterAxis {
  const magnitudes = xs.filter((x) => x !== 0).map(Math.abs);
  const spread = magnitudes.length === 0 ? 1 : Math.max(...magnitudes) / Math.min(...magnitudes);
  if (spread < LOG_AXIS_SPREAD) {
    // Node counts and batch sizes are whole numbers: no 4.2-node ticks. Fixed notation: vega adds the
    // tick step's precision to the specifier, and '.1~g' writes 10 as 1e+1.
    const integers = xs.every((x) => Number.isInteger(x));
    return { kind: 'linear', scale: { zero: false }, axis: { format: FIXED_FORMAT, ...(integers ? { tickMinStep: 1 } : {}) }, titleSuffix: '' };
  }
  if (xs.every((x) => x > 0)) {
    return { kind: 'log', scale: UNROUNDED_LOG_SCALE, axis: LOG_AXIS, titleSuffix: LOG_SCALE_TITLE_SUFFIX };
  }
  // Zero or negative values have no logarithm. A symmetric log scale (sign(x)·log(1 + |x|/c)) is
  // linear within c of zero and logarithmic beyond; with c the smallest non-zero magnitude, every
  // value but 0 sits on the logarithmic part. Vega's own ticks for it are evenly spaced, as on a
  // linear axis, so the ticks are 0 and the powers of ten between the values.
  const constant = Math.min(...magnitudes);
  return {
    kind: 'symlog',
    scale: { type: 'symlog', constant, nice: false, padding: END_PADDING_PX },
    axis: { format: SIGNIFICANT_FORMAT, values: symlogTicks(xs) },
    titleSuffix: ', symmetric log scale',
  };
}

/** 0 where the values reach it, and ± each power of ten between the smallest and largest magnitude on either side. */
function symlogTicks(xs: readonly number[]): number[] {
  const lowest = Math.min(...xs);
  const highest = Math.max(...xs);
  const decades = (values: readonly number[]): number[] => {
    if (values.length === 0) return [];
    const first = Math.ceil(Math.log10(Math.min(...values)));
    const last = Math.floor(Math.log10(Math.max(...values)));
    const powers: number[] = [];
    // Number('1e-2') is exactly 0.01, where 10 ** -2 need not be.
    for (let exponent = first; exponent <= last; exponent++) powers.push(Number(`1e${exponent}`));
    return powers;
  };
  const positive = decades(xs.filter((x) => x > 0));
  const negative = decades(xs.filter((x) => x < 0).map((x) => -x)).map((x) => -x);
  return [...negative.reverse(), ...(lowest <= 0 && highest >= 0 ? [0] : []), ...positive];
}
