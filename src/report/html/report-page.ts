/** report.html for one results folder. */
import type { ReportInput } from '../model/report-input.ts';
import type { RenderedFigure } from '../render/rendered-figure.ts';
import type { ResultsFolder } from '../results/types.ts';
import { inShard } from '../../runner/shard.ts';
import { renderPage } from './page.ts';
import { headlineSections } from '../model/headline.ts';
import { meanCiNote } from '../model/format.ts';
import { headlineHtml } from './headline.ts';
import { sizeHtml } from './size.ts';
import { checksHtml, figuresHtml, jsonBlock, summaryTableHtml, yamlBlock } from './sections.ts';

/** Up to `max` indices, then how many in all: "0, 2, 4", "0, 2, 4, 6, 8, 10, … (50 in all)". */
function indexList(indices: readonly number[], max = 6): string {
  return indices.length <= max ? indices.join(', ') : `${indices.slice(0, max).join(', ')}, … (${indices.length} in all)`;
}

/**
 * The replications of each point a shard's folder holds, by the runner's own assignment of tasks to
 * shards, worded once where every point has the same ones: "replications 0, 2 of each point's 4".
 */
function shardReplications(folder: ResultsFolder): string | undefined {
  const m = folder.manifest;
  const shard = m.shard;
  if (shard === undefined) return undefined;
  const reps = m.replications;
  const held = folder.summary.points.map((_, point) => Array.from({ length: reps }, (_, r) => r).filter((r) => inShard(point * reps + r, shard)));
  const words = (rs: readonly number[]): string => (rs.length === 0 ? 'none' : `${rs.length === 1 ? 'replication' : 'replications'} ${indexList(rs)}`);
  const of = `${held.length > 1 ? "each point's" : 'the'} ${reps}`;
  if (held.every((rs) => rs.join() === held[0]!.join())) return `${words(held[0] ?? [])} of ${of}`;
  const counts = held.map((rs) => rs.length);
  const perPoint = held.slice(0, 3).map((rs, point) => `point ${point}: ${rs.length === 0 ? 'none' : indexList(rs)}`);
  return `${Math.min(...counts)} to ${Math.max(...counts)} of each point's ${reps} replications, ${perPoint.join('; ')}${held.length > 3 ? '; …' : ''}`;
}

export function runFacts(folder: ResultsFolder): string[] {
  const m = folder.manifest;
  return [
    `status ${m.status}`,
    `${m.kind}`,
    `seed ${m.seed}`,
    // A shard's folder holds only its slice of the run's replications: its manifest's count is the run's.
    ...(m.shard === undefined
      ? [`${m.replications} replication${m.replications === 1 ? '' : 's'}`]
      : [`shard ${m.shard.index}/${m.shard.count}`, `holds ${shardReplications(folder)!}`]),
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
  const shard = folder.manifest.shard;
  if (shard !== undefined) {
    banners.push(`This is shard ${shard.index}/${shard.count} of its run: the numbers cover only the replications this shard holds (${shardReplications(folder)!}), not all the run's; iomtsim merge of the ${shard.count} shards' folders gives the whole run's.`);
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
