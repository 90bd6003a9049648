/**
 * Capacity sizing (`iomtsim size`): the largest value of one integer parameter (or the smallest,
 * with --minimize) at which every SLO holds, found by bisection. Bisection assumes the SLOs are
 * monotone in the parameter (more beds never lowers latency); each probe runs all replications and
 * judges the SLOs on the metric means. The answer comes with its evidence: every probe, its
 * metrics and each SLO's verdict, in summary.json.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyOverrides, holds, inputError, pointOverrides, validateScenarioInput, type LoadedScenario, type NumericRange, type Slo } from '../scenario/index.ts';
import { createExecutor, DEFAULT_MODEL } from './executor.ts';
import { toFinished } from './execute.ts';
import { environment, manifestHead, type Manifest } from './manifest.ts';
import type { Plan, PlanPoint } from './plan.ts';
import { ensureDir, newRunDir, writeResultFiles } from './results-dir.ts';
import { runTasks } from './run-tasks.ts';
import type { ExecutionOptions } from './run.ts';
import { replicationSeeds } from './seeds.ts';
import { buildSummary, type PointSummary, type RunStatus, type Summary } from './summary.ts';
import type { FinishedReplication, ReplicationFailure } from './types.ts';

export interface SloVerdict {
  readonly slo: string;
  readonly observed: number | null;
  readonly passed: boolean;
}

export interface Probe {
  readonly value: number;
  /** Index of this probe's point in summary.points. */
  readonly point: number;
  readonly passed: boolean;
  readonly slos: readonly SloVerdict[];
}

export interface SizeAnswer {
  readonly key: string;
  readonly lo: number;
  readonly hi: number;
  readonly goal: 'largest' | 'smallest';
  readonly slos: readonly string[];
  /** The value found, or null when no value in [lo, hi] meets every SLO. */
  readonly answer: number | null;
  readonly explanation: string;
  readonly probes: readonly Probe[];
}

export interface SizeRequest extends ExecutionOptions {
  readonly loaded: LoadedScenario;
  readonly range: NumericRange;
  readonly slos: readonly Slo[];
  readonly minimize: boolean;
  readonly outDir?: string;
  readonly resultsRoot?: string;
}

export interface SizeOutcome {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly status: RunStatus;
  readonly summary: Summary & { readonly size: SizeAnswer };
}

export function judgeSlos(slos: readonly Slo[], point: PointSummary): SloVerdict[] {
  return slos.map((s) => {
    const observed = point.metrics[s.metric]?.mean ?? null;
    return { slo: `${s.metric} ${s.conditionText}`, observed, passed: observed !== null && holds(s.condition, observed) };
  });
}

