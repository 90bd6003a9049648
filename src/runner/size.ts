/**
 * Capacity sizing (`iomtsim size`): the largest value of one integer parameter (or the smallest,
 * with --minimize) at which every SLO holds. The search brackets the answer from below by doubling
 * and bisects the bracket (size-search.ts), assuming the SLOs are monotone in the parameter (more
 * beds never lowers latency); each probe runs all replications and judges the SLOs as the scenario
 * judges its expectations, on the metric means unless its `expectRule` asks more (an SLO whose metric
 * a replication left undefined fails: verdict.ts, judgeReplications), and stops
 * as soon as one SLO has failed for good, by a bound already past its limit or by a replication
 * that left its metric undefined (size-probe.ts, size-early-stop.ts). The
 * answer comes with its evidence: every probe, its metrics and each SLO's verdict, in summary.json.
 */
import { performance } from 'node:perf_hooks';
import { applyOverrides, inputError, pointOverrides, validateScenarioInput, type ExpectRule, type LoadedScenario, type NumericRange, type Slo } from '../scenario/index.ts';
import { unproducibleMetric } from '../scenario/metric-names.ts';
import { createExecutor, DEFAULT_MODEL } from './executor.ts';
import { toFinished } from './execute.ts';
import { environment, manifestHead, type Manifest } from './manifest.ts';
import type { Plan, PlanPoint } from './plan.ts';
import { ProbeBoard, ROW_FINISHED, ROW_PENDING, ROW_RUNNING, type BoardRow } from './probe-board.ts';
import { checkResultsFolder, makeResultsFolder, writeResultFiles } from './results-dir.ts';
import { checkThreads, type ExecutionOptions, type ThreadsOption } from './run.ts';
import { replicationSeeds } from './seeds.ts';
import { runProbe, type EarlyStop } from './size-probe.ts';
import { searchBoundary, type ProbeVerdict } from './size-search.ts';
import { buildSummary, compareRecords, domainIn, replicationValues, type RunStatus, type Summary } from './summary.ts';
import type { FinishedReplication, ReplicationFailure, ReplicationRecord } from './types.ts';
import { judgeReplications, type UndefinedIn, type Verdict } from './verdict.ts';

/**
 * An SLO judged at a probe as an expectation is (verdict.ts), or where the probe stopped early
 * without judging it on its replications (`atLeast`, `undecided`), without a rule, interval or count.
 */
export interface SloVerdict extends Partial<Pick<Verdict, 'rule' | 'ci95' | 'failedReplications' | 'n'>> {
  readonly slo: string;
  /** The metric's mean over the probe's replications that define it; with `atLeast`, a lower bound on it. */
  readonly observed: number | null;
  readonly passed: boolean;
  readonly undefinedIn?: UndefinedIn;
  /** True when the probe stopped early on this SLO and `observed` is what the mean cannot go below. */
  readonly atLeast?: true;
  /** True for the other SLOs of a probe that stopped early: not judged (`passed` false, `observed` null). */
  readonly undecided?: true;
}

export interface Probe {
  readonly value: number;
  /** Index of this probe's point in summary.points. */
  readonly point: number;
  readonly passed: boolean;
  readonly slos: readonly SloVerdict[];
  /** Set when the probe stopped once an SLO had failed for good: which replication showed it, and when. */
  readonly stoppedEarly?: StoppedEarly;
}

export interface StoppedEarly {
  readonly replication: number;
  readonly atUs: number;
  readonly slo: string;
  /** The SLO's metric, where the replication ran to its end and left it undefined (and not a bound past the limit). */
  readonly undefinedMetric?: string;
}

