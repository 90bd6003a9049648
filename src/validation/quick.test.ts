/**
 * The `--quick` validation subset, as CI runs it through `npm test` (.ci/run): every quick check
 * must pass. A failing check prints its reference, expected and simulated values.
 */
import { describe, expect, it } from 'vitest';
import { selectChecks } from './index.ts';
import { runChecks } from './run.ts';

describe('iomtsim validate --quick', () => {
  it('every quick check reproduces its reference within its tolerance', () => {
    const reports = runChecks(selectChecks({ quick: true }));
    const failed = reports.filter((r) => !r.result.passed).map((r) => `${r.id}: expected ${r.result.expected}, simulated ${r.result.simulated} (${r.reference}); ${r.result.detail}`);
    expect(failed).toEqual([]);
    expect(reports.length).toBeGreaterThanOrEqual(20);
  });
});
