/** The headline section of report.html: each question with its sentences and verdicts. */
import type { HeadlineSection, Verdict } from '../model/headline.ts';
import { escapeHtml, escapeWithCode } from './escape.ts';

const VERDICT_HTML: Readonly<Record<Verdict, string>> = {
  pass: '<span class="pass">pass</span>',
  fail: '<span class="fail">FAIL</span>',
  miss: '<span class="fail">MISS</span>',
  none: '<span class="none">no target</span>',
  unjudged: '<span class="none">not judged</span>',
};

/** A line's basis (the expectation or check that judged it) follows it; "no target" needs no second saying. */
export function headlineHtml(sections: readonly HeadlineSection[], intervalNote: string): string {
  if (sections.length === 0) return '<p>These results hold none of the metrics the headline answers from; see the tables below.</p>';
  const parts = sections.map((section) => {
    const items = section.lines
      .map(
        (line) =>
          `<li data-verdict="${line.verdict}">${VERDICT_HTML[line.verdict]} <strong>${escapeHtml(line.topic)}.</strong> ${escapeWithCode(line.text)}${line.verdict === 'none' ? '' : ` <small>(${escapeHtml(line.basis)})</small>`}</li>`,
      )
      .join('\n');
    return `<div class="headline-question" data-question="${section.id}">\n<h3>${escapeHtml(section.question)}</h3>\n<ul class="headline">\n${items}\n</ul>\n</div>`;
  });
  return `${parts.join('\n')}\n<p><small>${escapeHtml(intervalNote)}</small></p>`;
}
