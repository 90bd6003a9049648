/** report.html for one results folder. */
import type { ReportInput } from '../model/report-input.ts';
import type { RenderedFigure } from '../render/rendered-figure.ts';
import type { ResultsFolder } from '../results/types.ts';
import { renderPage } from './page.ts';
import { headlineSections } from '../model/headline.ts';
import { meanCiNote } from '../model/format.ts';
import { headlineHtml } from './headline.ts';
import { sizeHtml } from './size.ts';
import { checksHtml, figuresHtml, jsonBlock, summaryTableHtml, yamlBlock } from './sections.ts';

export function runFacts(folder: ResultsFolder): string[] {
  const m = folder.manifest;
  return [
    `status ${m.status}`,
    `${m.kind}`,
    `seed ${m.seed}`,
    `${m.replications} replication${m.replications === 1 ? '' : 's'}`,
    ...(folder.summary.points.length > 1 ? [`${folder.summary.points.length} points`] : []),
    ...(m.scenarioFile ? [`scenario file ${m.scenarioFile}`] : []),
    ...(m.commit ? [`commit ${m.commit.slice(0, 12)}`] : []),
    ...(typeof m.wallMs === 'number' ? [`wall ${(m.wallMs / 1000).toFixed(1)} s`] : []),
    ...(m.startedAt ? [`started ${m.startedAt}`] : []),
  ];
}

export function statusBanners(folder: ResultsFolder): string[] {
  const banners: string[] = [];
  if (folder.manifest.status !== 'complete') {
    banners.push(`This run is ${folder.manifest.status}: the numbers cover only the replications that finished.`);
  }
  if (folder.summary.failures.length > 0) {
    banners.push(`${folder.summary.failures.length} replication(s) failed; see Checks.`);
  }
  return banners;
}

/**
 * `sequenceSvg`: the message-sequence chart `iomtsim trace --out <results>/trace` wrote (our own
 * SVG, shown inline), or null.
 */
export function reportHtml(folder: ResultsFolder, input: ReportInput, figures: readonly RenderedFigure[], warnings: readonly string[], sequenceSvg: string | null = null): string {
  return renderPage({
    title: `iomtsim report: ${input.title}`,
    facts: runFacts(folder),
    banners: [...statusBanners(folder), ...warnings],
    sections: [
      ...(input.size === undefined ? [] : [{ id: 'size', title: 'Size search', html: sizeHtml(input.size) }]),
      { id: 'headline', title: 'Headline', html: headlineHtml(headlineSections(input.configurations), meanCiNote(input.configurations)) },
      { id: 'summary', title: 'All metrics', html: summaryTableHtml(input.configurations) },
      { id: 'checks', title: 'Checks and expectations', html: checksHtml(input.configurations, folder.summary.failures) },
      { id: 'figures', title: 'Figures', html: figuresHtml(figures) },
      ...(sequenceSvg === null
        ? []
        : [{ id: 'timeline', title: 'Timeline', html: `<figure class="report-figure sequence-chart" data-figure="sequence-chart">\n${sequenceSvg}<figcaption>The first decisions of replication 0, from <code>trace/sequence.svg</code>; the whole window is <code>trace/trace.json</code> (open it in Perfetto).</figcaption>\n</figure>` }]),
      { id: 'scenario', title: 'Scenario', html: yamlBlock(folder.manifest.scenario) },
      { id: 'manifest', title: 'Manifest', html: jsonBlock({ ...folder.manifest, scenario: '(shown under Scenario)' }) },
    ],
  });
}
