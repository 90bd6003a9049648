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
  return BUILDERS.flatMap((build) => build(input)).filter((figure) => figure.rows.length >= 2);
}

export type { Figure, Row } from './types.ts';
