/**
 * `iomtsim validate`: run the checks, print the table, write the report page, exit 1 on a failure.
 * The CLI calls `validateCommand` and exits with the code it returns.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic-write.ts';
import { allChecks } from './checks/index.ts';
import { renderHtml, renderMarkdown } from './report.ts';
import { runChecks } from './run.ts';
import { formatRow, formatTable } from './table.ts';
import type { CheckReport, ValidationCheck } from './types.ts';

export interface ValidateOptions {
  /** Only the quick subset (CI). */
  readonly quick: boolean;
  /** Print the results as JSON on stdout and nothing else there. */
  readonly json: boolean;
  /** Folder for report.md, report.html and validation.json; default results/validation. */
  readonly out?: string;
  /** Only checks whose id starts with one of these prefixes. */
  readonly only?: readonly string[];
}

export const DEFAULT_VALIDATION_OUT = join('results', 'validation');

export function selectChecks(opts: Pick<ValidateOptions, 'quick' | 'only'>): ValidationCheck[] {
  return allChecks().filter((c) => (!opts.quick || c.quick) && (opts.only === undefined || opts.only.some((p) => c.id.startsWith(p))));
}

/** Run the validation suite; returns the process exit code (0 all passed, 1 a check failed). */
export async function validateCommand(opts: ValidateOptions): Promise<number> {
  const checks = selectChecks(opts);
  const progress = (r: CheckReport): void => {
    if (!opts.json) process.stderr.write(`${formatRow(r).slice(0, 4).join('  ')}  (${r.wallMs} ms)\n`);
  };
  const reports = runChecks(checks, progress);
  const out = opts.out ?? DEFAULT_VALIDATION_OUT;
  mkdirSync(out, { recursive: true });
  const meta = { quick: opts.quick };
  writeJsonAtomic(join(out, 'validation.json'), { quick: opts.quick, checks: reports });
  writeFileAtomic(join(out, 'report.md'), renderMarkdown(reports, meta));
  writeFileAtomic(join(out, 'report.html'), renderHtml(reports, meta));
  if (opts.json) process.stdout.write(`${JSON.stringify({ quick: opts.quick, checks: reports }, null, 2)}\n`);
  else process.stdout.write(`${formatTable(reports)}\nreport: ${join(out, 'report.html')}\n`);
  return reports.every((r) => r.result.passed) ? 0 : 1;
}

export { allChecks } from './checks/index.ts';
export type { CheckReport, CheckResult, ValidationCheck } from './types.ts';
