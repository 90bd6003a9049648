/** Number formatting shared by the HTML and Markdown tables: four significant digits, fixed locale. */
import type { MetricSummary } from '../results/types.ts';
import { clampInterval } from './domain.ts';

const FORMAT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return FORMAT.format(value);
}

/**
 * "99.8 [98.1, 101.5]", the interval clamped to the metric's domain (model/domain.ts), or "99.8"
 * when there is no interval: fewer than two replications, or one that is a point.
 */
export function formatMeanCi(metric: string, summary: MetricSummary | undefined): string {
  if (summary === undefined || summary.mean === null) return '—';
  const lo = summary.ci95?.[0];
  const hi = summary.ci95?.[1];
  if (summary.n < 2 || lo === null || lo === undefined || hi === null || hi === undefined || (lo === summary.mean && hi === summary.mean)) {
    return formatNumber(summary.mean);
  }
  const [clampedLo, clampedHi] = clampInterval(metric, summary.unit, lo, hi);
  return `${formatNumber(summary.mean)} [${formatNumber(clampedLo)}, ${formatNumber(clampedHi)}]`;
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
