/** The end of every command that produced a results folder: report, print, exit code. */
import { join, resolve } from 'node:path';
import { summaryPassed, type RunStatus, type Summary } from '../../runner/index.ts';
import { loadHeadline, loadReport } from '../delegates.ts';
import { EXIT, reportError } from '../errors.ts';
import { formatFailedVerdicts, formatFailures, formatSummary } from '../print.ts';

export interface Finished {
  readonly dir: string;
  readonly status: RunStatus;
  /** A size search's summary also holds its answer (null: no value in the range meets every SLO). */
  readonly summary: Summary & { readonly size?: { readonly answer: number | null } };
  readonly manifest?: { readonly seed: number; readonly replications: number; readonly kind?: string };
  /** Said on stderr, as the notices before a run are, once it has finished (an attack that never acted: runner/silent-attacks.ts). */
  readonly notices?: readonly string[];
}

export async function renderReportAfterRun(dir: string, wanted: boolean): Promise<number> {
  if (!wanted) return EXIT.ok;
  const { writeReport } = await loadReport();
  try {
    await writeReport(dir);
    return EXIT.ok;
  } catch (err) {
    process.stderr.write('report: rendering failed; the results themselves are complete\n');
    return reportError(err);
  }
}

async function headlineOf(dir: string): Promise<string> {
  const { headlineText } = await loadHeadline();
  return headlineText(dir);
}

/**
 * Whether a finished run passed: every replication finished, every check and expectation held,
 * and, for a size search, some value met every SLO. A search that found none has run without
 * fault, but `iomtsim size ... && deploy` must not go ahead on it, so it fails (exit 1).
 */
export function runPassed(result: Finished): boolean {
  return result.status !== 'interrupted' && summaryPassed(result.summary) && result.summary.size?.answer !== null;
}

/**
 * `humanText` replaces the per-point summary on stdout (size searches print their evidence).
 * `--json` prints the summary under two fields a script needs first: where the results are and
 * whether the run passed (runPassed; exit 0).
 */
export async function finishRun(result: Finished, flags: { json?: boolean; report?: boolean; allMetrics?: boolean }, humanText?: string): Promise<number> {
  const wantReport = flags.report !== false;
  const reportCode = result.status === 'interrupted' ? EXIT.ok : await renderReportAfterRun(result.dir, wantReport);
  const passed = runPassed(result);
  for (const line of result.notices ?? []) process.stderr.write(`iomtsim: ${line}\n`);
  if (flags.json) process.stdout.write(`${JSON.stringify({ resultsDir: resolve(result.dir), passed, ...result.summary }, null, 2)}\n`);
  else {
    // Every run says its seed, so it can be replayed (`--seed S --reps 1` replays replication 0).
    const seeds = result.manifest ? `seed ${result.manifest.seed}, ${result.manifest.replications} replication${result.manifest.replications === 1 ? '' : 's'} (every seed in manifest.json)\n` : '';
    const reportLine = wantReport && reportCode === EXIT.ok && result.status !== 'interrupted' ? `report: ${join(result.dir, 'report.html')}\n` : '';
    const body =
      humanText === undefined
        ? formatSummary(result.summary, result.dir, { allMetrics: flags.allMetrics === true, headline: result.status === 'interrupted' ? '' : await headlineOf(result.dir) })
        : `${humanText}${formatFailedVerdicts(result.summary)}${formatFailures(result.summary)}results: ${result.dir}\n`;
    process.stdout.write(seeds + body + reportLine);
  }
  if (result.status === 'interrupted') {
    const kind = result.manifest?.kind;
    // A size search decides each probe from the last, so it has nothing to resume (runner/run.ts).
    const next = kind === 'size' ? 'a size search cannot be resumed: run it again' : `complete the run with: iomtsim ${kind === 'sweep' ? 'sweep' : 'run'} --resume ${result.dir}`;
    process.stderr.write(`interrupted: finished replications are in ${result.dir}; ${next}\n`);
    return EXIT.interrupted;
  }
  if (!passed) return EXIT.failed;
  return reportCode;
}
