/** The comparison's HTML and Markdown: differences with their significance, then both runs side by side. */
import { checksHtml, figuresHtml, jsonBlock, summaryTableHtml } from '../html/sections.ts';
import { escapeHtml } from '../html/escape.ts';
import { renderPage } from '../html/page.ts';
import { runFacts, statusBanners } from '../html/report-page.ts';
import { checksMarkdown, figuresMarkdown, keyNumbersMarkdown } from '../markdown/report-md.ts';
import { markdownTable } from '../markdown/tables.ts';
import { headlineMetrics } from '../model/metric-names.ts';
import { formatNumber, formatPValue } from '../model/format.ts';
import type { ReportInput } from '../model/report-input.ts';
import type { RenderedFigure } from '../render/rendered-figure.ts';
import type { ResultsFolder } from '../results/types.ts';
import { differsWithZeroVariance, SIGNIFICANCE_LEVEL, type Comparison, type MetricDifference } from './compare.ts';

const VERDICT_ORDER = { worse: 0, better: 1, changed: 2, 'within threshold': 3, untested: 4, same: 5 } as const;

function ordered(differences: readonly MetricDifference[]): MetricDifference[] {
  return [...differences].sort((x, y) => VERDICT_ORDER[x.verdict] - VERDICT_ORDER[y.verdict]);
}

function relativeText(d: MetricDifference): string {
  return d.relative === null ? '—' : `${d.relative >= 0 ? '+' : ''}${(d.relative * 100).toFixed(1)} %`;
}

function differenceCells(d: MetricDifference): string[] {
  return [
    d.pointLabel,
    d.metric,
    d.unit,
    formatNumber(d.meanA),
    formatNumber(d.meanB),
    `${d.delta >= 0 ? '+' : ''}${formatNumber(d.delta)}`,
    relativeText(d),
    differsWithZeroVariance(d) ? `0 (t = ${d.t === '-Infinity' ? '−' : ''}∞, zero variance)` : formatPValue(d.pValue),
    formatPValue(d.pAdjusted),
    d.verdict,
  ];
}

function head(c: Comparison): string[] {
  return ['Point', 'Metric', 'Unit', 'A mean', 'B mean', 'B − A', 'relative', `p (${TEST_NAMES[c.test]})`, 'p (Holm)', 'verdict'];
}

const TEST_NAMES = { paired: 'paired t', welch: 'Welch' } as const;

/** What precedes the list of metrics not compared, each with its reason (Comparison.uncompared). */
const UNCOMPARED_LEAD = 'Not compared, each with the reason:';

/** Which test, and why: the reader should know whether the replications were paired. */
function testSentence(c: Comparison): string {
  const test =
    c.test === 'paired'
      ? 'Paired t-test over replications (replications.jsonl): both runs used the same replication seeds, so replication i of A is paired with replication i of B.'
      : "Welch's t-test over replications (replications.jsonl): the runs used different replication seeds, so their replications are independent samples.";
  const threshold = c.threshold > 0 ? ` Significant changes smaller than ${formatNumber(c.threshold * 100)} % are "within threshold" and do not fail.` : '';
  return `${test}${threshold}`;
}

function summaryLine(c: Comparison): string {
  const significant = c.differences.filter((d) => d.significant).length;
  const untested = c.differences.filter((d) => d.verdict === 'untested').length;
  const notTested = untested === 0 ? '' : ` ${untested} untested: a side had fewer than two values of the metric.`;
  const constant = c.differences.filter(differsWithZeroVariance).length;
  const zeroVariance =
    constant === 0
      ? ''
      : ` ${constant} differ with zero variance (t infinite, p = 0: ${c.test === 'paired' ? 'every paired difference B − A the same' : 'both sides constant and unequal'}).`;
  const notCompared = c.uncompared.length === 0 ? '' : ` ${c.uncompared.length} not compared (listed below).`;
  return `${c.differences.length} metrics compared; ${significant} differ significantly (Holm-adjusted p < ${SIGNIFICANCE_LEVEL}): ${c.worse} worse, ${c.better} better.${notTested}${zeroVariance}${notCompared}`;
}

/** The lines `iomtsim compare` prints without --json: the outcome, what was tested and what was not, and the report. */
export function compareText(c: Comparison, out: string): string {
  const tested = `${c.differences.length} metrics, ${c.test === 'paired' ? 'paired t-test (same replication seeds)' : "Welch's t-test"}`;
  const notCompared = c.uncompared.length === 0 ? '' : `not compared: ${uncomparedList(c)}\n`;
  return `compare: ${c.passed ? 'passed' : 'FAILED'}: ${c.worse} significantly worse, ${c.better} significantly better (${tested})\n${notCompared}report: ${out}/report.html\n`;
}

