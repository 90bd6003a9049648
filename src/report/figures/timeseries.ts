/**
 * Measurements over simulated time from timeseries.csv: committed throughput, mempool occupancy
 * and commit and client latency per window. Each line is the mean over replications of one configuration;
 * the band is the Student-t 95 % CI of that mean per window, drawn where two or more replications
 * have a value in the window (the data file gives each window's n).
 */
import type { Configuration, ReportInput } from '../model/report-input.ts';
import { meanInterval } from '../../stats/index.ts';
import { clampToDomain, NON_NEGATIVE } from '../../metrics/domain.ts';
import type { Figure, Row } from './types.ts';
import { envelope, seriesColor } from './vl.ts';

interface TimeseriesFigureKind {
  readonly column: string;
  readonly name: string;
  readonly title: string;
  readonly yTitle: string;
}

const FIXED_KINDS: readonly TimeseriesFigureKind[] = [
  { column: 'throughput_tps', name: 'throughput-over-time', title: 'Committed throughput over time', yTitle: 'Throughput (tx/s)' },
  { column: 'mempool_txs', name: 'mempool-over-time', title: 'Mempool occupancy over time', yTitle: 'Mempool (transactions)' },
];

/** Per-window latency columns: the tail if the model writes one, else the centre. */
const LATENCY_STATISTICS = ['p99', 'p95', 'p50', 'mean'] as const;
const LATENCY_FAMILIES = [
  { prefix: 'commit_latency_ms', name: 'commit-latency-over-time', label: 'Commit latency' },
  { prefix: 'client_latency_ms', name: 'client-latency-over-time', label: 'Client latency' },
] as const;

function latencyKinds(input: ReportInput): TimeseriesFigureKind[] {
  const columns = new Set(input.configurations.flatMap((c) => [...(c.timeseries?.columns.keys() ?? [])]));
  const kinds: TimeseriesFigureKind[] = [];
  for (const family of LATENCY_FAMILIES) {
    const statistic = LATENCY_STATISTICS.find((s) => columns.has(`${family.prefix}_${s}`));
    if (statistic === undefined) continue;
    kinds.push({
      column: `${family.prefix}_${statistic}`,
      name: family.name,
      title: `${family.label} ${statistic} over time`,
      yTitle: `${family.label} ${statistic} (ms)`,
    });
  }
  return kinds;
}

export function timeseriesFigures(input: ReportInput): Figure[] {
  const figures: Figure[] = [];
  for (const kind of [...FIXED_KINDS, ...latencyKinds(input)]) {
    const rows: Row[] = [];
    for (const configuration of input.configurations) rows.push(...windowRows(configuration, kind.column));
    if (rows.length > 0) figures.push(timeseriesFigure(kind, rows, input.configurations.length));
  }
  return figures;
}

/** Per window: mean and CI over the replications of this configuration's point. */
function windowRows(configuration: Configuration, column: string): Row[] {
  const series = configuration.timeseries;
  const values = series?.columns.get(column);
  if (series === null || values === undefined) return [];
  const byTime = new Map<number, number[]>();
  for (let i = 0; i < series.rowCount; i++) {
    const value = values[i] as number;
    if (series.point[i] !== configuration.pointIndex || Number.isNaN(value)) continue;
    const timeS = series.timeS[i] as number;
    const replicationValues = byTime.get(timeS);
    if (replicationValues === undefined) byTime.set(timeS, [value]);
    else replicationValues.push(value);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  return times.map((timeS) => {
    const ci = meanInterval(byTime.get(timeS) as number[]);
    // Every timeseries column is a rate, a latency or a queue length: none is negative. A window one
    // replication alone has a value in has no interval, and no band (a zero-width one would read as certainty).
    if (ci.n < 2) return { configuration: configuration.label, time_s: timeS, mean: ci.mean, lo: null, hi: null, n: ci.n };
    return { configuration: configuration.label, time_s: timeS, mean: ci.mean, lo: clampToDomain(ci.lo, NON_NEGATIVE), hi: ci.hi, n: ci.n };
  });
}

function timeseriesFigure(kind: TimeseriesFigureKind, rows: readonly Row[], seriesCount: number): Figure {
  const subtitle = `Mean over replications per window of timeseries.csv column "${kind.column}"; band = 95 % CI where two or more replications have a value`;
  const x = { field: 'time_s', type: 'quantitative' as const, title: 'Simulated time (s)' };
  const color = seriesColor('configuration', 'Configuration', seriesCount);
  return {
    name: kind.name,
    title: kind.title,
    caption: `${subtitle}.`,
    rows,
    spec: {
      ...envelope(kind.title, subtitle),
      layer: [
        {
          mark: { type: 'area', opacity: 0.22 },
          encoding: { x, y: { field: 'lo', type: 'quantitative', title: kind.yTitle }, y2: { field: 'hi' }, ...color },
        },
        {
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: { x, y: { field: 'mean', type: 'quantitative', title: kind.yTitle }, ...color },
        },
      ],
    },
  };
}