export async function sizeScenario(request: SizeRequest): Promise<SizeOutcome> {
  const { loaded, range, slos, minimize } = request;
  const key = range.key;
  const pointAt = (value: number): PlanPoint => {
    const parameters = { [key]: value };
    const overrides = pointOverrides(parameters);
    return { parameters, scenario: validateScenarioInput(applyOverrides(loaded.input, overrides), loaded.locate, overrides) };
  };
  // Both ends must be valid scenarios before anything runs or is written.
  pointAt(range.lo);
  pointAt(range.hi);
  if (slos.length === 0) throw inputError('--slo', '(flag)', "at least one --slo such as 'safety.violations==0'", 'none');

  const seeds = replicationSeeds(loaded.scenario.seed, loaded.scenario.replications);
  const started = performance.now();
  const now = new Date();
  if (request.outDir !== undefined && existsSync(join(request.outDir, 'manifest.json'))) {
    throw inputError(`--out ${request.outDir}`, '(flag)', 'a folder that holds no results yet', 'an existing results folder');
  }
  const dir = request.outDir ?? newRunDir(request.resultsRoot ?? 'results', loaded.scenario.name, 'size-', loaded.scenario.seed, now);
  const baseManifest: Omit<Manifest, 'status' | 'endedAt' | 'wallMs'> = {
    ...manifestHead('size', loaded, seeds),
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
  let simulatedUs = 0;
  let answer: number | null = null;
  let explanation = '';

  let manifest: Manifest | undefined;
  const write = (status: RunStatus): SizeOutcome['summary'] => {
    const base = buildSummary(loaded.scenario.name, status, points, finished.map((f) => f.record), failures);
    const size: SizeAnswer = { key, lo: range.lo, hi: range.hi, goal: minimize ? 'smallest' : 'largest', slos: baseManifest.size!.slos, answer, explanation, probes };
    const summary = { ...base, size };
    const endedAt = status === 'running' ? null : new Date().toISOString();
    manifest = { ...baseManifest, status, endedAt, wallMs: Math.round(performance.now() - started) };
    writeResultFiles(dir, manifest, summary, finished);
    return summary;
  };

  /** Run every replication at `value`; undefined when interrupted or a replication failed. */
  const probe = async (value: number): Promise<boolean | undefined> => {
    const index = points.length;
    points.push(pointAt(value));
    const plan: Plan = { points, replicationSeeds: seeds };
    const tasks = seeds.map((seed, replication) => ({ point: index, replication, seed, scenario: points[index]!.scenario }));
    const completed = await runTasks(tasks, executor, signal, {
      onFinished(task, result) {
        finished.push(toFinished(plan, task, result));
        simulatedUs += result.output.simulatedUs;
        request.onProgress?.({ done: finished.length, doneBefore: 0, failed: failures.length, total: finished.length + failures.length + (seeds.length - task.replication - 1), simulatedUs, elapsedMs: performance.now() - started });
      },
      onFailed(task, error) {
        failures.push({ point: task.point, replication: task.replication, seed: task.seed, error });
      },
    });
    if (!completed || failures.length > 0) return undefined;
    const summary = buildSummary(loaded.scenario.name, 'running', points, finished.map((f) => f.record), failures);
    const verdicts = judgeSlos(slos, summary.points[index]!);
    const passed = verdicts.every((v) => v.passed);
    probes.push({ value, point: index, passed, slos: verdicts });
    write('running');
    return passed;
  };

  ensureDir(dir);
  write('running');
  let status: RunStatus = 'complete';
  try {
    status = await bisect(range.lo, range.hi, minimize, probe, (a, why) => {
      answer = a;
      explanation = why;
    });
  } finally {
    await executor.close();
  }
  const contradiction = monotonicityContradiction(probes, minimize);
  if (contradiction) explanation += `; warning: ${contradiction}, so the SLOs are not monotone in ${key} and the answer may not be the boundary`;
  if (signal.aborted) status = 'interrupted';
  else if (failures.length > 0) status = 'failed';
  const summary = write(status);
  return { dir, status, summary, manifest: manifest! };
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

/**
 * Bisection over [lo, hi] for the boundary between passing and failing values. Maximizing, passing
 * values are assumed to lie below failing ones; minimizing, above.
 */
async function bisect(
  lo: number,
  hi: number,
  minimize: boolean,
  probe: (value: number) => Promise<boolean | undefined>,
  conclude: (answer: number | null, explanation: string) => void,
): Promise<RunStatus> {
  // Probe the end that must pass first: if it fails, nothing in the range can.
  const [must, other] = minimize ? [hi, lo] : [lo, hi];
  const mustPass = await probe(must);
  if (mustPass === undefined) return 'failed';
  if (!mustPass) {
    conclude(null, `no value in [${lo}, ${hi}] meets every SLO: ${must} already fails`);
    return 'complete';
  }
  const otherPass = await probe(other);
  if (otherPass === undefined) return 'failed';
  if (otherPass) {
    conclude(other, `every SLO holds across the whole range, including ${other}`);
    return 'complete';
  }
  let passing = must;
  let failing = other;
  while (Math.abs(failing - passing) > 1) {
    const mid = Math.floor((passing + failing) / 2);
    const ok = await probe(mid);
    if (ok === undefined) return 'failed';
    if (ok) passing = mid;
    else failing = mid;
  }
  conclude(passing, `${passing} meets every SLO and ${failing} does not`);
  return 'complete';
}
