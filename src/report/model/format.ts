/** Number formatting shared by the HTML and Markdown tables: four significant digits, fixed locale. */
import type { MetricSummary } from '../results/types.ts';

const FORMAT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return FORMAT.format(value);
}

/** "99.8 [98.1, 101.5]", or "99.8" when the interval is a point (one replication). */
export function formatMeanCi(summary: MetricSummary | undefined): string {
  if (summary === undefined || summary.mean === null) return '—';
  const lo = summary.ci95?.[0];
  const hi = summary.ci95?.[1];
  if (lo === null || lo === undefined || hi === null || hi === undefined || (lo === summary.mean && hi === summary.mean)) {
    return formatNumber(summary.mean);
  }
  return `${formatNumber(summary.mean)} [${formatNumber(lo)}, ${formatNumber(hi)}]`;
}

export function formatPValue(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}
