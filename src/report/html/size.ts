/** The size section of a size search's report.html: the answer, the SLOs, and every probe by value. */
import type { SizeView } from '../model/size.ts';
import { escapeHtml } from './escape.ts';
import { table } from './sections.ts';

function marked(passed: boolean, text: string): string {
  return `<span class="${passed ? 'pass' : 'fail'}">${escapeHtml(text)}</span>`;
}

export function sizeHtml(size: SizeView): string {
  const slos = size.slos.map((slo) => `<code>${escapeHtml(slo)}</code>`).join(', ');
  const rows = size.probes.map((p) => [String(p.value), String(p.n), marked(p.passed, p.verdict), ...p.slos.map(escapeHtml)]);
  return [
    `<p class="size-answer" data-found="${size.found}"><strong>Answer:</strong> ${marked(size.found, size.answer)}</p>`,
    ...(size.evidence.length === 0 ? [] : [`<ul class="size-evidence">${size.evidence.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`]),
    `<p>The ${escapeHtml(size.search)}: ${slos}.</p>`,
    table([`<code>${escapeHtml(size.key)}</code>`, 'Replications', 'Verdict', ...size.slos.map((slo) => `<code>${escapeHtml(slo)}</code>`)], rows, 3),
    `<p><small>${escapeHtml(size.note)}</small></p>`,
  ].join('\n');
}
