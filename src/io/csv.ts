/**
 * CSV cells and lines as RFC 4180 has them: a cell holding a comma, a double quote, CR or LF is
 * wrapped in double quotes with its quotes doubled; every other cell is written bare. Lines end in
 * LF (pandas, R and DuckDB read either ending).
 */

/** A parameter or label value as one cell: null/undefined empty, objects as JSON. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Splits one line (no line breaks inside quoted cells) into its cells, unquoting them. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/**
 * Column names for swept parameters, in first-seen order. A parameter named like one of the
 * table's own columns (a sweep over `seed`) becomes `parameter.<key>`, so no header repeats a name.
 */
export function parameterColumns(parameterSets: Iterable<Readonly<Record<string, unknown>>>, reserved: readonly string[]): { key: string; column: string }[] {
  const keys = new Set<string>();
  for (const parameters of parameterSets) for (const key of Object.keys(parameters)) keys.add(key);
  return [...keys].map((key) => ({ key, column: reserved.includes(key) ? `parameter.${key}` : key }));
}
