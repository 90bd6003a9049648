/**
 * timeseries.csv (docs/results.md): `point,replication,time_s,<column>...`, one row per window of
 * every replication, ordered by (point, replication, time). The runner writes it and reads it back
 * (resume, merge); the report reads it. Columns are sorted by name so the file does not depend on
 * which replication finished first; a column a replication lacks is an empty cell, which is kept
 * apart from a NaN value (a window without samples) so that rewriting a file read back gives the
 * same bytes. Numbers are written in JavaScript's shortest round-trip form, so reading the file
 * back gives the same values.
 */
import type { TimeseriesRow } from '../metrics/types.ts';

export interface TimeseriesBlock {
  readonly point: number;
  readonly replication: number;
  readonly rows: readonly TimeseriesRow[];
}

export function timeseriesCsv(blocks: readonly TimeseriesBlock[]): string {
  const columns = new Set<string>();
  for (const b of blocks) for (const row of b.rows) for (const k of Object.keys(row)) if (k !== 'timeS') columns.add(k);
  const names = [...columns].sort();
  const lines = [['point', 'replication', 'time_s', ...names].join(',')];
  for (const b of blocks) {
    for (const row of b.rows) {
      lines.push([b.point, b.replication, row.timeS, ...names.map((n) => (row[n] === undefined ? '' : String(row[n])))].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The file in columns: Float64Arrays keep a 1 h × 1 s × many-replication series cheap to hold. */
export interface TimeseriesTable {
  readonly rowCount: number;
  readonly point: Float64Array;
  readonly replication: Float64Array;
  readonly timeS: Float64Array;
  /** One array per metric column, NaN where the cell is NaN or empty. */
  readonly columns: ReadonlyMap<string, Float64Array>;
  /** For the columns that have empty cells: 1 at each row whose cell is empty. */
  readonly emptyCells: ReadonlyMap<string, Uint8Array>;
}

/** How a caller reports a malformed file (the report and the runner each have their own error type). */
export type FormatError = (file: string, field: string, expected: string, found: string) => Error;

const KEY_COLUMNS = ['point', 'replication', 'time_s'] as const;

function quoted(text: string | undefined): string {
  if (text === undefined) return 'nothing (missing)';
  const json = JSON.stringify(text);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Parse and check timeseries.csv; `file` names it in errors made by `formatError`. */
export function parseTimeseriesCsv(text: string, file: string, formatError: FormatError): TimeseriesTable {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = lines[0];
  if (header === undefined) throw formatError(file, 'header', 'point,replication,time_s,...', 'an empty file');
  const names = header.split(',').map((s) => s.trim());
  KEY_COLUMNS.forEach((key, i) => {
    if (names[i] !== key) throw formatError(file, `header column ${i + 1}`, `"${key}"`, quoted(names[i]));
  });
  const rowCount = lines.length - 1;
  const data = names.map(() => new Float64Array(rowCount));
  const empty = new Map<number, Uint8Array>();
  for (let r = 0; r < rowCount; r++) {
    const cells = (lines[r + 1] as string).split(',');
    if (cells.length !== names.length) throw formatError(file, `line ${r + 2}`, `${names.length} cells`, `${cells.length}`);
    for (let c = 0; c < names.length; c++) {
      const cell = (cells[c] as string).trim();
      const value = cell === '' || cell === 'NaN' ? Number.NaN : Number(cell);
      if (Number.isNaN(value) && cell !== '' && cell !== 'NaN') {
        throw formatError(file, `line ${r + 2}, column "${names[c]}"`, 'a number', quoted(cell));
      }
      if (c < KEY_COLUMNS.length && Number.isNaN(value)) {
        throw formatError(file, `line ${r + 2}, column "${names[c]}"`, 'a number', 'an empty cell');
      }
      (data[c] as Float64Array)[r] = value;
      if (cell === '') {
        let marks = empty.get(c);
        if (marks === undefined) empty.set(c, (marks = new Uint8Array(rowCount)));
        marks[r] = 1;
      }
    }
  }
  const columns = new Map<string, Float64Array>();
  const emptyCells = new Map<string, Uint8Array>();
  for (let c = KEY_COLUMNS.length; c < names.length; c++) {
    columns.set(names[c] as string, data[c] as Float64Array);
    const marks = empty.get(c);
    if (marks !== undefined) emptyCells.set(names[c] as string, marks);
  }
  return { rowCount, point: data[0] as Float64Array, replication: data[1] as Float64Array, timeS: data[2] as Float64Array, columns, emptyCells };
}

/** The table as rows per replication, keyed `point:replication`; an empty cell is an absent key. */
export function rowsByReplication(table: TimeseriesTable): Map<string, TimeseriesRow[]> {
  const out = new Map<string, TimeseriesRow[]>();
  for (let r = 0; r < table.rowCount; r++) {
    const row: Record<string, number> = { timeS: table.timeS[r] as number };
    for (const [name, values] of table.columns) if (table.emptyCells.get(name)?.[r] !== 1) row[name] = values[r] as number;
    const key = `${table.point[r]}:${table.replication[r]}`;
    const list = out.get(key);
    if (list) list.push(row as TimeseriesRow);
    else out.set(key, [row as TimeseriesRow]);
  }
  return out;
}
