import { describe, expect, it } from 'vitest';
import { runFuzz } from './run.ts';
import { summarise } from './results.ts';
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
});
