/** Markdown table helpers for report.md (GitHub-flavoured: a CI job summary or a PR comment). */

/** Pipes and line breaks would end a cell early. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[], numericFrom = Number.POSITIVE_INFINITY): string {
  const align = head.map((_, i) => (i >= numericFrom ? '---:' : '---'));
  return [head, align, ...rows].map((cells) => `| ${cells.map(cell).join(' | ')} |`).join('\n');
}
