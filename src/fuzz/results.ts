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
  /** --beyond: seeds whose safety checker found conflicting commits, and seeds whose attacks' ground truth recorded some. */
  readonly safetyLost?: { readonly bySafetyChecker: number; readonly byGroundTruth: number };
  readonly meanWallMsPerSeed: number;
  readonly resultsDir: string | undefined;
}

function writeFailure(r: SeedResult, dir: string): FailureRecord {
  const file = join(dir, `seed-${r.case.seed}.yaml`);
  writeFileAtomic(file, scenarioYaml(r.case, file));
  return { seed: r.case.seed, kind: r.verdict.kind as FailureKind, nodes: r.case.nodes, details: r.verdict.details, file, replay: `iomtsim run ${file}` };
}

/** Writes the failing seeds' scenario files and fuzz.json under `dir` (when there is one) and summarises. */
export function summarise(target: FuzzTarget, outcome: FuzzOutcome, beyond: boolean, dir: string | undefined): FuzzSummary {
  const failing = outcome.results.filter((r) => r.verdict.kind !== 'pass' && (!beyond || r.verdict.kind === 'crash'));
  const failures = dir === undefined
    ? failing.map((r) => ({ seed: r.case.seed, kind: r.verdict.kind as FailureKind, nodes: r.case.nodes, details: r.verdict.details, file: '', replay: '' }))
    : failing.map((r) => writeFailure(r, dir));
  const firstIndex = outcome.results.findIndex((r) => failing.includes(r));
  const wall = outcome.results.reduce((s, r) => s + r.wallMs, 0);
  const summary: FuzzSummary = {
    protocol: target.label,
    seedsRun: outcome.results.length,
    passed: failures.length === 0 && !outcome.interrupted,
    exitCode: outcome.interrupted ? 130 : exitCodeOf(failures.map((f) => f.kind)),
    firstFailureAfter: firstIndex < 0 ? undefined : firstIndex + 1,
    failures,
    ...(beyond
      ? { safetyLost: {
          bySafetyChecker: outcome.results.filter((r) => r.verdict.safetyViolations > 0).length,
          byGroundTruth: outcome.results.filter((r) => (r.verdict.groundTruthConflicts ?? 0) > 0).length,
        } }
      : {}),
    meanWallMsPerSeed: outcome.results.length === 0 ? 0 : Math.round(wall / outcome.results.length),
    resultsDir: dir,
  };
  if (dir !== undefined) {
    writeJsonAtomic(join(dir, 'fuzz.json'), {
      ...summary,
      seeds: outcome.results.map((r) => ({ seed: r.case.seed, nodes: r.case.nodes, verdict: r.verdict.kind, faulty: r.case.faulty, traceHash: r.traceHash, wallMs: r.wallMs })),
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
  if (s.safetyLost !== undefined) {
    lines.push(`beyond the fault model: safety lost in ${s.safetyLost.bySafetyChecker} of ${s.seedsRun} seeds (safety checker); the attacks' ground truth records conflicting commits in ${s.safetyLost.byGroundTruth}`);
  }
  const verdict = s.passed ? 'all passed' : `${s.failures.length} failed, first after ${s.firstFailureAfter} seed${s.firstFailureAfter === 1 ? '' : 's'}`;
  lines.push(`${s.protocol}: ${s.seedsRun} seeds, ${verdict} (${s.meanWallMsPerSeed} ms per seed)${s.resultsDir === undefined ? '' : `; results: ${s.resultsDir}`}`);
  return `${lines.join('\n')}\n`;
}
