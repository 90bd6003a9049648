/**
 * What a fuzz run leaves and says: one scenario file per failing seed in the results folder (each
 * replays with `iomtsim run <file>` and fails the same way), fuzz.json with every seed's verdict,
 * and the text or JSON report.
 */
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic-write.ts';
import type { FuzzOutcome, SeedResult } from './run.ts';
import { scenarioYaml } from './scenario-file.ts';
import type { FuzzTarget } from './target.ts';
import { exitCodeOf, type FailureKind } from './verdict.ts';

export interface FailureRecord {
  readonly seed: number;
  readonly kind: FailureKind;
  readonly nodes: number;
  readonly details: readonly string[];
  readonly file: string;
  readonly replay: string;
}

export interface FuzzSummary {
  readonly protocol: string;
  readonly seedsRun: number;
  readonly passed: boolean;
  readonly exitCode: number;
  /** 1-based position of the first failing seed in the seeds asked for (seeds it took to catch). */
  readonly firstFailureAfter: number | undefined;
  readonly failures: readonly FailureRecord[];
  /**
   * --threads: the thread count; the seeds run again split and compared, among them those compared
   * without the attacks that cannot split ('compared without ...': seeds); why the others could not
   * split at all (reason: seeds).
   */
  readonly split?: { readonly threads: number; readonly compared: number; readonly without: Readonly<Record<string, number>>; readonly notSplit: Readonly<Record<string, number>> };
  /**
   * --beyond: seeds whose safety checker found conflicting commits; of the seeds whose attacks keep
   * a ground truth of them (attack.conflicting_commits: groundTruthSeeds), those where it recorded
   * some; null where no seed's attacks keep one (crash faults, proof of work), which is no count of 0.
   */
  readonly safetyLost?: {
    readonly bySafetyChecker: number;
    readonly byGroundTruth: number | null;
    readonly groundTruthSeeds: number;
    /** The checker's count over the ground truth's seeds only: the two to compare. */
    readonly bySafetyCheckerOfThose: number;
  };
  readonly meanWallMsPerSeed: number;
  readonly resultsDir: string | undefined;
}

function writeFailure(r: SeedResult, dir: string, threads: number): FailureRecord {
  const file = join(dir, `seed-${r.case.seed}.yaml`);
  writeFileAtomic(file, scenarioYaml(r.case, file));
  // A divergence shows as two summaries that differ.
  const replay = r.verdict.kind === 'divergence' ? `iomtsim run ${file} --threads ${threads}, against iomtsim run ${file}` : `iomtsim run ${file}`;
  return { seed: r.case.seed, kind: r.verdict.kind as FailureKind, nodes: r.case.nodes, details: r.verdict.details, file, replay };
}

/** The seeds compared split over threads (those compared without some attacks among them), and why the others could not split, with their counts. */
function splitTally(results: readonly SeedResult[], threads: number): FuzzSummary['split'] {
  const notSplit: Record<string, number> = {};
  const without: Record<string, number> = {};
  let compared = 0;
  for (const r of results) {
    if (r.split === undefined) continue;
    if (!r.split.startsWith('compared')) {
      notSplit[r.split] = (notSplit[r.split] ?? 0) + 1;
      continue;
    }
    compared++;
    if (r.split !== 'compared') without[r.split] = (without[r.split] ?? 0) + 1;
  }
  return { threads, compared, without, notSplit };
}

/**
 * Lost safety by the checker and by the attacks' ground truth. Only a seed whose attacks count
 * conflicting commits has a ground truth of them: a seed without the metric is left out, not
 * counted as one without conflicts, which would read as the ground truth contradicting the checker.
 */
function safetyLost(results: readonly SeedResult[]): NonNullable<FuzzSummary['safetyLost']> {
  const withTruth = results.filter((r) => r.verdict.groundTruthConflicts !== undefined);
  return {
    bySafetyChecker: results.filter((r) => r.verdict.safetyViolations > 0).length,
    byGroundTruth: withTruth.length === 0 ? null : withTruth.filter((r) => r.verdict.groundTruthConflicts! > 0).length,
    groundTruthSeeds: withTruth.length,
    bySafetyCheckerOfThose: withTruth.filter((r) => r.verdict.safetyViolations > 0).length,
  };
}

/**
 * Writes the failing seeds' scenario files and fuzz.json under `dir` (when there is one) and
 * summarises; `threads` > 1 when the seeds were also run split over that many threads.
 */
