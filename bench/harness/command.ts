/**
 * `iomtsim bench [phold|quick|full] [--json FILE] [--compare FILE] [--threshold 10%] [--beside DIR] [--allow-new-entries] [--update-golden] [--runs N] [--only a,b] [--threads N]`.
 *
 * Runs every entry of the suite (bench/entries/) in its own child process (RUNS_PER_ENTRY runs,
 * each after the calibration loop), then keeps the two kinds of regression apart:
 *   1. model results are deterministic: compared exactly with bench/golden/ (any change fails);
 *   2. speed is noisy: CPU time over calibration CPU time, medians compared with a rank test
 *      against `--compare`.
 * With `--threads N` (N > 1) each entry that is one replication of a scenario runs split over N
 * threads and must still give its golden results; the others are listed as skipped, with why.
 * Exit codes: 0 all good; 1 a golden mismatch, nondeterminism, significant slowdown, or (without
 * `--allow-new-entries`) an entry the baseline lacks; 2 bad input, a comparison that cannot fail
 * included (baseline.ts, `checkComparable`).
 */
import { writeFileAtomic } from '../../src/io/atomic-write.ts';
import { checkOutputFile } from '../../src/io/output-folder.ts';
import { ENTRY_LOADERS } from '../entries/index.ts';
import { BenchInputError, checkComparable, parseThreshold, readBaseline } from './baseline.ts';
import { besideReference, checkBesideCheckout, runAlternately, runBesideEntry, type BesideCheckout } from './beside.ts';
import { compareReports, comparisonTable, confirmSlowdowns, hasRegression, newEntries } from './compare.ts';
import type { BenchEntry } from './entry.ts';
import { describeEnvironment, environmentDifferences } from './environment.ts';
import { checkGolden } from './golden.ts';
import { buildRegistry, type BenchRegistry } from './registry.ts';
import { entriesTable, environmentWarning, goldenSummary, markdownReport, outputPaths, trackerPoints, type GoldenLine } from './report.ts';
import { REPORT_SCHEMA, summarize, type BaselineComparison, type EntryResult, type FullReport, type RunSample } from './results.ts';
import { joinChildRuns, runEntryInChild, UNTIMED_RUNS, type SkippedEntry } from './run-entry.ts';

/** At least 5, as the rank test needs enough runs to call a difference significant. */
export const RUNS_PER_ENTRY = 5;

export interface BenchCommandOptions {
  /** 'phold' (the engine entry alone), 'quick' or 'full'. */
  readonly suite: string;
  readonly json?: string;
  readonly compare?: string;
  readonly threshold?: string;
  readonly updateGolden?: boolean;
  /** Runs per entry (default RUNS_PER_ENTRY; at least 1). */
  readonly runs?: number;
  /** Keep only these entries of the suite (e.g. to refresh one golden file). */
  readonly only?: readonly string[];
  /** Threads each entry's replication is split over (default 1: not split). */
  readonly threads?: number;
  /** With `compare`: entries the baseline lacks pass uncompared instead of failing the run. */
  readonly allowNewEntries?: boolean;
  /** With `compare`: a checkout of the baseline's commit; every entry is compared with that commit's runs taken beside it, and one found slower is confirmed alternately in both (beside.ts). */
  readonly beside?: string;
}

