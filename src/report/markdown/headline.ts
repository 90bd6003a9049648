/** The headline of report.md: each question as a heading with one line per answer. */
import type { HeadlineSection, Verdict } from '../model/headline.ts';

const VERDICT_MD: Readonly<Record<Verdict, string>> = { pass: '✅ pass', fail: '❌ **FAIL**', miss: '⚠️ **MISS**', none: '◻️ no target', unjudged: '◻️ not judged' };

export function headlineMarkdown(sections: readonly HeadlineSection[], intervalNote: string): string {
  if (sections.length === 0) return '_These results hold none of the metrics the headline answers from._';
  const parts = sections.map(
    (section) => `### ${section.question}\n\n${section.lines.map((line) => `- ${VERDICT_MD[line.verdict]} **${line.topic}.** ${line.text}${line.verdict === 'none' ? '' : ` _(${line.basis})_`}`).join('\n')}`,
  );
  return `${parts.join('\n\n')}\n\n${intervalNote}`;
}
