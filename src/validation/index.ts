/**
 * `iomtsim validate`: run the checks, then the calibrations, print the tables, write the report
 * page, exit 1 on a failed check. Calibrations have no verdict and never change the exit code.
 * The CLI calls `validateCommand` and exits with the code it returns.
 */
import { checkOutputFiles, makeOutputFolder } from '../io/output-folder.ts';
import { checkReportFolder } from '../runner/results-dir.ts';
import { inputError } from '../scenario/errors.ts';
import { join } from 'node:path';
import { writeFilesAtomic } from '../io/atomic-write.ts';
import { allCalibrations } from './calibrations/index.ts';
import { allChecks } from './checks/index.ts';
import { renderHtml, renderMarkdown } from './report.ts';
import { runCalibrations, runChecks } from './run.ts';
import { formatCalibrationRow, formatRow, formatTables } from './table.ts';
import type { Calibration, CalibrationReport, CheckReport, ValidationCheck, ValidationResults } from './types.ts';

export interface ValidateOptions {
  /** Only the quick subset of checks (CI), and no calibration. */
  readonly quick: boolean;
  /** Added to every stochastic check's seeds (0, the default: the shipped seeds); see allChecks. */
  readonly seedOffset?: number;
  /** Print the results as JSON on stdout and nothing else there. */
  readonly json: boolean;
  /** Folder for report.md, report.html and validation.json; default results/validation. */
  readonly out?: string;
  /** Only checks and calibrations whose id starts with one of these prefixes. */
  readonly only?: readonly string[];
}

export const DEFAULT_VALIDATION_OUT = join('results', 'validation');

const selected = (id: string, only: readonly string[] | undefined): boolean => only === undefined || only.some((p) => id.startsWith(p));

/**
 * Refuse an --only selection that runs nothing, or a prefix that names no check or calibration (a
 * typo): a validation gate that checked nothing must not pass.
 */
export function checkOnly(opts: Pick<ValidateOptions, 'quick' | 'only'>): void {
  if (opts.only === undefined) return;
  const ids = [...allChecks(0).map((c) => c.id), ...allCalibrations().map((c) => c.id)];
  const groups = [...new Set(ids.map((id) => id.split('.')[0]!))].join(', ');
  if (opts.only.length === 0) throw inputError('--only', '(flag)', `the start of a check or calibration id, or several separated by commas (they start with ${groups})`, 'nothing');
  for (const prefix of opts.only) {
    if (!ids.some((id) => id.startsWith(prefix))) {
      throw inputError(`--only ${prefix}`, '(flag)', `the start of a check or calibration id (they start with ${groups}; docs/validation.md lists them)`, `'${prefix}', which starts none`);
    }
  }
  if (selectChecks(opts).length + selectCalibrations(opts).length === 0) {
    // Only --quick can leave a selection empty: every prefix names something of the full suite.
    throw inputError(`--only ${opts.only.join(',')}`, '(flag)', 'a selection with at least one check to run with --quick', 'only checks and calibrations of the full suite');
  }
}

export function selectChecks(opts: Pick<ValidateOptions, 'quick' | 'only' | 'seedOffset'>): ValidationCheck[] {
  return allChecks(opts.seedOffset ?? 0).filter((c) => (!opts.quick || c.quick) && selected(c.id, opts.only));
}

/** Calibrations run in the full suite only: they re-measure fitted inputs, which CI need not. */
export function selectCalibrations(opts: Pick<ValidateOptions, 'quick' | 'only'>): Calibration[] {
  return opts.quick ? [] : allCalibrations().filter((c) => selected(c.id, opts.only));
}

/** The JSON document: the counts, the checks, and the calibrations apart from them. */
export function validationResults(quick: boolean, checks: readonly CheckReport[], calibrations: readonly CalibrationReport[], seedOffset = 0): ValidationResults {
  const failed = checks.filter((r) => r.status === 'fail').length;
  return { quick, seedOffset, summary: { passed: checks.length - failed, failed, calibrations: calibrations.length }, checks, calibrations };
}

/** Run the validation suite; returns the process exit code (0 every check passed, 1 a check failed). */
export async function validateCommand(opts: ValidateOptions): Promise<number> {
  const out = opts.out ?? DEFAULT_VALIDATION_OUT;
  const outSource = opts.out === undefined ? out : `--out ${out}`;
  // Refused before the checks run (minutes), not after.
  checkOnly(opts);
  checkReportFolder(out, outSource, 'validate');
  const jsonPath = join(out, 'validation.json');
  const markdownPath = join(out, 'report.md');
  const htmlPath = join(out, 'report.html');
  checkOutputFiles([jsonPath, markdownPath, htmlPath]);
  const progress = (cells: string[], wallMs: number): void => {
    if (!opts.json) process.stderr.write(`${cells.slice(0, 4).join('  ')}  (${wallMs} ms)\n`);
  };
  const checks = runChecks(selectChecks(opts), (r) => progress(formatRow(r), r.wallMs));
  const calibrations = runCalibrations(selectCalibrations(opts), (r) => progress(formatCalibrationRow(r), r.wallMs));
  const results = validationResults(opts.quick, checks, calibrations, opts.seedOffset ?? 0);
  makeOutputFolder(out, outSource);
  // Checked again as they are written: a destination that turned into a directory while the checks
  // ran is refused before any file is replaced, not after validation.json.
  writeFilesAtomic([
    [jsonPath, `${JSON.stringify(results, null, 2)}\n`],
    [markdownPath, renderMarkdown(results)],
    [htmlPath, renderHtml(results)],
  ]);
  if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else process.stdout.write(`${formatTables(results)}\nreport: ${htmlPath}\n`);
  return results.summary.failed === 0 ? 0 : 1;
}

export { allCalibrations } from './calibrations/index.ts';
export { allChecks } from './checks/index.ts';
export type { Calibration, CalibrationReport, CheckReport, CheckResult, ValidationCheck, ValidationResults } from './types.ts';
