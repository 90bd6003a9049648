/**
 * Renders report.html, report.md and figures/ for one results folder. The folder is read and
 * validated in full first, so bad input produces a ResultsError and writes nothing; a destination
 * that could not be written (a directory named report.md) is refused as bad input before the first
 * file is written.
 */
import { join } from 'node:path';
import { readOptionalInputFile } from '../io/input-file.ts';
import { buildFigures } from './figures/index.ts';
import { reportHtml, runFacts, statusBanners } from './html/report-page.ts';
import { reportMarkdown } from './markdown/report-md.ts';
import { reportInputOf } from './model/report-input.ts';
import { renderFigures } from './render/render-all.ts';
import { loadResults, resultsError } from './results/load.ts';
import { writeFilesAtomic } from '../io/atomic-write.ts';
import { figureFiles, removeStaleFigures } from './write/figure-files.ts';

export const REPORT_HTML = 'report.html';
export const REPORT_MD = 'report.md';
export const FIGURES_DIR = 'figures';
/** Where `iomtsim trace --out <results>/trace` puts its sequence chart; the report shows it when present. */
export const SEQUENCE_CHART = join('trace', 'sequence.svg');

export interface ReportWritten {
  readonly htmlPath: string;
  readonly markdownPath: string;
  readonly figureNames: readonly string[];
  readonly warnings: readonly string[];
}

/** Renders the report of `resultsDir` into it; resolves with what was written. */
export async function renderReport(resultsDir: string): Promise<ReportWritten> {
  const folder = loadResults(resultsDir);
  const input = reportInputOf(folder);
  const { figures, warnings } = await renderFigures(buildFigures(input));
  const chartPath = join(resultsDir, SEQUENCE_CHART);
  const sequenceSvg = readOptionalInputFile(chartPath, resultsError)?.toString('utf8') ?? null;
  const html = reportHtml(folder, input, figures, warnings, sequenceSvg);
  const markdown = reportMarkdown(input, runFacts(folder), [...statusBanners(folder), ...warnings], folder.summary.failures, figures, sequenceSvg === null ? null : SEQUENCE_CHART);
  const figuresDir = join(resultsDir, FIGURES_DIR);
  const htmlPath = join(resultsDir, REPORT_HTML);
  const markdownPath = join(resultsDir, REPORT_MD);
  writeFilesAtomic([...figureFiles(figuresDir, figures), [htmlPath, html], [markdownPath, markdown]]);
  removeStaleFigures(figuresDir, figures);
  return { htmlPath, markdownPath, figureNames: figures.map((f) => f.figure.name), warnings };
}
