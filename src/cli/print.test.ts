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
});
