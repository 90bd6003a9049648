import { describe, expect, it } from 'vitest';
import { runFuzz } from './run.ts';
import type { SeedResult } from './run.ts';
import { formatSummary, summarise } from './results.ts';
import { inTreeTarget } from './target.ts';

describe('iomtsim fuzz --beyond', () => {
  it('loses PBFT safety with f + 1 colluding equivocators, and the safety checker flags every seed the ground truth records a conflict in', async () => {
    const target = inTreeTarget('pbft');
    const outcome = await runFuzz({ target, seeds: [1, 2, 3, 4, 5, 6], nodes: { lo: 4, hi: 7 }, beyond: true, workers: 0, stopAtFirstFailure: false });
    for (const r of outcome.results) {
      expect(r.verdict.groundTruthConflicts).toBeDefined();
      expect(r.verdict.safetyViolations > 0).toBe(r.verdict.groundTruthConflicts! > 0);
    }
    const summary = summarise(target, outcome, true, undefined);
    expect(summary.safetyLost!.bySafetyChecker).toBeGreaterThan(0);
    expect(summary.safetyLost!.bySafetyChecker).toBe(summary.safetyLost!.byGroundTruth);
    expect(summary.exitCode).toBe(0);
  }, 60_000);

  it('counts the ground truth only over seeds whose attacks keep one, and says there is none where no seed has it', () => {
    const seed = (n: number, safetyViolations: number, groundTruthConflicts: number | undefined): SeedResult => ({
      case: { seed: n, nodes: 4, maxFaulty: 1, faulty: [0, 1], faultPhaseUs: 0, livenessBoundUs: Infinity, input: {} },
      verdict: { kind: safetyViolations > 0 ? 'safety' : 'pass', details: [], safetyViolations, groundTruthConflicts },
      traceHash: '', simulatedUs: 0, wallMs: 1,
    });
    // Proof of work's majority attacker and crash faults count no conflicting commits of their own.
    const none = summarise(inTreeTarget('pow'), { results: [seed(1, 1, undefined), seed(2, 0, undefined)], interrupted: false }, true, undefined);
    expect(none.safetyLost).toEqual({ bySafetyChecker: 1, byGroundTruth: null, groundTruthSeeds: 0, bySafetyCheckerOfThose: 0 });
    expect(formatSummary(none)).toContain('safety lost in 1 of 2 seeds (safety checker); no ground truth to compare with:');
    const some = summarise(inTreeTarget('pbft'), { results: [seed(1, 1, 1), seed(2, 1, undefined), seed(3, 0, 0)], interrupted: false }, true, undefined);
    // On the two seeds with a ground truth the checker and it agree (1 each): the line says so.
    expect(some.safetyLost).toEqual({ bySafetyChecker: 2, byGroundTruth: 1, groundTruthSeeds: 2, bySafetyCheckerOfThose: 1 });
    expect(formatSummary(some)).toContain('the attacks\' ground truth records conflicting commits in 1 of the 2 seeds whose attacks count them, where the checker found lost safety in 1 (the other 1 have no ground truth of them)');
  });
});
