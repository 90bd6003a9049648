import { describe, expect, it } from 'vitest';
import type { CheckSummary, ExpectationOutcome } from '../results/types.ts';
import type { Configuration } from '../model/report-input.ts';
import { checksHtml } from '../html/sections.ts';
import { checksMarkdown } from './report-md.ts';

function configuration(checks: CheckSummary[], expectations: ExpectationOutcome[]): Configuration {
  return { label: 'run', run: '', pointIndex: 0, point: { parameters: {}, n: 2, metrics: {}, checks, expectations, traceHashes: [] }, parameters: {}, timeseries: null, scenario: {} };
}

const integrity: CheckSummary = { name: 'iomt.integrity', passed: false, failedReplications: 2, n: 2, detail: '47 valid, 3 invalid reads', violationsMetric: 'iomt.integrity_checks_invalid' };
const safety: CheckSummary = { name: 'safety', passed: true, failedReplications: 0, n: 2, violationsMetric: 'safety.violations' };
const detects: ExpectationOutcome = { metric: 'iomt.integrity_checks_invalid', condition: '> 0', observed: 3, passed: true };

describe('the checks section', () => {
  it('lists a check failing as its scenario expects apart from the failures, judged by its expectation, as the exit code does', () => {
    const md = checksMarkdown([configuration([integrity, safety], [detects])], []);
    expect(md).toContain('✅ All 1 checks passed.');
    expect(md).toContain('1 more failed as the scenario expects');
    expect(md).toContain('| run | iomt.integrity | 2 / 2 | `iomt.integrity_checks_invalid` > 0 |');
    expect(checksHtml([configuration([integrity, safety], [detects])], [])).toContain('failed, as expected</span> <small>(judged by <code>iomt.integrity_checks_invalid</code> &gt; 0)</small>');
  });

  it('counts a failed check as a failure where the expectation that judges it failed too', () => {
    const holds: ExpectationOutcome = { metric: 'safety.violations', condition: '== 0', observed: 29, passed: false };
    const broken: CheckSummary = { name: 'safety', passed: false, failedReplications: 1, n: 1, violationsMetric: 'safety.violations' };
    expect(checksMarkdown([configuration([broken], [holds])], [])).toContain('❌ 1 of 1 checks failed');
    expect(checksHtml([configuration([broken], [holds])], [])).not.toContain('as expected');
  });

  it('counts a failed check as a failure where no expectation judges it', () => {
    const md = checksMarkdown([configuration([integrity, safety], [])], []);
    expect(md).toContain('❌ 1 of 2 checks failed');
    expect(checksHtml([configuration([integrity, safety], [])], [])).not.toContain('as expected');
  });
});

describe('the expectations table', () => {
  // A p99 of five replications averaging 181.1 ms, two of them above 185.
  const p99: ExpectationOutcome = { metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', rule: 'mean', observed: 181.08, ci95: [166.316, 195.884], failedReplications: 2, n: 5, passed: true };

  it('gives beside each verdict the interval of the mean, how many replications break it and what it was judged on', () => {
    expect(checksMarkdown([configuration([], [p99])], [])).toContain('| run | `consensus.commit_latency_ms.p99` | <= 185 | 181.1 | [166.3, 195.9] | 2 of 5 | pass on the mean |');
    const html = checksHtml([configuration([], [{ ...p99, rule: 'interval', passed: false }])], []);
    expect(html).toContain('<td>181.1</td><td>[166.3, 195.9]</td><td>2 of 5</td><td><span class="fail">FAIL</span> <small>on the 95 % CI</small></td>');
  });

  it('prints an interval without width for one replication as none, and results that did not record it as they are', () => {
    const one: ExpectationOutcome = { ...p99, observed: 170, ci95: null, failedReplications: 0, n: 1 };
    expect(checksMarkdown([configuration([], [one])], [])).toContain('| 170 | none (n=1) | 0 of 1 | pass on the mean |');
    expect(checksMarkdown([configuration([], [detects])], [])).toContain('| `iomt.integrity_checks_invalid` | > 0 | 3 | — | — | pass |');
  });
});

describe('the expectations count', () => {
  it('counts the expectations met, not all of them, where one failed', () => {
    const met: ExpectationOutcome = { metric: 'safety.violations', condition: '== 0', observed: 0, passed: true };
    const missed: ExpectationOutcome = { metric: 'consensus.throughput_tps', condition: '>= 120', observed: 99.8, passed: false };
    expect(checksMarkdown([configuration([], [met, missed])], [])).toContain('❌ Expectations: 1 of 2 met.');
  });
});

describe("the checks tables' replication counts", () => {
  it("count a check's failed replications out of the replications it judged, in report.html and report.md", () => {
    // The point ran 2 replications; the check judged 1 of them (the other failed before it could).
    const judgedOnce: CheckSummary = { name: 'safety', passed: false, failedReplications: 1, n: 1, detail: 'conflicting commits', violationsMetric: 'safety.violations' };
    expect(checksHtml([configuration([judgedOnce], [])], [])).toContain('<td>1 / 1</td>');
    expect(checksMarkdown([configuration([judgedOnce], [])], [])).toContain('| run | safety | 1 / 1 | conflicting commits |');
  });
});
