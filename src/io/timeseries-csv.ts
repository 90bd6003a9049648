/**
 * timeseries.csv (docs/results.md): `point,<parameter>...,replication,time_s,<column>...`, one row
 * per window of every replication, ordered by (point, replication, time). The swept parameters
 * (none for a plain run) repeat the point's values on every row, so the file is a tidy table that
 * pandas or DuckDB can group by them without joining summary.json. The runner writes it and reads it back
 * (resume, merge); the report reads it. Columns are sorted by name so the file does not depend on
 * which replication finished first; a column a replication lacks is an empty cell, which is kept
 * apart from a NaN value (a window without samples) so that rewriting a file read back gives the
 * same bytes. Numbers are written in JavaScript's shortest round-trip form, so reading the file
 * back gives the same values.
 */
import type { TimeseriesRow } from '../metrics/types.ts';
import { csvCell, parameterColumns, splitCsvLine } from './csv.ts';

export interface TimeseriesBlock {
  readonly point: number;
  /** The point's swept parameters; absent or {} for a plain run. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly replication: number;
  readonly rows: readonly TimeseriesRow[];
}

export function timeseriesCsv(blocks: readonly TimeseriesBlock[]): string {
  const columns = new Set<string>();
  for (const b of blocks) for (const row of b.rows) for (const k of Object.keys(row)) if (k !== 'timeS') columns.add(k);
  const names = [...columns].sort();
  const parameters = parameterColumns(blocks.map((b) => b.parameters ?? {}), ['point', 'replication', 'time_s', ...names]);
  const lines = [['point', ...parameters.map((p) => csvCell(p.column)), 'replication', 'time_s', ...names].join(',')];
  for (const b of blocks) {
    const head = [b.point, ...parameters.map((p) => csvCell(b.parameters?.[p.key])), b.replication].join(',');
    for (const row of b.rows) {
      lines.push([head, row.timeS, ...names.map((n) => (row[n] === undefined ? '' : String(row[n])))].join(','));
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

function quoted(text: string | undefined): string {
  if (text === undefined) return 'nothing (missing)';
  const json = JSON.stringify(text);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Where the key columns are: `point` first, then any parameter columns, then `replication,time_s`. */
function keyColumnIndex(names: readonly string[], file: string, formatError: FormatError): number {
  if (names[0] !== 'point') throw formatError(file, 'header column 1', '"point"', quoted(names[0]));
  const replication = names.indexOf('replication');
  if (replication < 1) throw formatError(file, 'header', 'a "replication" column after "point" and the parameter columns', 'none');
  if (names[replication + 1] !== 'time_s') throw formatError(file, `header column ${replication + 2}`, '"time_s"', quoted(names[replication + 1]));
  return replication;
}

/**
 * Parse and check timeseries.csv; `file` names it in errors made by `formatError`. Parameter
 * columns are skipped: summary.json holds each point's parameters.
 */
export function parseTimeseriesCsv(text: string, file: string, formatError: FormatError): TimeseriesTable {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = lines[0];
  if (header === undefined) throw formatError(file, 'header', 'point,replication,time_s,...', 'an empty file');
  const names = splitCsvLine(header).map((s) => s.trim());
  const replicationAt = keyColumnIndex(names, file, formatError);
  // Numeric columns: point, replication, time_s, then the measurements.
  const numeric = [...names.keys()].filter((c) => c === 0 || c >= replicationAt);
  const rowCount = lines.length - 1;
  const data = numeric.map(() => new Float64Array(rowCount));
  const empty = new Map<number, Uint8Array>();
  for (let r = 0; r < rowCount; r++) {
    const cells = splitCsvLine(lines[r + 1] as string);
    if (cells.length !== names.length) throw formatError(file, `line ${r + 2}`, `${names.length} cells`, `${cells.length}`);
    for (let k = 0; k < numeric.length; k++) {
      const c = numeric[k] as number;
      const cell = (cells[c] as string).trim();
      const value = cell === '' || cell === 'NaN' ? Number.NaN : Number(cell);
      if (Number.isNaN(value) && cell !== '' && cell !== 'NaN') {
        throw formatError(file, `line ${r + 2}, column "${names[c]}"`, 'a number', quoted(cell));
      }
      if (k < 3 && Number.isNaN(value)) {
        throw formatError(file, `line ${r + 2}, column "${names[c]}"`, 'a number', 'an empty cell');
      }
      (data[k] as Float64Array)[r] = value;
      if (cell === '') {
        let marks = empty.get(k);
        if (marks === undefined) empty.set(k, (marks = new Uint8Array(rowCount)));
        marks[r] = 1;
      }
    }
  }
  const columns = new Map<string, Float64Array>();
  const emptyCells = new Map<string, Uint8Array>();
  for (let k = 3; k < numeric.length; k++) {
    const name = names[numeric[k] as number] as string;
    columns.set(name, data[k] as Float64Array);
    const marks = empty.get(k);
    if (marks !== undefined) emptyCells.set(name, marks);
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
