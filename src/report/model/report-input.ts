/**
 * What the figures, tables and pages are built from: the configurations to show side by side
 * (a plain run has one, a sweep one per point, a comparison those of both runs) with their
 * results. Figure builders see only this, never the folder layout.
 */
import type { ParameterValue, ResultsFolder, SummaryPoint, Timeseries } from '../results/types.ts';
import { inValueOrder } from './parameter-scale.ts';
import { sizeView, type SizeView } from './size.ts';

export interface Configuration {
  /** Legend label: "default", "nodes=7", or "A · nodes=7" in a comparison. */
  readonly label: string;
  /** "A"/"B" in a comparison, "" otherwise. */
  readonly run: string;
  readonly pointIndex: number;
  readonly point: SummaryPoint;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly timeseries: Timeseries | null;
  /** The resolved scenario of the run this configuration belongs to. */
  readonly scenario: Readonly<Record<string, unknown>>;
}

export interface ReportInput {
  readonly title: string;
  readonly configurations: readonly Configuration[];
  /** A size search's answer and probes, shown before everything else. */
  readonly size?: SizeView | undefined;
}

export function parameterLabel(parameters: Readonly<Record<string, ParameterValue>>): string {
  return Object.entries(parameters)
    .map(([key, value]) => `${key.split('.').pop() ?? key}=${String(value)}`)
    .join(', ');
}

/** A folder's points as configurations, in order of their swept values (model/parameter-scale.ts inValueOrder). */
export function configurationsOf(folder: ResultsFolder, run = ''): Configuration[] {
  const configurations = folder.summary.points.map((point, pointIndex) => {
    const params = parameterLabel(point.parameters);
    const base = params === '' ? folder.summary.scenario : params;
    return {
      label: run === '' ? base : `${run} · ${base}`,
      run,
      pointIndex,
      point,
      parameters: point.parameters,
      timeseries: folder.timeseries,
      scenario: folder.manifest.scenario,
    };
  });
  return inValueOrder(configurations, (c) => c.parameters);
}

export function reportInputOf(folder: ResultsFolder): ReportInput {
  const size = folder.summary.size;
  const configurations = configurationsOf(folder);
  // A size search's probe that stopped before any replication finished has no value to show: the
  // size section gives its verdict. The others come in order of value, run in search order as they were.
  return {
    title: `${folder.summary.scenario} (${folder.manifest.kind})`,
    configurations: size === undefined ? configurations : configurations.filter((c) => c.point.n > 0),
    ...(size === undefined ? {} : { size: sizeView(size, folder.summary.points, folder.summary.status) }),
  };
}

/** A scenario value by dotted path (`consensus.nodes`), or undefined. */
export function scenarioValue(scenario: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = scenario;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