/** A probe under way, as `onProbeProgress` sees it. */
export interface ProbeProgress {
  readonly key: string;
  readonly value: number;
  /** Probes before this one. */
  readonly probesDone: number;
  readonly durationUs: number;
  /** Each replication as the probe's board last showed it: not started, running (with its simulated time) or finished. */
  readonly replications: readonly { readonly state: 'pending' | 'running' | 'finished'; readonly simulatedUs: number }[];
  /**
   * Each SLO's metric so far: the mean over the replications that report it, what the final mean
   * cannot go below (null once every replication has finished: `now` is then the final mean), and
   * the SLO's limit (so a rounded value can be shown on the side of it that it is on), and how many
   * finished replications left the metric undefined (the verdict then fails, verdict.ts judgeReplications).
   * `finalOf`, with the verdict of a probe stopped early on a metric left undefined, on the SLO it
   * stopped on: that SLO is judged, on the `finalOf` replications kept (the others were skipped or
   * dropped), and `now` and `undefinedIn` are its verdict's; its value will not change.
   */
  readonly slos: readonly { readonly slo: string; readonly now: number | null; readonly atLeast: number | null; readonly limit: number; readonly undefinedIn: number; readonly finalOf?: number }[];
  /** Set once the probe has its verdict. */
  readonly verdict?: 'meets' | 'misses' | 'misses (stopped early)';
  /** With a verdict that stopped early: why. */
  readonly stoppedEarly?: StoppedEarly;
  readonly elapsedMs: number;
}

export interface SizeAnswer {
  readonly key: string;
  readonly lo: number;
  readonly hi: number;
  readonly goal: 'largest' | 'smallest';
  readonly slos: readonly string[];
  /** How each probe judged the SLOs over its replications (the scenario's expectRule). */
  readonly rule: ExpectRule;
  /** The value found, or null when no value in [lo, hi] meets every SLO. */
  readonly answer: number | null;
  readonly explanation: string;
  readonly probes: readonly Probe[];
}

export interface SizeRequest extends ExecutionOptions, ThreadsOption {
  readonly loaded: LoadedScenario;
  readonly range: NumericRange;
  readonly slos: readonly Slo[];
  readonly minimize: boolean;
  readonly outDir?: string;
  readonly resultsRoot?: string;
  /** Called as a probe starts, every `progressEveryMs` while it runs, as each replication ends, and with its verdict. */
  readonly onProbeProgress?: (progress: ProbeProgress) => void;
  readonly progressEveryMs?: number;
}

export interface SizeOutcome {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly status: RunStatus;
  readonly summary: Summary & { readonly size: SizeAnswer };
}

/** Each SLO judged by `rule` on `records`, a probe's replications; one whose metric a replication left undefined fails (judgeReplications). */
export function judgeSlos(slos: readonly Slo[], rule: ExpectRule, records: readonly ReplicationRecord[]): SloVerdict[] {
  return slos.map((s) => ({ slo: `${s.metric} ${s.conditionText}`, ...judgeReplications(s.condition, rule, replicationValues(records, s.metric), domainIn(records, s.metric)) }));
}

