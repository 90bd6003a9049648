/** Human-readable summaries on stdout (without --json). */
import { distinctEnds, judgedEnds, onSideOfBound, spreadOf } from '../report/model/format.ts';
import { inValueOrder } from '../report/model/parameter-scale.ts';
import { boundaryProbes, checkCounts, meanAnswerCaveat, meanWhereDefined, ruleText, spreadText, stoppedEarlyText, type DryRun, type UndefinedIn, type PointSummary, type Probe, type SizeAnswer, type Summary, type Verdict } from '../runner/index.ts';
import { parseCondition, parseSlo } from '../scenario/conditions.ts';

function num(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? x.toExponential(3) : Number(x.toPrecision(6)).toString();
}

/**
 * `num` of a value judged against `bound`, with the digits it takes to stay on its side of it
 * (71.3215798 against `>= 71.3216` prints 71.32158, not 71.3216): a rounded value must never read
 * as meeting the bound it missed, or the reverse.
 */
function judged(x: number, bound: number | undefined): string {
  if (bound === undefined || !Number.isFinite(x)) return num(x);
  return onSideOfBound(x, bound, (extra) => numAt(x, extra)) ?? String(x);
}

/** `x` as `num` prints it, or with `extra` more significant digits where that is what tells it apart. */
function numAt(x: number, extra: number): string {
  return extra === 0 ? num(x) : Number(x.toPrecision(6 + extra)).toString();
}

/**
 * What a verdict observed: the mean, judged against `bound`; with the replications that left the
 * metric undefined (which failed it) after the mean of the others; `notProduced` when none defined it.
 */
function observedText(observed: number | null, undefinedIn: UndefinedIn | undefined, bound: number | undefined, notProduced: string): string {
  if (observed === null) return notProduced;
  const mean = judged(observed, bound);
  return meanWhereDefined(mean, undefinedIn);
}

/**
 * What follows a verdict's mean: ", 95 % CI [166.3, 195.9], 2 of 5 replications break it", the ends
 * on their side of `bound`; empty where the verdict has no such evidence (a probe stopped early).
 */
function spreadAfter(v: Partial<Pick<Verdict, 'ci95' | 'failedReplications' | 'n' | 'undefinedIn'>> & { readonly observed: number | null }, bound: number | undefined): string {
  const ends = v.ci95 === null || v.ci95 === undefined ? null : judgedEnds(v.ci95[0], v.ci95[1], bound, numAt);
  const spread = spreadText(v, ends);
  return spread === '' ? '' : `, ${spread}`;
}

function parametersText(p: PointSummary): string {
  const entries = Object.entries(p.parameters);
  return entries.length === 0 ? '' : entries.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
}

/** A point's checks and expectations, and with `allMetrics` every metric (mean and 95 % CI) before them. */
export function formatPoint(p: PointSummary, allMetrics: boolean): string[] {
  const lines: string[] = [];
  const params = parametersText(p);
  lines.push(`${params === '' ? (allMetrics ? 'metrics' : 'checks') : params} (n=${p.n})`);
  const names = allMetrics ? Object.keys(p.metrics) : [];
  const width = Math.max(0, ...names.map((n) => n.length));
  for (const name of names) {
    const m = p.metrics[name]!;
    // The report's rule (spreadOf): the same interval, clamped the same way, or the same note where
    // there is none (one replication, or all alike); and the count where some gave no value.
    const { interval, note } = spreadOf(name, m, p.n);
    const ci = interval === null ? '' : `  95% CI [${distinctEnds(interval[0], interval[1], numAt).join(', ')}]`;
    lines.push(`  ${name.padEnd(width)}  ${num(m.mean)} ${m.unit}${ci}${note === '' ? '' : `  (${note})`}`);
  }
  for (const c of p.checks) {
    const failed = `FAILED in ${c.failedReplications} of ${c.n} (${c.detail})`;
    const passed = c.couldNotFail === undefined ? 'passed' : `passed, but could not fail: ${c.couldNotFail}`;
    const verdict = c.passed ? passed : checkCounts(p, c) ? failed : `${failed}; expected: judged by expect ${c.violationsMetric}`;
    lines.push(`  check ${c.name}: ${verdict}`);
  }
  for (const e of p.expectations) {
    const bound = parseCondition(e.condition)?.value;
    const observed = `observed ${observedText(e.observed, e.undefinedIn, bound, 'nothing: metric not produced')}${spreadAfter(e, bound)}`;
    const vacuity = e.couldNotFail === undefined ? '' : `; its check could not fail: ${e.couldNotFail}`;
    lines.push(`  expect ${e.metric} ${e.condition}: ${e.passed ? 'passed' : 'FAILED'} ${ruleText(e.rule)} (${observed}${vacuity})`);
  }
  return lines;
}

/**
 * What a run prints: its status, each point's checks and expectations (every metric too with
 * `allMetrics`), the headline that answers the scenario's questions, and where the results are.
 */
