/**
 * The validation tables as printed on a terminal: one line per check, then the calibrations in a
 * table of their own (fitted inputs, no verdict), then why each failed check failed, then the counts.
 */
import { fmt, toleranceOf } from './stats.ts';
import type { CalibrationReport, CheckReport, ValidationResults } from './types.ts';

const interval = (ci: readonly [number, number] | undefined): string => (ci === undefined ? '' : `[${fmt(ci[0])}, ${fmt(ci[1])}]`);
const besides = (alongside: Readonly<Record<string, number>> | undefined): string =>
  alongside === undefined ? '' : Object.entries(alongside).map(([k, v]) => `${k} ${fmt(v)}`).join('; ');

export function formatRow(r: CheckReport): string[] {
  const res = r.result;
  return [r.status === 'pass' ? 'PASS' : 'FAIL', r.id, fmt(res.expected), fmt(res.simulated), interval(res.ci95), toleranceOf(res.basis), besides(res.alongside)];
}

export function formatCalibrationRow(r: CalibrationReport): string[] {
  const res = r.result;
  return ['CALIB', r.id, fmt(res.published), fmt(res.simulated), interval(res.ci95), besides(res.alongside)];
}

function table(header: readonly string[], rows: readonly string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
}

export function formatTables(results: ValidationResults): string {
  const lines = table(['', 'check', 'expected', 'simulated', 'ci95', 'tolerance', 'beside'], results.checks.map(formatRow));
  if (results.calibrations.length > 0) {
    lines.push('', 'calibrations: inputs fitted to a published figure; no verdict, not counted as checks');
    lines.push(...table(['', 'calibration', 'published', 'simulated', 'ci95', 'beside'], results.calibrations.map(formatCalibrationRow)));
  }
  // A failed row shows numbers only (NaN where the check could not run): say why beneath.
  const failed = results.checks.filter((r) => r.status === 'fail' && r.result.detail !== '');
  if (failed.length > 0) lines.push('', 'failed:', ...failed.map((r) => `  ${r.id}: ${r.result.detail}`));
  const s = results.summary;
  const seeds = seedsNote(results);
  lines.push('', `${s.passed} passed, ${s.failed} failed${s.calibrations > 0 ? `; ${s.calibrations} calibrations reported (not counted)` : ''}${seeds === '' ? '' : ` (${seeds})`}`);
  return lines.join('\n');
}

/** Which seeds the checks ran on, when not the shipped ones ('' otherwise). */
export function seedsNote(results: ValidationResults): string {
  return results.seedOffset === 0 ? '' : `seeds shifted by ${results.seedOffset}`;
}