export async function sizeScenario(request: SizeRequest): Promise<SizeOutcome> {
  const { loaded, range, slos, minimize } = request;
  const key = range.key;
  const pointAt = (value: number): PlanPoint => {
    const parameters = { [key]: value };
    const overrides = pointOverrides(parameters);
    return { parameters, scenario: validateScenarioInput(applyOverrides(loaded.input, overrides), loaded.locate, overrides) };
  };
  // Both ends must be valid scenarios, and split over the threads asked for, before anything runs
  // or is written (a value between them that cannot split fails its probe, saying why).
  const ends = [pointAt(range.lo), pointAt(range.hi)];
  const threads = request.threads ?? 1;
  if (threads > 1) await checkThreads(ends, loaded, threads, request.onNotice);
  if (slos.length === 0) throw inputError('--slo', '(flag)', "at least one --slo such as 'safety.violations==0'", 'none');
  // An SLO on a metric neither end can report would fail at every probe: the search would run to
  // "no value meets the SLOs" on a name that could never have been met.
  for (const slo of slos) {
    const expected = unproducibleMetric(slo.metric, ends.map((p) => p.scenario));
    if (expected !== undefined) throw inputError(`--slo ${slo.text ?? `${slo.metric}${slo.condition.op}${slo.condition.value}`}`, '(flag)', expected, `'${slo.metric}'`);
  }

  const seeds = replicationSeeds(loaded.scenario.seed, loaded.scenario.replications);
  const started = performance.now();
  const now = new Date();
  checkResultsFolder(request, 'a folder that holds no results yet');
  const dir = makeResultsFolder(request, loaded.scenario.name, 'size-', loaded.scenario.seed, now);
  const baseManifest: Omit<Manifest, 'status' | 'endedAt' | 'wallMs'> = {
    ...manifestHead('size', loaded, seeds),
    ...(threads > 1 ? { threads } : {}),
    workers: request.workers,
    size: { key, lo: range.lo, hi: range.hi, slos: slos.map((s) => `${s.metric} ${s.conditionText}`), goal: minimize ? 'smallest' : 'largest' },
    ...environment(),
    startedAt: now.toISOString(),
  };

  const points: PlanPoint[] = [];
  const probes: Probe[] = [];
  const finished: FinishedReplication[] = [];
  const failures: ReplicationFailure[] = [];
  const executor = createExecutor(request.workers, request.model ?? DEFAULT_MODEL);
  const signal = request.signal ?? new AbortController().signal;
  const watched = slos.map((s) => ({ metric: s.metric, condition: s.condition }));
  const sloText = (s: Slo): string => `${s.metric} ${s.conditionText}`;
  const rule = loaded.scenario.expectRule;
  let simulatedUs = 0;
  let answer: number | null = null;
  let explanation = '';

  let manifest: Manifest | undefined;
  const write = (status: RunStatus): SizeOutcome['summary'] => {
    const base = buildSummary(loaded.scenario.name, status, points, finished.map((f) => f.record), failures);
    const size: SizeAnswer = { key, lo: range.lo, hi: range.hi, goal: minimize ? 'smallest' : 'largest', slos: baseManifest.size!.slos, rule, answer, explanation, probes };
    const summary = { ...base, size };
    const endedAt = status === 'running' ? null : new Date().toISOString();
    manifest = { ...baseManifest, status, endedAt, wallMs: Math.round(performance.now() - started) };
    writeResultFiles(dir, manifest, summary, finished);
    return summary;
  };

  /** What the probe's board shows: each replication's state and each SLO's mean so far. */
  const progressOf = (value: number, durationUs: number, board: ProbeBoard, verdict?: ProbeProgress['verdict'], stoppedEarly?: StoppedEarly, judged?: { readonly slo: number; readonly verdict: SloVerdict }): ProbeProgress => {
    const rows = board.rows();
    const meanOf = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
    return {
      key, value, durationUs, probesDone: probes.length, elapsedMs: performance.now() - started,
      replications: rows.map((row) => ({ state: row.state === ROW_PENDING ? 'pending' : row.state === ROW_RUNNING ? 'running' : 'finished', simulatedUs: row.simulatedUs })),
      slos: slos.map((s, k) => {
        // The board would show it as it was when the probe stopped, a dropped replication's partial value among them.
        if (judged?.slo === k) {
          const v = judged.verdict;
          return { slo: sloText(s), now: v.observed, atLeast: null, limit: s.condition.value, undefinedIn: v.undefinedIn?.replications ?? 0, finalOf: v.undefinedIn?.of ?? rows.length };
        }
        const reporting = rows.filter((row) => row.state !== ROW_PENDING);
        return {
          slo: sloText(s),
          now: meanOf(reporting.map((row) => row.now[k]!).filter(Number.isFinite)),
          atLeast: probeMeanAtLeast(rows, k),
          limit: s.condition.value,
          undefinedIn: probeUndefinedIn(rows, k),
        };
      }),
      ...(verdict === undefined ? {} : { verdict }),
      ...(stoppedEarly === undefined ? {} : { stoppedEarly }),
    };
  };

  /** Run the replications at `value`; undefined when interrupted or a replication failed. */
  const probe = async (value: number): Promise<ProbeVerdict | undefined> => {
    const index = points.length;
    points.push(pointAt(value));
    const scenario = points[index]!.scenario;
    const plan: Plan = { points, replicationSeeds: seeds };
    const board = ProbeBoard.create(seeds.length, slos.length);
    const report = (verdict?: ProbeProgress['verdict'], stoppedEarly?: StoppedEarly, judged?: Parameters<typeof progressOf>[5]) => request.onProbeProgress?.(progressOf(value, scenario.duration, board, verdict, stoppedEarly, judged));
    report();
    const timer = request.onProbeProgress === undefined ? undefined : setInterval(() => report(), request.progressEveryMs ?? 500);
    timer?.unref();
    let outcome;
    try {
      outcome = await runProbe({
        tasks: seeds.map((seed, replication) => ({ point: index, replication, seed, scenario, ...(threads > 1 ? { threads } : {}) })),
        slos: watched,
        // Forty reports a run: fine enough to stop early and show progress, few enough to cost little.
        everyUs: Math.max(1, Math.ceil(scenario.duration / 40)),
        executor,
        signal,
        board,
        onReplicationDone: (_task, result) => {
          simulatedUs += result.output.simulatedUs;
          report();
        },
      });
    } finally {
      if (timer !== undefined) clearInterval(timer);
    }
    for (const { task, result } of outcome.finished) {
      finished.push(toFinished(plan, task, result));
      request.onProgress?.({ done: finished.length, doneBefore: 0, failed: failures.length, total: finished.length, simulatedUs, elapsedMs: performance.now() - started });
    }
    for (const f of outcome.failed) failures.push({ point: f.task.point, replication: f.task.replication, seed: f.task.seed, error: f.error });
    if (!outcome.completed || outcome.failed.length > 0) return undefined;
    const records = finished.map((f) => f.record).filter((r) => r.point === index).sort(compareRecords);
    const early = outcome.early;
    const verdicts = early === undefined ? judgeSlos(slos, rule, records) : earlyVerdicts(slos, rule, early, records);
    const passed = verdicts.every((v) => v.passed);
    const stoppedEarly: StoppedEarly | undefined = early && {
      replication: early.replication,
      atUs: early.atUs,
      slo: sloText(slos[early.slo]!),
      ...(early.kind === 'undefined' ? { undefinedMetric: slos[early.slo]!.metric } : {}),
    };
    probes.push({ value, point: index, passed, slos: verdicts, ...(stoppedEarly === undefined ? {} : { stoppedEarly }) });
    const judged = early?.kind === 'undefined' ? { slo: early.slo, verdict: verdicts[early.slo]! } : undefined;
    report(stoppedEarly !== undefined ? 'misses (stopped early)' : passed ? 'meets' : 'misses', stoppedEarly, judged);
    write('running');
    return { passed, margin: bindingMargin(slos, verdicts) };
  };

  write('running');
  let status: RunStatus = 'complete';
  let searched: Awaited<ReturnType<typeof searchBoundary>>['result'];
  try {
    const search = await searchBoundary(range.lo, range.hi, minimize, probe);
    status = search.status;
    searched = search.result;
    if (searched !== undefined) ({ answer, explanation } = searched);
  } finally {
    await executor.close();
  }
  const contradiction = monotonicityContradiction(probes, minimize);
  if (contradiction) explanation += `; warning: ${contradiction}, so the SLOs are not monotone in ${key} and the answer may not be the boundary`;
  if (signal.aborted) status = 'interrupted';
  else if (failures.length > 0) status = 'failed';
  // No answer because the search stopped, not because no value meets the SLOs: say which.
  if (searched === undefined && explanation === '') explanation = `no answer: the search did not finish (${status})`;
  const summary = write(status);
  return { dir, status, summary, manifest: manifest! };
}

