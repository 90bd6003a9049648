/**
 * Every figure the report knows, in page order; each builder returns nothing when its metrics are
 * absent. A figure of a single point says nothing the summary table does not, so none is drawn.
 */
import type { ReportInput } from '../model/report-input.ts';
import { alertFigures } from './alerts.ts';
import { attackFigures } from './attacks.ts';
import { latencyCdfFigures } from './latency-cdf.ts';
import { messagesFigures } from './messages.ts';
import { blockPropagationFigures, bytesPerNodeFigures, staleRateFigures } from './network-pow.ts';
import { sweepFigures } from './sweep.ts';
import { timeseriesFigures } from './timeseries.ts';
import type { Figure } from './types.ts';

const BUILDERS: readonly ((input: ReportInput) => Figure[])[] = [
  latencyCdfFigures,
  timeseriesFigures,
  sweepFigures,
  messagesFigures,
  alertFigures,
  attackFigures,
  staleRateFigures,
  blockPropagationFigures,
  bytesPerNodeFigures,
];

export function buildFigures(input: ReportInput): Figure[] {
  const figures = BUILDERS.flatMap((build) => build(input)).filter((figure) => figure.rows.length >= 2);
  return input.configurations.every((c) => c.point.n < 2) ? figures.map(withoutIntervals) : figures;
}

/** What the figures' texts call their intervals, and what they say instead at one replication. */
const INTERVAL_WORDING: readonly (readonly [RegExp, string])[] = [
  [/; (whiskers|band|bars) = 95 % CI[^;.]*/g, '; one replication: no interval'],
  [/ ± 95 % CI/g, ''],
  [/\(mean over replications, 95 % CI\)/g, "(the one replication's value)"],
  [/\(mean, 95 % CI\)/g, "(the one replication's value)"],
  [/Mean over replications with its 95 % CI \(summary\.json ci95\)/g, 'The one replication\'s value'],
];

function reworded(text: string): string {
  return INTERVAL_WORDING.reduce((t, [pattern, instead]) => t.replace(pattern, instead), text);
}

/**
 * A figure of configurations run once each: every interval is absent (summary.json has none at
 * n = 1), so its subtitle and caption must not name one.
 */
function withoutIntervals(figure: Figure): Figure {
  const spec = figure.spec as { title?: { text: string; subtitle: string } };
  const title = spec.title === undefined ? undefined : { ...spec.title, subtitle: reworded(spec.title.subtitle) };
  return { ...figure, caption: reworded(figure.caption), spec: (title === undefined ? figure.spec : { ...figure.spec, title }) as Figure['spec'] };
}

export type { Figure, Row } from './types.ts';