export function formatSummary(summary: Summary, dir: string, options: { readonly allMetrics: boolean; readonly headline: string }): string {
  const lines = [`${summary.scenario}: ${summary.status}`];
  // In the report's order: by swept value (200ms before 1s), not the order --vary listed them.
  for (const p of inValueOrder(summary.points, (point) => point.parameters)) lines.push(...formatPoint(p, options.allMetrics));
  const metricCount = new Set(summary.points.flatMap((p) => Object.keys(p.metrics))).size;
  const more = options.allMetrics ? '' : ` (all ${metricCount} metrics in summary.json; --all-metrics prints them)`;
  return `${lines.join('\n')}\n${options.headline}${formatFailures(summary)}results: ${dir}${more}\n`;
}

export function formatFailures(summary: Summary): string {
  return summary.failures.map((f) => `FAILED replication ${f.replication} of point ${f.point} (seed ${f.seed}): ${f.error}\n`).join('');
}

/**
 * The checks and expectations that failed, point by point, for output that lists no point in full
 * (a size search prints its probes instead): what else makes such a run exit 1.
 */
export function formatFailedVerdicts(summary: Summary): string {
  const lines: string[] = [];
  for (const p of inValueOrder(summary.points, (point) => point.parameters)) {
    // As summaryPassed judges: a failed check counts unless an expectation judges its metric.
    const failedPoint = { ...p, checks: p.checks.filter((c) => !c.passed && checkCounts(p, c)), expectations: p.expectations.filter((e) => !e.passed) };
    if (failedPoint.checks.length + failedPoint.expectations.length === 0) continue;
    const failed = formatPoint(failedPoint, false).slice(1);
    const params = parametersText(p);
    lines.push(`FAILED at ${params === '' ? 'the scenario as given' : params} (n=${p.n}):`, ...failed);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Points listed one per line up to this many; the rest are counted. */
const DRY_RUN_POINTS_SHOWN = 20;

function seconds(us: number): string {
  return `${num(us / 1e6)} s`;
}

/** One time, or the least and greatest of a sweep's points when they differ. */
function spanOf(timesUs: readonly number[], each: string, what: string): string {
  const least = Math.min(...timesUs), greatest = Math.max(...timesUs);
  return least === greatest ? `${each}${seconds(least)}${what}` : `${seconds(least)} to ${seconds(greatest)}${what} by point`;
}

/** `run --dry-run`: what the run would do, checked; nothing was run or written. */
export function formatDryRun(scenarioPath: string, dry: DryRun): string {
  const reps = dry.replicationSeeds.length;
  const lines = [
    `${scenarioPath}: valid (dry run: nothing was run or written)`,
    `  ${dry.points.length} point${dry.points.length === 1 ? '' : 's'} × ${reps} replication${reps === 1 ? '' : 's'}: ${dry.tasks} to run on ${dry.workers} worker${dry.workers === 1 ? '' : 's'}, each over ${dry.threads} thread${dry.threads === 1 ? '' : 's'}`,
    `  ${spanOf(dry.durationsUs, 'each ', ' simulated')} (warm-up ${spanOf(dry.warmupsUs, '', '')}); seeds ${dry.replicationSeeds.slice(0, 3).join(', ')}${reps > 3 ? ', ...' : ''}`,
  ];
  if (dry.kind === 'sweep') {
    for (const p of dry.points.slice(0, DRY_RUN_POINTS_SHOWN)) lines.push(`  point ${Object.entries(p).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`);
    if (dry.points.length > DRY_RUN_POINTS_SHOWN) lines.push(`  ... and ${dry.points.length - DRY_RUN_POINTS_SHOWN} more points`);
  }
  return `${lines.join('\n')}\n`;
}

/** Each SLO at a probe: "consensus.commit_latency_ms.p99 <= 500: 497.573 ok, 95 % CI [301.889, 693.257], 2 of 3 replications break it". */
function probeVerdicts(p: Probe): string {
  return p.slos
    .map((s) => {
      if (s.undecided) return `${s.slo}: not decided`;
      const bound = parseSlo(s.slo)?.condition.value;
      return `${s.slo}: ${s.atLeast ? '≥ ' : ''}${observedText(s.observed, s.undefinedIn, bound, 'not produced')} ${s.passed ? 'ok' : 'FAIL'}${spreadAfter(s, bound)}`;
    })
    .join('; ');
}

export function formatSize(size: SizeAnswer): string {
  const lines = [`size: ${size.goal} ${size.key} in [${size.lo}, ${size.hi}] meeting ${size.slos.join(' and ')}, each ${ruleText(size.rule)}`];
  for (const p of size.probes) {
    const early = p.stoppedEarly === undefined ? '' : `, ${stoppedEarlyText(p.stoppedEarly, num)}`;
    lines.push(`  probe ${size.key}=${p.value}: ${p.passed ? 'meets' : 'misses'} (${probeVerdicts(p)}${early})`);
  }
  lines.push(`answer: ${size.answer === null ? 'none' : `${size.key}=${size.answer}`} (${size.explanation})`);
  // The answer with its uncertainty: the verdicts either side of the boundary, and what a mean alone does not say.
  for (const p of boundaryProbes(size)) lines.push(`  at ${size.key}=${p.value}: ${probeVerdicts(p)}`);
  const caveat = meanAnswerCaveat(size);
  if (caveat !== undefined) lines.push(`  ${caveat}`);
  return `${lines.join('\n')}\n`;
}