/**
 * How far the most binding SLO is from its limit: the log of observed over limit (limit over
 * observed for a lower limit), ≤ 0 when every SLO holds, > 0 when one fails (a strict bound exactly
 * at its limit included: Number.EPSILON); a relative difference
 * where a value is not positive; NaN when no SLO has a value or a direction (`==`, `!=`). On a log
 * scale a latency climbing towards saturation is nearly straight, which is what the search's
 * interpolation wants. Only steers the search (size-search.ts); verdicts alone decide the answer.
 * NaN too where a replication left an SLO's metric undefined: that verdict fails whatever the mean,
 * so the mean's distance from the limit says nothing about where the boundary lies. And NaN where
 * the probe stopped early (`atLeast`): its `observed` is the bound at the moment it first passed
 * the limit, just past it by construction whatever the full mean would have been, so interpolating
 * on it would put the next probe beside the one that failed; the search bisects instead.
 */
export function bindingMargin(slos: readonly Slo[], verdicts: readonly SloVerdict[]): number {
  if (verdicts.some((v) => v.undefinedIn !== undefined || v.atLeast === true)) return NaN;
  let margin = NaN;
  slos.forEach((s, k) => {
    const observed = verdicts[k]?.observed;
    if (observed === null || observed === undefined) return;
    const { op, value } = s.condition;
    const above = op === '<=' || op === '<' ? true : op === '>=' || op === '>' ? false : undefined;
    if (above === undefined) return;
    const [big, small] = above ? [observed, value] : [value, observed];
    const distance = big > 0 && small > 0 ? Math.log(big / small) : (big - small) / (value === 0 ? 1 : Math.abs(value));
    // A strict bound fails at its limit: there the margin is just past 0, on the failing side, so
    // that the search reads the probe as failing (size-search.ts nextInside wants > 0 there).
    // EPSILON rather than MIN_VALUE: the Illinois step halves a kept end's margin, and MIN_VALUE / 2 is 0.
    const m = distance === 0 && (op === '<' || op === '>') ? Number.EPSILON : distance;
    if (Number.isFinite(m) && !(m <= margin)) margin = m;
  });
  return margin;
}

