/**
 * The headline as plain text for the terminal: what `iomtsim run` prints after a run, so the first
 * thing a user reads is the answer to each question, with its interval and verdict (the same lines
 * as report.html's headline).
 */
import { headlineSections, type Verdict } from './model/headline.ts';
import { meanCiNote } from './model/format.ts';
import { configurationsOf } from './model/report-input.ts';
import { loadResults } from './results/load.ts';

const VERDICT_TEXT: Readonly<Record<Verdict, string>> = { pass: 'pass', fail: 'FAIL', miss: 'MISS', none: '  · ', unjudged: '  - ' };

export function headlineText(resultsDir: string): string {
  const configurations = configurationsOf(loadResults(resultsDir));
  const sections = headlineSections(configurations);
  if (sections.length === 0) return '';
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(section.question);
    for (const line of section.lines) {
      // As in the report: what decided a verdict follows it ("no target" needs no second saying).
      const basis = line.verdict === 'none' ? '' : ` (${line.basis})`;
      lines.push(`  ${VERDICT_TEXT[line.verdict]}  ${line.topic}: ${line.text.replaceAll('`', '')}${basis}`);
    }
  }
  lines.push(`(${meanCiNote(configurations)} "·": no target stated; "-": not judged, for the reason given.)`);
  return `${lines.join('\n')}\n`;
}
