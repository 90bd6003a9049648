/**
 * metrics.csv (docs/results.md): every metric of every finished replication in long ("tidy")
 * form, one row per (point, replication, metric): `point,<parameter>...,replication,seed,metric,
 * unit,value`. One call of pandas.read_csv, R's read.csv or DuckDB's read_csv loads it, ready to
 * group by parameter and metric; replications.jsonl holds the same values nested. Rows follow
 * (point, replication, metric name); a value that is not a finite number is an empty cell.
 */
import { csvCell, parameterColumns } from './csv.ts';

export interface MetricsRecord {
  readonly point: number;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly replication: number;
  readonly seed: number;
  readonly metrics: Readonly<Record<string, { readonly unit: string; readonly value: number | null }>>;
}

const OWN_COLUMNS = ['point', 'replication', 'seed', 'metric', 'unit', 'value'] as const;

/** `records` in (point, replication) order, as replications.jsonl holds them. */
export function metricsCsv(records: readonly MetricsRecord[]): string {
  const parameters = parameterColumns(records.map((r) => r.parameters), OWN_COLUMNS);
  const lines = [['point', ...parameters.map((p) => csvCell(p.column)), 'replication', 'seed', 'metric', 'unit', 'value'].join(',')];
  for (const record of records) {
    const head = [String(record.point), ...parameters.map((p) => csvCell(record.parameters[p.key])), String(record.replication), String(record.seed)].join(',');
    for (const name of Object.keys(record.metrics).sort()) {
      const { unit, value } = record.metrics[name] as { unit: string; value: number | null };
      lines.push(`${head},${csvCell(name)},${csvCell(unit)},${typeof value === 'number' && Number.isFinite(value) ? String(value) : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