/**
 * What the mean of metric k over a probe's replications cannot go below, for progress: the sum of
 * each replication's lower bound over their number (a finished replication's bound is its final
 * value; one not started, or without a bound yet, counts as 0: only metrics that are never
 * negative have bounds, size-early-stop.ts). Null when no replication has a bound (the metric has
 * none), and once every replication has finished, when the mean so far is the final mean.
 * The early stop decides on one replication's own bound alone, so that its records do not depend
 * on thread timing; progress depends on timing anyway, and the sum is the tighter bound.
 */
export function probeMeanAtLeast(rows: readonly BoardRow[], k: number): number | null {
  if (rows.length === 0 || rows.every((row) => row.state === ROW_FINISHED)) return null;
  const bounds = rows.map((row) => (row.state === ROW_PENDING ? NaN : row.atLeast[k]!));
  if (!bounds.some(Number.isFinite)) return null;
  return bounds.reduce((sum, b) => sum + (Number.isFinite(b) ? b : 0), 0) / rows.length;
}

/**
 * How many of a probe's replications left metric k undefined, for progress: only finished ones, since
 * a running replication may not have a value yet (a latency before its first commit) and still get one.
 */
export function probeUndefinedIn(rows: readonly BoardRow[], k: number): number {
  return rows.filter((row) => row.state === ROW_FINISHED && !Number.isFinite(row.now[k]!)).length;
}

/**
 * A probe stopped early: the SLO that failed, with what its mean cannot go below, or judged on the
 * replications kept (`records`) where one of them left its metric undefined (which fails it, with
 * `undefinedIn`, as the full runs would); the others were not decided. A mean past the limit fails
 * the stricter rules too (verdict.ts: they never pass what the mean fails).
 */
function earlyVerdicts(slos: readonly Slo[], rule: ExpectRule, early: EarlyStop, records: readonly ReplicationRecord[]): SloVerdict[] {
  return slos.map((s, k) => {
    const slo = `${s.metric} ${s.conditionText}`;
    if (k !== early.slo) return { slo, observed: null, passed: false, undecided: true };
    return early.kind === 'bound' ? { slo, observed: early.meanAtLeast, passed: false, atLeast: true } : { slo, ...judgeReplications(s.condition, rule, replicationValues(records, s.metric), domainIn(records, s.metric)) };
  });
}

/** A passing probe on the failing side of a failing one (e.g. 40 passes while 30 fails, maximizing). */
export function monotonicityContradiction(probes: readonly Probe[], minimize: boolean): string | undefined {
  for (const pass of probes.filter((p) => p.passed)) {
    for (const fail of probes.filter((p) => !p.passed)) {
      if (minimize ? pass.value < fail.value : pass.value > fail.value) return `${pass.value} meets every SLO but ${fail.value} does not`;
    }
  }
  return undefined;
}
