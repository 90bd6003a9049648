/**
 * A seed's verdict from its run: which invariant failed, judged by the independent checkers
 * (src/checkers): safety covers every agreement invariant (safety, validity, state agreement),
 * liveness the calm phase's bound; a run that throws is a crash (the protocol or the simulator
 * broke an assertion of its own). With `--threads`, a run split over threads whose output differs
 * from the one-thread run's is a divergence: the simulator's split broke, or the protocol's
 * replicas share memory (which one thread hides; docs/architecture.md, "Core concepts").
 */
import { isDeepStrictEqual } from 'node:util';
import type { RunOutput } from '../metrics/types.ts';

/** `divergence`: the run split over threads (`--threads`) gave another output than on one thread. */
export type FailureKind = 'safety' | 'liveness' | 'crash' | 'divergence';

export interface SeedVerdict {
  readonly kind: FailureKind | 'pass';
  /** The failed checks' detail lines, or the error of a crash. */
  readonly details: readonly string[];
  /** Honest replicas' conflicting heights by the safety checker, and by the attacks' ground truth where an attack counts them. */
  readonly safetyViolations: number;
  readonly groundTruthConflicts: number | undefined;
}

export function verdictOf(output: RunOutput): SeedVerdict {
  const failed = output.checks.filter((c) => !c.passed);
  const safety = failed.filter((c) => c.name !== 'liveness');
  const kind = safety.length > 0 ? 'safety' : failed.length > 0 ? 'liveness' : 'pass';
  return {
    kind,
    details: failed.map((c) => `${c.name}: ${c.detail}`),
    safetyViolations: output.metrics['safety.violations']?.value ?? 0,
    groundTruthConflicts: output.metrics['attack.conflicting_commits']?.value,
  };
}

export function crashVerdict(error: string): SeedVerdict {
  return { kind: 'crash', details: [error], safetyViolations: 0, groundTruthConflicts: undefined };
}

/**
 * What a seed's run split over threads gave that its one-thread run did not: the trace hash, the
 * event count, the metrics and checks that differ (none: the outputs are equal, as they must be).
 */
export function divergenceOf(one: RunOutput, split: RunOutput, threads: number): string[] {
  const out: string[] = [];
  const on = `on ${threads} threads`;
  if (split.traceHash !== one.traceHash) out.push(`trace hash ${split.traceHash} ${on}, ${one.traceHash} on one`);
  if (split.eventsProcessed !== one.eventsProcessed) out.push(`${split.eventsProcessed} events ${on}, ${one.eventsProcessed} on one`);
  const names = new Set([...Object.keys(one.metrics), ...Object.keys(split.metrics)]);
  for (const name of names) {
    const a = one.metrics[name]?.value, b = split.metrics[name]?.value;
    if (!Object.is(a, b)) out.push(`${name} ${String(b)} ${on}, ${String(a)} on one`);
  }
  one.checks.forEach((c, i) => {
    const d = split.checks[i];
    if (d === undefined || d.name !== c.name || d.passed !== c.passed || d.detail !== c.detail) out.push(`check ${c.name} ${on}: ${d === undefined ? 'missing' : `${d.passed ? 'passed' : 'failed'}, ${d.detail}`}; on one: ${c.passed ? 'passed' : 'failed'}, ${c.detail}`);
  });
  if (out.length === 0 && !isDeepStrictEqual(one, split)) out.push(`the time series or latency distributions differ ${on}`);
  return out.length <= DIFFERENCES_SHOWN ? out : [...out.slice(0, DIFFERENCES_SHOWN), `and ${out.length - DIFFERENCES_SHOWN} more differences`];
}

/** A divergence usually moves every timing metric; the first few say enough. */
const DIFFERENCES_SHOWN = 8;

export function divergenceVerdict(one: SeedVerdict, differences: readonly string[]): SeedVerdict {
  return { ...one, kind: 'divergence', details: [...differences, ...one.details] };
}

/** Exit codes of `iomtsim fuzz` (docs/fuzz.md); 2 is bad input, as for every command. */
export const FUZZ_EXIT = { pass: 0, safety: 3, liveness: 4, crash: 5, divergence: 6 } as const;

/** The code for a set of failures: safety first, then a crash, then a divergence, then liveness. */
export function exitCodeOf(kinds: readonly FailureKind[]): number {
  if (kinds.includes('safety')) return FUZZ_EXIT.safety;
  if (kinds.includes('crash')) return FUZZ_EXIT.crash;
  if (kinds.includes('divergence')) return FUZZ_EXIT.divergence;
  if (kinds.includes('liveness')) return FUZZ_EXIT.liveness;
  return FUZZ_EXIT.pass;
}
