/**
 * What the figures, tables and pages are built from: the configurations to show side by side
 * (a plain run has one, a sweep one per point, a comparison those of both runs) with their
 * results. Figure builders see only this, never the folder layout.
 */
import type { ParameterValue, ResultsFolder, SummaryPoint, Timeseries } from '../results/types.ts';

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
}

export function parameterLabel(parameters: Readonly<Record<string, ParameterValue>>): string {
  return Object.entries(parameters)
    .map(([key, value]) => `${key.split('.').pop() ?? key}=${String(value)}`)
    .join(', ');
}

export function configurationsOf(folder: ResultsFolder, run = ''): Configuration[] {
  return folder.summary.points.map((point, pointIndex) => {
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
}

export function reportInputOf(folder: ResultsFolder): ReportInput {
  return {
    title: `${folder.summary.scenario} (${folder.manifest.kind})`,
    configurations: configurationsOf(folder),
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
