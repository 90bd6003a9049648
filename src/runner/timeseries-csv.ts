/**
 * timeseries.csv (docs/results.md): `point,replication,time_s,<column>...`, one row per window of
 * every replication, ordered by (point, replication, time). Columns are sorted by name so the file
 * does not depend on which replication finished first; a column a replication lacks is empty.
 * Numbers are written in JavaScript's shortest round-trip form, so reading the file back (resume,
 * merge) gives the same values.
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

/** Parse timeseries.csv back into rows keyed by `point:replication`. */
export function parseTimeseriesCsv(text: string): Map<string, TimeseriesRow[]> {
  const out = new Map<string, TimeseriesRow[]>();
  const lines = text.split('\n').filter((l) => l !== '');
  const header = lines[0]?.split(',') ?? [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const row: Record<string, number> = { timeS: Number(cells[2]) };
    for (let i = 3; i < header.length; i++) if (cells[i] !== undefined && cells[i] !== '') row[header[i]!] = Number(cells[i]);
    const key = `${cells[0]}:${cells[1]}`;
    const list = out.get(key);
    if (list) list.push(row as TimeseriesRow);
    else out.set(key, [row as TimeseriesRow]);
  }
  return out;
}
