import { describe, expect, it } from 'vitest';
import type { HeadlineSection } from '../model/headline.ts';
import { headlineHtml } from '../html/headline.ts';
import { headlineMarkdown } from './headline.ts';

const sections: HeadlineSection[] = [
  {
    id: 'trust',
    question: 'Do integrity, consent, audit and the ledger hold?',
    lines: [
      { topic: 'Ledger liveness', text: '0 stalls while work waited.', verdict: 'unjudged', basis: 'could not fail: the run is shorter than its 30 s bound' },
      { topic: 'Validity', text: '0 committed transactions never submitted, altered, or committed at two heights.', verdict: 'none', basis: 'no target stated' },
    ],
  },
];

describe('headline verdicts as rendered', () => {
  it('marks a stated target whose check could not fail as not judged, with the reason, in report.md and report.html', () => {
    const md = headlineMarkdown(sections, '');
    expect(md).toContain('- ◻️ not judged **Ledger liveness.** 0 stalls while work waited. _(could not fail: the run is shorter than its 30 s bound)_');
    expect(headlineHtml(sections, '')).toContain('not judged</span> <strong>Ledger liveness.</strong> 0 stalls while work waited. <small>(could not fail: the run is shorter than its 30 s bound)</small>');
  });

  it('says "no target" without repeating it where nothing was stated', () => {
    expect(headlineMarkdown(sections, '')).toContain('- ◻️ no target **Validity.** 0 committed transactions never submitted, altered, or committed at two heights.\n');
    expect(headlineHtml(sections, '')).not.toContain('no target stated');
  });
});

describe('headline marks of a target missed or failed', () => {
  const judged: HeadlineSection[] = [
    {
      id: 'alerts',
      question: 'Do clinical alerts reach the care team within their target?',
      lines: [
        { topic: 'Direct path', text: '99.5 %.', verdict: 'miss', basis: "every episode alerted within its rule's target" },
        { topic: 'Throughput', text: '99.8 tx/s.', verdict: 'fail', basis: 'expect: consensus.throughput_tps >= 120: 99.8' },
      ],
    },
  ];

  it("marks a rule target missed MISS, apart from a scenario's expectation failed, in report.md", () => {
    const md = headlineMarkdown(judged, '');
    expect(md).toContain('- ⚠️ **MISS** **Direct path.**');
    expect(md).toContain('- ❌ **FAIL** **Throughput.**');
  });

  it('marks a rule target missed MISS in the colour of a failure in report.html, never of a pass', () => {
    const html = headlineHtml(judged, '');
    expect(html).toContain('<li data-verdict="miss"><span class="fail">MISS</span> <strong>Direct path.</strong>');
    expect(html).toContain('<li data-verdict="fail"><span class="fail">FAIL</span> <strong>Throughput.</strong>');
  });
});
