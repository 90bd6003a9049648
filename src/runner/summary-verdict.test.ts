import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/index.ts';
import { summarizePoint, summaryPassed, type PointSummary, type Summary } from './summary.ts';

function summaryWith(point: Partial<PointSummary>): Summary {
  return {
    scenario: 't',
    status: 'complete',
    failures: [],
    points: [{ parameters: {}, n: 1, metrics: {}, checks: [], expectations: [], traceHashes: ['0'], ...point }],
  };
}

const failedSafety = { name: 'safety', passed: false, failedReplications: 1, n: 1, detail: 'conflicting commits at height 3' };

describe('summaryPassed', () => {
  it('fails a run whose safety check failed when nothing expected it', () => {
    expect(summaryPassed(summaryWith({ checks: [failedSafety] }))).toBe(false);
  });

  it('lets an expectation on safety.violations take over the safety verdict (a scenario beyond the fault model)', () => {
    const expectations = [{ metric: 'safety.violations', condition: '> 0', observed: 34, passed: true }];
    expect(summaryPassed(summaryWith({ checks: [failedSafety], expectations }))).toBe(true);
  });

  it('still fails when that expectation itself does not hold', () => {
    const expectations = [{ metric: 'safety.violations', condition: '> 0', observed: 0, passed: false }];
    expect(summaryPassed(summaryWith({ checks: [failedSafety], expectations }))).toBe(false);
  });

  it('maps hyphenated check names to their snake-case violations metric', () => {
    const check = { ...failedSafety, name: 'state-agreement' };
    const expectations = [{ metric: 'state_agreement.violations', condition: '> 0', observed: 2, passed: true }];
    expect(summaryPassed(summaryWith({ checks: [check], expectations }))).toBe(true);
  });

  it('does not let an expectation on another metric excuse a failed check', () => {
    const expectations = [{ metric: 'liveness.violations', condition: '>= 0', observed: 0, passed: true }];
    expect(summaryPassed(summaryWith({ checks: [failedSafety], expectations }))).toBe(false);
  });
});

describe('summarizePoint', () => {
  it("judges no expectation on a point a shard holds no replication of (the merged run judges it)", () => {
    const point = summarizePoint({ parameters: { 'consensus.nodes': 5 }, scenario: { expect: { 'safety.violations': '== 0' } } as unknown as Scenario }, []);
    expect(point.n).toBe(0);
    expect(point.expectations).toEqual([]);
    expect(summaryPassed({ scenario: 't', status: 'complete', failures: [], points: [point] })).toBe(true);
  });
});
