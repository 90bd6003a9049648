/** Number formatting shared by the HTML and Markdown tables: four significant digits, fixed locale. */
import type { MetricSummary, UndefinedIn } from '../results/types.ts';
import { meanWhereDefined } from '../../runner/verdict.ts';
import { clampInterval } from '../../metrics/domain.ts';

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
 * undefined (which failed the verdict, src/runner/verdict.ts judgeReplications), how many, after the mean of the others.
 */
export function formatObserved(verdict: { readonly observed: number | null; readonly undefinedIn?: UndefinedIn | undefined }, bound: number | undefined): string {
  const mean = formatJudged(verdict.observed, bound);
  return meanWhereDefined(mean, verdict.undefinedIn);
}

/** `formatJudged` against every one of `bounds` at once (a metric with two expectations on it). */
export function formatJudgedByAll(value: number | null | undefined, bounds: readonly number[]): string {
  const plain = formatNumber(value);
  if (bounds.length === 0 || value === null || value === undefined || !Number.isFinite(value)) return plain;
  return onSideOfBounds(value, bounds, (extra) => formatDigits(value, 4 + extra)) ?? plain;
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
 * How a mean's uncertainty reads, one rule for the report, the headline and the terminal
 * (docs/reports.md, All metrics): two replications or more that differ give the Student-t interval,
 * clamped to the metric's domain (src/metrics/domain.ts); replications that all gave the same value have
 * no interval to give, and the note says so with their count; one replication is marked n=1. The
 * note also says when the metric has values from fewer replications than its configuration ran (a
 * latency percentile of a replication that committed nothing): the mean is then over those.
 */
export interface Spread {
  /** The clamped interval, or null where there is none to print. */
  readonly interval: readonly [number, number] | null;
  /** What follows the value and its unit, in parentheses: 'no spread over n=3', 'n=1', 'n=2 of 3', or ''. */
  readonly note: string;
}

export function spreadOf(metric: string, summary: MetricSummary, replications?: number): Spread {
  const partial = replications !== undefined && summary.n < replications;
  const count = partial ? `n=${summary.n} of ${replications}` : `n=${summary.n}`;
  if (summary.n < 2) return { interval: null, note: count };
  if (allAlike(summary)) return { interval: null, note: `no spread over ${count}` };
  const lo = summary.ci95?.[0];
  const hi = summary.ci95?.[1];
  if (lo === null || lo === undefined || hi === null || hi === undefined) return { interval: null, note: `${count}, no interval given` };
  return { interval: clampInterval(metric, summary.unit, lo, hi), note: partial ? count : '' };
}

/**
 * Every replication gave the same value: min = max where the summary has them, else a zero sd or a
 * zero-width interval. The interval of equal values can come out a rounding error wide (the mean
 * of three 561.4s is not 561.4 in binary), which min and max do not.
 */
function allAlike(summary: MetricSummary): boolean {
  const { min, max } = summary;
  if (typeof min === 'number' && typeof max === 'number') return min === max;
  const lo = summary.ci95?.[0];
  return summary.sd === 0 || (typeof lo === 'number' && lo === summary.ci95?.[1]);
}

/**
 * An interval's two ends printed by `textAt`, with as many more digits (0, 1, … 17) as it takes for
 * them to differ: a narrow interval reads "561.4 [561.39, 561.43]", never "[561.4, 561.4]".
 */
export function distinctEnds(lo: number, hi: number, textAt: (value: number, extraDigits: number) => string): [string, string] {
  for (let extra = 0; ; extra++) {
    const ends: [string, string] = [textAt(lo, extra), textAt(hi, extra)];
    if (ends[0] !== ends[1] || extra === 17) return ends;
  }
}

/**
 * An interval judged against `bound` (an expectation's or SLO's, where it has one), its ends printed
 * by `textAt` with as many more digits as it takes for each to read on its own side of the bound
 * (onSideOfBound) and for the two to differ (distinctEnds): an interval that reaches past a bound
 * must never read as within it.
 */
export function judgedEnds(lo: number, hi: number, bound: number | undefined, textAt: (value: number, extraDigits: number) => string): [string, string] {
  const onSide = (value: number, text: string): boolean => bound === undefined || !Number.isFinite(value) || Math.sign(Number(text.replaceAll(',', '')) - bound) === Math.sign(value - bound);
  let ends: [string, string] = [textAt(lo, 0), textAt(hi, 0)];
  for (let extra = 0; extra <= 17; extra++) {
    ends = [textAt(lo, extra), textAt(hi, extra)];
    if ((lo === hi || ends[0] !== ends[1]) && onSide(lo, ends[0]) && onSide(hi, ends[1])) return ends;
  }
  return ends;
}

/** `judgedEnds` as the report prints numbers (formatNumber, more significant digits where needed). */
export function formatJudgedEnds(ci95: readonly [number, number], bound: number | undefined): [string, string] {
  return judgedEnds(ci95[0], ci95[1], bound, (x, extra) => (extra === 0 ? formatNumber(x) : formatDigits(x, 4 + extra)));
}

/** `value` with at most `digits` significant digits, fixed locale. */
export function formatDigits(value: number, digits: number): string {
  let format = PRECISE.get(digits);
  if (format === undefined) PRECISE.set(digits, (format = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits })));
  return format.format(value);
}

/**
 * "99.8 [98.1, 101.5] ms", "5,018 ms (no spread over n=3)", "99.5 ms (n=1)", "706 [0, 2,423] ms
 * (n=2 of 3)": the mean by `spreadOf`'s rule, `unitText` between the numbers and the note. `meanText`
 * is the mean as the caller printed it where it is judged (formatJudgedByAll, formatJudgedPercent);
 * `replications`, the configuration's count, lets the note say when the metric has fewer.
 */
export function formatMeanCi(
  metric: string,
  summary: MetricSummary | undefined,
  options: { readonly meanText?: string | undefined; readonly unitText?: string; readonly replications?: number } = {},
): string {
  if (summary === undefined || summary.mean === null) return '—';
  const mean = options.meanText ?? formatNumber(summary.mean);
  const { interval, note } = spreadOf(metric, summary, options.replications);
  const ends = interval === null ? '' : ` [${distinctEnds(interval[0], interval[1], (x, extra) => (extra === 0 ? formatNumber(x) : formatDigits(x, 4 + extra))).join(', ')}]`;
  return `${mean}${ends}${options.unitText ?? ''}${note === '' ? '' : ` (${note})`}`;
}

/** What the numbers in a table are: with a CI when any configuration has two replications or more. */
export function meanCiNote(configurations: readonly { readonly point: { readonly n: number } }[]): string {
  return configurations.some((c) => c.point.n >= 2)
    ? 'Mean over replications with its Student-t 95 % confidence interval in brackets (clamped to the values the metric can take); "no spread over n=3" where every replication gave the same value, "n=1" for the value of a single replication.'
    : 'The value of the one replication, marked n=1: no confidence interval at n = 1 (run with --reps 2 or more for one).';
}

export function formatPValue(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}
