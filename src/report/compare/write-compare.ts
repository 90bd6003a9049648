/**
 * `iomtsim compare A B`: report.html, report.md, comparison.json and figures/ for two runs side by
 * side. Every figure builder is reused on the configurations of both runs, labelled "A · …" and
 * "B · …", so each figure overlays the two.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { buildFigures } from '../figures/index.ts';
import { configurationsOf, type ReportInput } from '../model/report-input.ts';
import { renderFigures } from '../render/render-all.ts';
import { loadResults } from '../results/load.ts';
import { writeFilesAtomic } from '../../io/atomic-write.ts';
import { figureFiles, removeStaleFigures } from '../write/figure-files.ts';
import { compareHtml, compareMarkdown } from './compare-page.ts';
import { COMPARISON_FORMAT, compareResults, type CompareOptions, type Comparison } from './compare.ts';
import { selectPoint, type PointSelector } from './point-selector.ts';

export const COMPARISON_JSON = 'comparison.json';

/**
 * Beside run B: results/<scenario>/compare-<A>-vs-<B>, each side followed by the point picked
 * from it where one was (`compare-sweep@consensus.nodes=4-vs-sweep@consensus.nodes=7`), so that
 * two comparisons of one sweep's points do not share a folder.
 */
export function defaultCompareDir(dirA: string, dirB: string, points: CompareOptions['points'] = {}): string {
  const side = (dir: string, selector: PointSelector | undefined) => basename(resolve(dir)) + (selector === undefined ? '' : `@${selectorName(selector)}`);
  return join(dirname(resolve(dirB)), `compare-${side(dirA, points.a)}-vs-${side(dirB, points.b)}`);
}

/** A selector's parameters as a folder name's part: key=value joined by commas, other characters as '_'. */
function selectorName(selector: PointSelector): string {
  return Object.entries(selector.parameters).map(([k, v]) => `${k}=${v}`).join(',').replace(/[^A-Za-z0-9._=,+-]/g, '_');
}

/** What comparison.json holds, and `iomtsim compare --json` prints. */
export interface ComparisonRecord extends Comparison {
  /** Which shape of the record this is, for a reader of saved comparisons (docs/reports.md). */
  readonly format: typeof COMPARISON_FORMAT;
  readonly a: string;
  readonly b: string;
  /** The folder holding comparison.json and the report. */
  readonly out: string;
  /** Comparison.warnings, then the figures' rendering warnings. */
  readonly warnings: readonly string[];
}

export async function writeComparison(
  dirA: string,
  dirB: string,
  outDir = defaultCompareDir(dirA, dirB),
  options: CompareOptions = {},
): Promise<ComparisonRecord> {
  const a = loadResults(dirA);
  const b = loadResults(dirB);
  const comparison = compareResults(a, b, options);
  // Points picked by their parameters: the figures show those two only.
  const pointA = options.points === undefined ? undefined : selectPoint(a, options.points.a, 'a');
  const pointB = options.points === undefined ? undefined : selectPoint(b, options.points.b, 'b');
  const input: ReportInput = {
    title: `A ${a.summary.scenario} vs B ${b.summary.scenario}`,
    configurations: [
      ...configurationsOf(a, 'A').filter((c) => pointA === undefined || c.pointIndex === pointA),
      ...configurationsOf(b, 'B').filter((c) => pointB === undefined || c.pointIndex === pointB),
    ],
  };
  const { figures, warnings } = await renderFigures(buildFigures(input));
  // The comparison's own warnings (an incomplete run, different scenarios) first, then the figures'.
  const record: ComparisonRecord = { format: COMPARISON_FORMAT, a: a.dir, b: b.dir, out: outDir, ...comparison, warnings: [...comparison.warnings, ...warnings] };
  const figuresDir = join(outDir, 'figures');
  writeFilesAtomic([
    ...figureFiles(figuresDir, figures),
    [join(outDir, COMPARISON_JSON), `${JSON.stringify(record, null, 2)}\n`],
    [join(outDir, 'report.html'), compareHtml(a, b, input, comparison, figures)],
    [join(outDir, 'report.md'), compareMarkdown(a, b, input, comparison, figures)],
  ]);
  removeStaleFigures(figuresDir, figures);
  return record;
}