function uncomparedList(c: Comparison): string {
  return c.uncompared.join('; ');
}

export function compareHtml(a: ResultsFolder, b: ResultsFolder, input: ReportInput, comparison: Comparison, figures: readonly RenderedFigure[]): string {
  const rows = ordered(comparison.differences).map((d) =>
    differenceCells(d).map((text, i) => {
      const escaped = escapeHtml(text);
      if (i === 1) return `<code>${escaped}</code>`;
      if (i === 9) return d.verdict === 'worse' ? `<span class="fail">${escaped}</span>` : d.verdict === 'better' ? `<span class="pass">${escaped}</span>` : escaped;
      return escaped;
    }),
  );
  const table = `<div class="table-wrap"><table><thead><tr>${head(comparison).map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.map((c, i) => `<td${i >= 3 && i <= 8 ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table></div>`;
  const unmatched = comparison.unmatched.length === 0 ? '' : `<p>Points without a counterpart: ${comparison.unmatched.map(escapeHtml).join('; ')}.</p>`;
  const uncompared = comparison.uncompared.length === 0 ? '' : `<p>${escapeHtml(UNCOMPARED_LEAD)} ${comparison.uncompared.map(escapeHtml).join('; ')}.</p>`;
  return renderPage({
    title: `iomtsim comparison: A ${a.summary.scenario} vs B ${b.summary.scenario}`,
    facts: [`A: ${a.dir}`, `B: ${b.dir}`],
    banners: [...statusBanners(a).map((s) => `A: ${s}`), ...statusBanners(b).map((s) => `B: ${s}`)],
    sections: [
      {
        id: 'differences',
        title: 'Differences',
        html: `<p>${escapeHtml(summaryLine(comparison))} ${escapeHtml(testSentence(comparison))} "worse"/"better" only for metrics whose better direction is known from the name.</p>${unmatched}${uncompared}\n${table}`,
      },
      { id: 'summary', title: 'Summary, side by side', html: summaryTableHtml(input.configurations) },
      { id: 'checks', title: 'Checks and expectations', html: checksHtml(input.configurations, [...a.summary.failures, ...b.summary.failures]) },
      { id: 'figures', title: 'Figures', html: figuresHtml(figures) },
      { id: 'manifest-a', title: 'Manifest A', html: `<p>${escapeHtml(runFacts(a).join(' · '))}</p>${jsonBlock(a.manifest)}` },
      { id: 'manifest-b', title: 'Manifest B', html: `<p>${escapeHtml(runFacts(b).join(' · '))}</p>${jsonBlock(b.manifest)}` },
    ],
  });
}

export function compareMarkdown(a: ResultsFolder, b: ResultsFolder, input: ReportInput, comparison: Comparison, figures: readonly RenderedFigure[]): string {
  const headline = new Set(headlineMetrics(comparison.differences.map((d) => d.metric)));
  const shown = ordered(comparison.differences).filter((d) => d.significant || headline.has(d.metric));
  return [
    `# iomtsim comparison: A ${a.summary.scenario} vs B ${b.summary.scenario}`,
    `A: \`${a.dir}\` · B: \`${b.dir}\``,
    `${comparison.passed ? '✅' : '❌'} ${summaryLine(comparison)}`,
    testSentence(comparison),
    ...(comparison.unmatched.length === 0 ? [] : [`Points without a counterpart: ${comparison.unmatched.join('; ')}.`]),
    ...(comparison.uncompared.length === 0 ? [] : [`${UNCOMPARED_LEAD} ${uncomparedList(comparison)}.`]),
    '## Significant and headline differences',
    shown.length === 0
      ? '_None._'
      : markdownTable(head(comparison), shown.map((d) => differenceCells(d).map((text, i) => (i === 1 ? `\`${text}\`` : text))), 3),
    '## Key numbers, side by side',
    keyNumbersMarkdown(input.configurations),
    '## Checks',
    checksMarkdown(input.configurations, [...a.summary.failures, ...b.summary.failures]),
    '## Figures',
    figuresMarkdown(figures),
    'All differences, tables and figures: `report.html`; machine-readable: `comparison.json`.',
    '',
  ].join('\n\n');
}
