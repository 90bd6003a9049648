/**
 * A seed's verdict from its run: which invariant failed, judged by the independent checkers
 * (src/checkers): safety covers every agreement invariant (safety, validity, state agreement),
 * liveness the calm phase's bound; a run that throws is a crash (the protocol or the simulator
 * broke an assertion of its own).
 */
import type { RunOutput } from '../metrics/types.ts';

export type FailureKind = 'safety' | 'liveness' | 'crash';

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

/** Exit codes of `iomtsim fuzz` (docs/fuzz.md); 2 is bad input, as for every command. */
export const FUZZ_EXIT = { pass: 0, safety: 3, liveness: 4, crash: 5 } as const;

/** The code for a set of failures: safety first, then a crash, then liveness. */
export function exitCodeOf(kinds: readonly FailureKind[]): number {
  if (kinds.includes('safety')) return FUZZ_EXIT.safety;
  if (kinds.includes('crash')) return FUZZ_EXIT.crash;
  if (kinds.includes('liveness')) return FUZZ_EXIT.liveness;
  return FUZZ_EXIT.pass;
}