export function summarise(target: FuzzTarget, outcome: FuzzOutcome, beyond: boolean, dir: string | undefined, threads = 1): FuzzSummary {
  // Beyond the fault model lost safety is the measurement; a crash or a divergence is still a failure.
  const failing = outcome.results.filter((r) => r.verdict.kind !== 'pass' && (!beyond || r.verdict.kind === 'crash' || r.verdict.kind === 'divergence'));
  const failures = dir === undefined
    ? failing.map((r) => ({ seed: r.case.seed, kind: r.verdict.kind as FailureKind, nodes: r.case.nodes, details: r.verdict.details, file: '', replay: '' }))
    : failing.map((r) => writeFailure(r, dir, threads));
  const firstIndex = outcome.results.findIndex((r) => failing.includes(r));
  const wall = outcome.results.reduce((s, r) => s + r.wallMs, 0);
  const summary: FuzzSummary = {
    protocol: target.label,
    seedsRun: outcome.results.length,
    passed: failures.length === 0 && !outcome.interrupted,
    exitCode: outcome.interrupted ? 130 : exitCodeOf(failures.map((f) => f.kind)),
    firstFailureAfter: firstIndex < 0 ? undefined : firstIndex + 1,
    failures,
    ...(threads > 1 ? { split: splitTally(outcome.results, threads) } : {}),
    ...(beyond ? { safetyLost: safetyLost(outcome.results) } : {}),
    meanWallMsPerSeed: outcome.results.length === 0 ? 0 : Math.round(wall / outcome.results.length),
    resultsDir: dir,
  };
  if (dir !== undefined) {
    writeJsonAtomic(join(dir, 'fuzz.json'), {
      ...summary,
      seeds: outcome.results.map((r) => ({ seed: r.case.seed, nodes: r.case.nodes, verdict: r.verdict.kind, faulty: r.case.faulty, traceHash: r.traceHash, wallMs: r.wallMs, ...(r.split === undefined ? {} : { split: r.split }) })),
    });
  }
  return summary;
}

export function formatSummary(s: FuzzSummary): string {
  const lines: string[] = [];
  for (const f of s.failures) {
    lines.push(`seed ${f.seed} (n = ${f.nodes}): ${f.kind} failure`);
    for (const d of f.details) lines.push(`  ${d}`);
    if (f.file !== '') lines.push(`  scenario: ${f.file}`, `  replay:   ${f.replay}`);
  }
  if (s.split !== undefined) {
    const tally = (counts: Readonly<Record<string, number>>): string => Object.entries(counts).map(([reason, n]) => `${n} × ${reason}`).join('; ');
    const without = Object.values(s.split.without).reduce((a, b) => a + b, 0);
    lines.push(`split over ${s.split.threads} threads and compared: ${s.split.compared} of ${s.seedsRun} seeds${without === 0 ? '' : ` (${without} without their attacks that cannot split)`}${Object.keys(s.split.notSplit).length === 0 ? '' : `; not split: ${tally(s.split.notSplit)}`}`);
  }
  if (s.safetyLost !== undefined) {
    const { bySafetyChecker, byGroundTruth, groundTruthSeeds, bySafetyCheckerOfThose } = s.safetyLost;
    const groundTruth = byGroundTruth === null
      ? "no ground truth to compare with: no seed's attacks count conflicting commits (attack.conflicting_commits; crash faults and proof of work's attacker do not)"
      : `the attacks' ground truth records conflicting commits in ${byGroundTruth} of the ${groundTruthSeeds} seed${groundTruthSeeds === 1 ? '' : 's'} whose attacks count them${groundTruthSeeds === s.seedsRun ? '' : `, where the checker found lost safety in ${bySafetyCheckerOfThose} (the other ${s.seedsRun - groundTruthSeeds} have no ground truth of them)`}`;
    lines.push(`beyond the fault model: safety lost in ${bySafetyChecker} of ${s.seedsRun} seeds (safety checker); ${groundTruth}`);
  }
  const verdict = s.failures.length > 0
    ? `${s.failures.length} failed, first after ${s.firstFailureAfter} seed${s.firstFailureAfter === 1 ? '' : 's'}`
    : s.passed ? 'all passed' : 'none failed before the interruption';
  lines.push(`${s.protocol}: ${s.seedsRun} seeds, ${verdict} (${s.meanWallMsPerSeed} ms per seed)${s.resultsDir === undefined ? '' : `; results: ${s.resultsDir}`}`);
  return `${lines.join('\n')}\n`;
}
