import { describe, expect, it } from 'vitest';
import type { PointSummary } from '../runner/index.ts';
import { formatPoint } from './print.ts';

const point = (checks: PointSummary['checks']): PointSummary => ({ parameters: {}, n: 1, metrics: {}, checks, expectations: [], traceHashes: ['0'] });
const liveness = { name: 'liveness', passed: true, failedReplications: 0, n: 1, detail: '', violationsMetric: 'liveness.violations' };

describe('formatPoint', () => {
  it('prints a pass that could not have failed as such, and a plain pass plainly', () => {
    const reason = 'the run, 12 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)';
    expect(formatPoint(point([{ ...liveness, detail: `could not fail: ${reason}`, couldNotFail: reason }]), false)).toContain(`  check liveness: passed, but could not fail: ${reason}`);
    expect(formatPoint(point([liveness]), false)).toContain('  check liveness: passed');
  });

  it('prints why an expectation could not fail beside what it observed', () => {
    const reason = 'the run, 12 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)';
    const withExpectation = { ...point([]), expectations: [{ metric: 'liveness.violations', condition: '== 0', observed: 0, passed: true, couldNotFail: reason }] };
    expect(formatPoint(withExpectation, false)).toContain(`  expect liveness.violations == 0: passed (observed 0; its check could not fail: ${reason})`);
  });

  it('prints a count\'s interval clamped at zero, as the report does', () => {
    const metrics = { 'iomt.access_denied': { unit: 'count', mean: 2.66667, ci95: [-1.12792, 6.46125] as const, n: 3, sd: 1.5, min: 1, max: 4 } };
    expect(formatPoint({ ...point([]), n: 3, metrics }, true)).toContain('  iomt.access_denied  2.66667 count  95% CI [0, 6.46125]');
  });
});
