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
