/** Number formatting shared by the HTML and Markdown tables: four significant digits, fixed locale. */
import type { MetricSummary, UndefinedIn } from '../results/types.ts';
import { undefinedInText } from '../../runner/summary.ts';
import { clampInterval } from './domain.ts';

const FORMAT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return FORMAT.format(value);
}

const PRECISE = new Map<number, Intl.NumberFormat>();

/**
 * A value judged against `bound` (an expectation's or SLO's): `formatNumber`, with as many more
 * significant digits as it takes for the text to fall on the same side of the bound as the value
 * (100.166 against `<= 100.17` prints 100.166, not 100.2; 231.25 against `>= 231.3`, 231.25): a
 * rounded value must never read as meeting the bound it missed, or the reverse. Without a bound,
 * `formatNumber`.
 */
export function formatJudged(value: number | null | undefined, bound: number | undefined): string {
  return formatJudgedByAll(value, bound === undefined ? [] : [bound]);
}

/**
 * What an expectation or SLO observed: `formatJudged`, and where some replications left the metric
 * undefined (which failed the verdict, src/runner/summary.ts judgeMean), how many, after the mean of the others.
 */
export function formatObserved(verdict: { readonly observed: number | null; readonly undefinedIn?: UndefinedIn | undefined }, bound: number | undefined): string {
  const mean = formatJudged(verdict.observed, bound);
  return verdict.undefinedIn === undefined ? mean : `${mean} where defined, ${undefinedInText(verdict.undefinedIn)}`;
}

/** `formatJudged` against every one of `bounds` at once (a metric with two expectations on it). */
export function formatJudgedByAll(value: number | null | undefined, bounds: readonly number[]): string {
  const plain = formatNumber(value);
  if (bounds.length === 0 || value === null || value === undefined || !Number.isFinite(value)) return plain;
  return onSideOfBounds(value, bounds, (extra) => {
    const digits = 4 + extra;
    let format = PRECISE.get(digits);
    if (format === undefined) PRECISE.set(digits, (format = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits })));
    return format.format(value);
  }) ?? plain;
}

/**
 * The first of `textAt(0)`, `textAt(1)`, … (`value` printed with 0, 1, … more digits) that reads on
 * the same side of `bound` as `value` (equal to it only when equal), or undefined when none up to 17
 * more digits does: the report's, the terminal's and the size search's printers of a judged value.
 */
export function onSideOfBound(value: number, bound: number, textAt: (extraDigits: number) => string): string | undefined {
  return onSideOfBounds(value, [bound], textAt);
}

/** `onSideOfBound` for every one of `bounds`: the first text on the value's side of each. */
function onSideOfBounds(value: number, bounds: readonly number[], textAt: (extraDigits: number) => string): string | undefined {
  for (let extra = 0; extra <= 17; extra++) {
    const text = textAt(extra);
    const read = Number(text.replaceAll(',', ''));
    if (bounds.every((bound) => Math.sign(read - bound) === Math.sign(value - bound))) return text;
  }
  return undefined;
}

const RATIO_DIGITS = new Map<number, Intl.NumberFormat>();

/**
 * A ratio judged against `bounds` (ratios), printed in per cent: the ratio's own text with as many
 * significant digits as keep it on its side of each bound, its decimal point then moved two places.
 * Scaling the double first could put it on a bound it missed: 100 × 0.09999999999999999 is 10,
 * the per cent of 0.1.
 */
export function formatJudgedPercent(ratio: number, bounds: readonly number[]): string {
  if (!Number.isFinite(ratio)) return formatNumber(100 * ratio);
  const text = onSideOfBounds(ratio, bounds, (extra) => {
    const digits = 4 + extra;
    let format = RATIO_DIGITS.get(digits);
    if (format === undefined) RATIO_DIGITS.set(digits, (format = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits, useGrouping: false })));
    return format.format(ratio);
  });
  return text === undefined ? formatNumber(100 * ratio) : movePointTwoRight(text);
}

/** "0.0999" → "9.99", "1.5" → "150", "-0.25" → "-25": a decimal text (no exponent) times 100, exactly. */
function movePointTwoRight(text: string): string {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = (whole! + fraction.slice(0, 2).padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2);
  return `${negative ? '-' : ''}${digits}${rest === '' ? '' : `.${rest}`}`;
}

/**
 * "99.8 [98.1, 101.5]", the interval clamped to the metric's domain (model/domain.ts), or "99.8"
 * when there is no interval: fewer than two replications, or one that is a point.
 */
export function formatMeanCi(metric: string, summary: MetricSummary | undefined, meanText?: string): string {
  if (summary === undefined || summary.mean === null) return '—';
  // The mean as the caller printed it where it is judged (formatJudgedByAll, formatJudgedPercent).
  const mean = meanText ?? formatNumber(summary.mean);
  const lo = summary.ci95?.[0];
  const hi = summary.ci95?.[1];
  if (summary.n < 2 || lo === null || lo === undefined || hi === null || hi === undefined || (lo === summary.mean && hi === summary.mean)) {
    return mean;
  }
  const [clampedLo, clampedHi] = clampInterval(metric, summary.unit, lo, hi);
  return `${mean} [${formatNumber(clampedLo)}, ${formatNumber(clampedHi)}]`;
}

/**
 * " (n=2 of 3)" when the metric has values from fewer replications than its configuration ran (a
 * latency percentile of a replication that committed nothing), else "": its mean and interval are
 * then over those, which a table headed by the configuration's n would misstate.
 */
export function partialN(summary: MetricSummary | undefined, replications: number): string {
  return summary === undefined || summary.mean === null || summary.n >= replications ? '' : ` (n=${summary.n} of ${replications})`;
}

/** What the numbers in a table are: with a CI when any configuration has two replications or more. */
export function meanCiNote(configurations: readonly { readonly point: { readonly n: number } }[]): string {
  return configurations.some((c) => c.point.n >= 2)
    ? 'Mean over replications with its Student-t 95 % confidence interval in brackets (clamped to the values the metric can take).'
    : 'The value of the one replication: no confidence interval at n = 1 (run with --reps 2 or more for one).';
}

export function formatPValue(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}
