/** The size section of a size search's report.md: the answer, the SLOs, and every probe by value. */
import type { SizeView } from '../model/size.ts';
import { markdownTable } from './tables.ts';

export function sizeMarkdown(size: SizeView): string {
  const rows = size.probes.map((p) => [String(p.value), String(p.n), p.passed ? p.verdict : `**${p.verdict}**`, ...p.slos]);
  return [
    `**Answer:** ${size.found ? '✅' : '❌'} ${size.answer}`,
    ...(size.evidence.length === 0 ? [] : [size.evidence.map((line) => `- ${line}`).join('\n')]),
    `The ${size.search}: ${size.slos.map((slo) => `\`${slo}\``).join(', ')}.`,
    markdownTable([`\`${size.key}\``, 'replications', 'verdict', ...size.slos.map((slo) => `\`${slo}\``)], rows, 3),
    size.note,
  ].join('\n\n');
}
