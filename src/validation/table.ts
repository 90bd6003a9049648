/** The validation table as printed on a terminal: one line per check. */
import { fmt, toleranceOf } from './stats.ts';
import type { CheckReport } from './types.ts';

export function formatRow(r: CheckReport): string[] {
  const res = r.result;
  const ci = res.ci95 === undefined ? '' : `[${fmt(res.ci95[0])}, ${fmt(res.ci95[1])}]`;
  const beside = res.alongside === undefined ? '' : Object.entries(res.alongside).map(([k, v]) => `${k} ${fmt(v)}`).join('; ');
  return [res.passed ? 'PASS' : 'FAIL', r.id, fmt(res.expected), fmt(res.simulated), ci, toleranceOf(res.basis), beside];
}

const HEADER = ['', 'check', 'expected', 'simulated', 'ci95', 'tolerance', 'beside'];

export function formatTable(reports: readonly CheckReport[]): string {
  const rows = [HEADER, ...reports.map(formatRow)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const failed = reports.filter((r) => !r.result.passed).length;
  return [...rows.map(line), '', `${reports.length - failed} passed, ${failed} failed`].join('\n');
}