export async function benchCommand(opts: BenchCommandOptions): Promise<number> {
  try {
    return await runBench(opts);
  } catch (e) {
    if (e instanceof BenchInputError) {
      process.stderr.write(`iomtsim bench: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function selectEntries(registry: BenchRegistry, suite: string): BenchEntry[] {
  if (suite === 'phold') return [registry.get('engine.phold')!];
  if (suite === 'quick' || suite === 'full') return registry.suite(suite);
  throw new BenchInputError(`suite: expected one of phold, quick, full, found '${suite}'`);
}

/** The files `--json` writes, checked before any entry runs so a bad path does not waste the suite. */
function checkJsonPaths(json: string | undefined): void {
  if (json === undefined) return;
  for (const path of Object.values(outputPaths(json))) checkOutputFile(path, '--json');
}

async function runBench(opts: BenchCommandOptions): Promise<number> {
  checkJsonPaths(opts.json);
  // The threshold applies to the comparison with a baseline alone; accepted without one, it would
  // look like a speed check that never happens.
  if (opts.threshold !== undefined && opts.compare === undefined) throw new BenchInputError(`--threshold: expected --compare FILE with it, found --threshold ${opts.threshold} alone`);
  if (opts.allowNewEntries === true && opts.compare === undefined) throw new BenchInputError('--allow-new-entries: expected --compare FILE with it, found --allow-new-entries alone');
  if (opts.beside !== undefined && opts.compare === undefined) throw new BenchInputError(`--beside: expected --compare FILE with it (the baseline whose commit ${opts.beside} holds), found --beside alone`);
  const registry = await buildRegistry(ENTRY_LOADERS);
  let entries = selectEntries(registry, opts.suite);
  if (opts.only !== undefined) {
    const only = opts.only;
    for (const name of only) {
      if (!entries.some((e) => e.name === name)) {
        throw new BenchInputError(`--only: expected entries of suite '${opts.suite}' (${entries.map((e) => e.name).join(', ')}), found '${name}'`);
      }
    }
    entries = entries.filter((e) => only.includes(e.name));
  }
  const threshold = parseThreshold(opts.threshold);
  const runs = opts.runs ?? RUNS_PER_ENTRY;
  if (!(Number.isInteger(runs) && runs >= 1)) throw new BenchInputError(`--runs: expected an integer ≥ 1, found ${runs}`);
  const threads = opts.threads ?? 1;
  if (!(Number.isInteger(threads) && threads >= 1)) throw new BenchInputError(`--threads: expected an integer ≥ 1, found ${threads}`);
  // The goldens are the one-thread results; a split run is checked against them, never the source of them.
  if (threads > 1 && opts.updateGolden === true) throw new BenchInputError(`--threads: expected 1 with --update-golden (golden results are recorded on one thread, and split runs must equal them), found ${threads}`);
  const baseline = opts.compare === undefined ? undefined : readBaseline(opts.compare);
  if (baseline !== undefined && (baseline.threads ?? 1) !== threads) {
    throw new BenchInputError(`${opts.compare}: field 'threads': expected ${threads} (this run's --threads; speeds on different thread counts do not compare), found ${baseline.threads ?? 1}`);
  }
  if (baseline !== undefined) checkComparable(baseline, opts.compare!, entries.map((e) => e.name), runs);
  const beside: BesideCheckout | undefined = opts.beside === undefined ? undefined : checkBesideCheckout(opts.beside, baseline!, opts.compare!);

  // One run with nothing to compare is the golden check (docs/ci.md): its time is no sample of a
  // speed comparison (checkComparable refuses one run against a baseline of 5), so it skips the
  // warm-up, which would triple the time of refreshing a golden file.
  const untimedRuns = runs === 1 && baseline === undefined ? 0 : UNTIMED_RUNS;
  const environment = describeEnvironment();
  // Beside its commit, nothing recorded is compared: the machine and runtime are this one's.
  const recordedDifferently: string[] = baseline === undefined || beside !== undefined ? [] : environmentDifferences(baseline.environment, environment);
  // A baseline measured from a cold start compares its slow first runs with warm ones.
  if (baseline !== undefined && beside === undefined && (baseline.untimedRunsPerEntry ?? 0) !== untimedRuns) recordedDifferently.push(`${baseline.untimedRunsPerEntry ?? 0} unmeasured runs per entry in the baseline, ${untimedRuns} here`);
  if (recordedDifferently.length > 0) process.stderr.write(`${environmentWarning(opts.compare!, recordedDifferently)}\n`);
  const startedAt = new Date().toISOString();
  const results: EntryResult[] = [];
  const skipped: SkippedEntry[] = [];
  const failures: string[] = [];
  const besideSamples = new Map<string, readonly RunSample[]>();
  for (const entry of entries) {
    process.stderr.write(`bench ${entry.name}: ${entry.description}${threads > 1 ? `, split over ${threads} threads` : ''}\n`);
    try {
      const progress = (before: number) => (i: number, s: RunSample) => {
        const eps = s.events > 0 ? `, ${Math.round((s.events * 1000) / s.wallMs).toLocaleString('en-US')} events/s` : '';
        process.stderr.write(`  run ${before + i}/${runs}: ${s.wallMs.toFixed(1)} ms${eps}; cpu ${s.cpuMs.toFixed(0)} ms, calibration ${s.calibrationCpuMs.toFixed(1)} ms\n`);
      };
      // Beside the baseline's commit this build's runs come in two processes, before and after the
      // commit's: a machine that speeds up or slows down through the pass then moves both sides alike,
      // not one (on the shared 2-core runner the calibration loop's CPU time varied from 26.7 to 53.4 ms
      // within one pass, and a first pass run one side after the other flagged unchanged entries
      // +37 and +41 % slower, neither confirmed on alternating runs: docs/ci.md).
      const besideThis = beside !== undefined && baseline!.entries.some((b) => b.name === entry.name);
      const firstRuns = besideThis ? Math.ceil(runs / 2) : runs;
      const result = await runEntryInChild(entry, firstRuns, threads, untimedRuns, progress(0));
      if ('skipped' in result) {
        skipped.push(result);
        process.stderr.write(`  skipped: it cannot split over ${threads} threads (${result.skipped})\n`);
      } else {
        // Pushed first: where the commit's runs or the second process fail, this build's golden
        // results and determinism are still judged (the failure fails the run).
        results.push(result);
        if (besideThis) {
          process.stderr.write(`  the baseline's commit ${beside!.commit.slice(0, 7)} beside it, ${runs} runs\n`);
          besideSamples.set(entry.name, await runBesideEntry(beside!.dir, opts.suite, entry.name, runs, threads));
          const rest = firstRuns === runs ? undefined : await runEntryInChild(entry, runs - firstRuns, threads, untimedRuns, progress(firstRuns));
          if (rest !== undefined && 'skipped' in rest) throw new Error(`bench entry '${entry.name}' was skipped when run again (${rest.skipped})`);
          if (rest !== undefined) results[results.length - 1] = joinChildRuns(result, rest);
        }
      }
    } catch (e) {
      // One broken entry must not hide the others' results; it still fails the run.
      const message = e instanceof Error ? e.message : String(e);
      failures.push(message);
      process.stderr.write(`  FAILED: ${message}\n`);
    }
  }
  if (results.length === 0 && failures.length === 0) {
    throw new BenchInputError(`--threads: expected a suite or --only with at least one entry that splits over ${threads} threads, found none (${skipped.map((e) => e.name).join(', ')})`);
  }
  const report: FullReport = {
    schema: REPORT_SCHEMA,
    suite: opts.suite,
    startedAt,
    finishedAt: new Date().toISOString(),
    runsPerEntry: runs,
    untimedRunsPerEntry: untimedRuns,
    threads,
    environment,
    entries: results,
    ...(skipped.length > 0 ? { skipped } : {}),
  };

  const golden: GoldenLine[] = results.map((r) => {
    const line: GoldenLine = { name: r.name, outcome: checkGolden(r.name, r.metrics, opts.updateGolden === true) };
    return r.nondeterminism === undefined ? line : { ...line, nondeterminism: r.nondeterminism };
  });
  const reference = baseline === undefined || beside === undefined ? baseline : besideReference(baseline, besideSamples);
  const first = reference === undefined ? undefined : compareReports(reference, report, threshold);
  const rows = first === undefined ? undefined : await confirmSlowdowns(first, reference!, threshold, async (name) => {
    const entry = entries.find((e) => e.name === name)!;
    const runHere = async (n: number) => {
      const again = await runEntryInChild(entry, n, threads, untimedRuns);
      if (!('samples' in again)) throw new Error(`bench entry '${name}' was skipped when run again (${again.skipped})`);
      return again.samples;
    };
    try {
      if (beside === undefined) {
        process.stderr.write(`bench ${name}: slower than ${opts.compare}; running it again to confirm\n`);
        return { fresh: await runHere(runs) };
      }
      // Half the runs each time, at least 3 so that each of the four children warms up as a full run does.
      const half = Math.max(3, Math.ceil(runs / 2));
      process.stderr.write(`bench ${name}: slower than the baseline's commit; running it again alternately with that commit (${beside.commit.slice(0, 7)}, in ${beside.dir}) (${half} runs at a time) to confirm\n`);
      return await runAlternately(beside, half, runHere, (n) => runBesideEntry(beside.dir, opts.suite, name, n, threads));
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  });
  const comparison: BaselineComparison | undefined = rows === undefined ? undefined : { baseline: opts.compare!, threshold, environmentDifferences: recordedDifferently, rows, ...(beside !== undefined ? { beside: beside.commit } : {}) };
  const written: FullReport = comparison === undefined ? report : { ...report, comparison };

  const out = process.stdout;
  out.write(`\n${entriesTable(report, false)}\n\n`);
  for (const r of results) {
    const s = summarize(r);
    if (s.eventsPerSec > 0) out.write(`${r.name}: ${Math.round(s.eventsPerSec).toLocaleString('en-US')} events/s (median of ${r.samples.length})\n`);
  }
  for (const e of skipped) out.write(`${e.name}: skipped, it cannot split over ${threads} threads (${e.skipped})\n`);
  out.write(`\n${goldenSummary(golden)}\n`);
  if (comparison !== undefined) {
    const against = beside === undefined ? opts.compare : `${opts.compare}'s commit ${beside.commit.slice(0, 7)}, run beside this build (${beside.dir})`;
    out.write(`\nagainst ${against}:\n${comparisonTable(comparison.rows, threshold, false)}\n`);
    if (recordedDifferently.length > 0) out.write(`${environmentWarning(opts.compare!, recordedDifferently)}\n`);
  }

  if (opts.json !== undefined) {
    const paths = outputPaths(opts.json);
    writeFileAtomic(paths.tracker, `${JSON.stringify(trackerPoints(report), null, 2)}\n`);
    writeFileAtomic(paths.full, `${JSON.stringify(written, null, 2)}\n`);
    writeFileAtomic(paths.markdown, markdownReport(written, golden, failures));
    out.write(`\nwrote ${paths.tracker}, ${paths.full}, ${paths.markdown}\n`);
  }

  const goldenFailed = golden.some((g) => g.outcome.state === 'differs' || g.outcome.state === 'missing' || g.outcome.state === 'unreadable' || g.nondeterminism !== undefined);
  const slower = rows !== undefined && hasRegression(rows);
  const uncompared = rows === undefined || opts.allowNewEntries === true ? [] : newEntries(rows);
  if (goldenFailed) out.write('FAIL: model results differ from bench/golden/, are missing there, their file there cannot be read, or they are not deterministic (see above)\n');
  if (slower) out.write(`FAIL: significant slowdown beyond ${(threshold * 100).toFixed(1)} % (see table)\n`);
  if (uncompared.length > 0) out.write(`FAIL: not in ${opts.compare}, so their speed was not checked: ${uncompared.join(', ')} (record a new baseline, or pass --allow-new-entries)\n`);
  for (const f of failures) out.write(`FAIL: ${f}\n`);
  return goldenFailed || slower || uncompared.length > 0 || failures.length > 0 ? 1 : 0;
}
