/**
 * The report module: figures (Vega-Lite specs built in code), rendered offline to SVG and PNG,
 * and report.html / report.md for a results folder or a comparison of two. See docs/reports.md.
 *
 * The CLI calls writeReport after `iomtsim run` (unless --no-report), reportCommand for
 * `iomtsim report DIR` and compareCommand for `iomtsim compare A B`.
 */
import { checkReportFolder } from '../runner/results-dir.ts';
import { ResultsError } from './errors.ts';
import { inputError, printable } from '../scenario/errors.ts';
import { compareText } from './compare/compare-page.ts';
import { defaultCompareDir, writeComparison } from './compare/write-compare.ts';
import { parsePointSelector, POINT_SELECTOR_FORM, type PointSelector } from './compare/point-selector.ts';
import { renderReport } from './write-report.ts';

export { ResultsError } from './errors.ts';
export { renderReport, type ReportWritten } from './write-report.ts';
export { writeComparison, defaultCompareDir, type ComparisonRecord } from './compare/write-compare.ts';
export type { Comparison, MetricDifference } from './compare/compare.ts';
export { buildFigures, type Figure } from './figures/index.ts';
export { headlineText } from './headline-text.ts';

/** Exit codes shared with the CLI (docs/architecture.md "Command line"). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** Renders the report of a results folder into it. Throws ResultsError on a malformed folder. */
export async function writeReport(resultsDir: string): Promise<void> {
  const written = await renderReport(resultsDir);
  for (const warning of written.warnings) process.stderr.write(`iomtsim report: warning: ${warning}\n`);
}

/** `iomtsim report DIR`: 0 when written, 2 (with the message on stderr) for a bad results folder. */
export async function reportCommand(dir: string): Promise<number> {
  try {
    await writeReport(dir);
  } catch (error) {
    if (error instanceof ResultsError) {
      process.stderr.write(`iomtsim report: ${printable(error.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  process.stdout.write(`report: ${dir}/report.html\n`);
  return EXIT_OK;
}

export interface CompareCommandOptions {
  readonly out?: string;
  /** Print the comparison record (comparison.json plus `out`) on stdout instead of a line. */
  readonly json?: boolean;
  /** Relative change below which a significant difference is not a failure (0.05 = 5 %). */
  readonly threshold?: number;
  /** The point of A, and of B, to compare, as `--a-point` and `--b-point` give them (point-selector.ts). */
  readonly aPoint?: string;
  readonly bPoint?: string;
}

/** `--a-point` / `--b-point` as a point selector, refused (exit 2) where it is not one. */
function pointFlag(flag: string, text: string | undefined): PointSelector | undefined {
  if (text === undefined) return undefined;
  const selector = parsePointSelector(`--${flag} ${text}`, text);
  if (selector === undefined) throw inputError(`--${flag} ${text}`, '(flag)', POINT_SELECTOR_FORM, `'${text}'`);
  return selector;
}

/**
 * `iomtsim compare A B [--out DIR] [--json] [--threshold 5%] [--a-point K=V] [--b-point K=V]`: 0 when no metric got significantly
 * worse (beyond the threshold) and no check or expectation that held in A failed in B, 1 when one
 * did (exact permutation or t-test, Holm-corrected, metrics whose catalog entry says which way is
 * better), 2 for a bad folder or a side with fewer than 2 replications tested.
 */
export async function compareCommand(dirA: string, dirB: string, options: CompareCommandOptions = {}): Promise<number> {
  const a = pointFlag('a-point', options.aPoint);
  const b = pointFlag('b-point', options.bPoint);
  const out = options.out ?? defaultCompareDir(dirA, dirB, { a, b });
  // Refused before the runs are read and the figures rendered, naming the flag.
  checkReportFolder(out, options.out === undefined ? out : `--out ${out}`, 'compare');
  let record;
  try {
    record = await writeComparison(dirA, dirB, out, {
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
      ...(a === undefined && b === undefined ? {} : { points: { a, b } }),
    });
  } catch (error) {
    if (error instanceof ResultsError) {
      process.stderr.write(`iomtsim compare: ${printable(error.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  else process.stdout.write(compareText(record, out));
  return record.passed ? EXIT_OK : EXIT_FAILED;
}
