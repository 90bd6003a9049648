/**
 * Parses timeseries.csv (`point,replication,time_s,<column>...`, numbers only) into columns.
 * Columnar Float64Arrays keep a 1 h × 1 s × many-replication series cheap to hold and aggregate.
 */
import { ResultsError, describeFound } from '../errors.ts';
import type { Timeseries } from './types.ts';

const KEY_COLUMNS = ['point', 'replication', 'time_s'] as const;

export function parseTimeseriesCsv(text: string, file: string): Timeseries {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = lines[0];
  if (header === undefined) throw new ResultsError(file, 'header', 'point,replication,time_s,...', 'an empty file');
  const names = header.split(',').map((s) => s.trim());
  KEY_COLUMNS.forEach((key, i) => {
    if (names[i] !== key) {
      throw new ResultsError(file, `header column ${i + 1}`, `"${key}"`, describeFound(names[i]));
    }
  });
  const rowCount = lines.length - 1;
  const data = names.map(() => new Float64Array(rowCount));
  for (let r = 0; r < rowCount; r++) {
    const cells = (lines[r + 1] as string).split(',');
    if (cells.length !== names.length) {
      throw new ResultsError(file, `line ${r + 2}`, `${names.length} cells`, `${cells.length}`);
    }
    for (let c = 0; c < names.length; c++) {
      const cell = (cells[c] as string).trim();
      const value = cell === '' || cell === 'NaN' ? Number.NaN : Number(cell);
      if (Number.isNaN(value) && cell !== '' && cell !== 'NaN') {
        throw new ResultsError(file, `line ${r + 2}, column "${names[c]}"`, 'a number', describeFound(cell));
      }
      if (c < KEY_COLUMNS.length && Number.isNaN(value)) {
        throw new ResultsError(file, `line ${r + 2}, column "${names[c]}"`, 'a number', 'an empty cell');
      }
      (data[c] as Float64Array)[r] = value;
    }
  }
  const columns = new Map<string, Float64Array>();
  for (let c = KEY_COLUMNS.length; c < names.length; c++) columns.set(names[c] as string, data[c] as Float64Array);
  return {
    rowCount,
    point: data[0] as Float64Array,
    replication: data[1] as Float64Array,
    timeS: data[2] as Float64Array,
    columns,
  };
}
