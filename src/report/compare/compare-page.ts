/** The comparison's HTML and Markdown: differences with their significance, then both runs side by side. */
import { checksHtml, figuresHtml, jsonBlock, summaryTableHtml } from '../html/sections.ts';
import { escapeHtml } from '../html/escape.ts';
import { renderPage } from '../html/page.ts';
import { runFacts } from '../html/report-page.ts';
import { checksMarkdown, figuresMarkdown, keyNumbersMarkdown } from '../markdown/report-md.ts';
import { markdownTable } from '../markdown/tables.ts';
import { headlineMetrics } from '../model/metric-names.ts';
import { distinctEnds, formatNumber, formatPValue, formatDigits } from '../model/format.ts';
import type { ReportInput } from '../model/report-input.ts';
import type { RenderedFigure } from '../render/rendered-figure.ts';
import type { ResultsFolder } from '../results/types.ts';
import { ENUMERATION_LIMITS, SIGNIFICANCE_LEVEL, type BoundCrossed, type CheckRegression, type Comparison, type MetricDifference } from './compare.ts';

const VERDICT_ORDER = { worse: 0, better: 1, changed: 2, 'within threshold': 3, untested: 4, 'not significant': 5, identical: 6 } as const;

/** The verdict as the table states it. */
function verdictText(d: MetricDifference): string {
  return d.verdict === 'identical' ? IDENTICAL : d.verdict;
}

const IDENTICAL = 'identical in A and B';

function ordered(differences: readonly MetricDifference[]): MetricDifference[] {
  return [...differences].sort((x, y) => VERDICT_ORDER[x.verdict] - VERDICT_ORDER[y.verdict]);
}

const signed = (text: string, x: number): string => `${x >= 0 ? '+' : ''}${text}`;

/** "+3.21 [1.87, 4.55]": B − A with its 95 % interval where it was tested. */
function deltaText(d: MetricDifference): string {
  const delta = signed(formatNumber(d.delta), d.delta);
  if (d.deltaCi95 === null) return delta;
  const [lo, hi] = distinctEnds(d.deltaCi95[0], d.deltaCi95[1], (x, extra) => signed(extra === 0 ? formatNumber(x) : formatDigits(x, 4 + extra), x));
  return `${delta} [${lo}, ${hi}]`;
}

/** "+1.8 % [+1.0, +2.5]": the relative difference with its 95 % interval, in per cent. */
function relativeText(d: MetricDifference): string {
  if (d.relative === null) return '—';
  const inPercent = (x: number, digits = 1) => signed((x * 100).toFixed(digits), x);
  if (d.relativeCi95 === null) return `${inPercent(d.relative)} %`;
  const [lo, hi] = distinctEnds(d.relativeCi95[0], d.relativeCi95[1], (x, extra) => inPercent(x, 1 + extra));
  return `${inPercent(d.relative)} [${lo}, ${hi}] %`;
}

/** Whether the test reads fewer replications than produced the metric on a side (MetricDifference.nProducedA). */
function leavesReplicationsOut(d: MetricDifference): boolean {
  return d.nA < d.nProducedA || d.nB < d.nProducedB;
}

/** The replications each mean is over, and of how many that produced the metric when the test left some out. */
function countsText(d: MetricDifference, c: Comparison): string {
  if (!leavesReplicationsOut(d)) return `${d.nA} / ${d.nB}`;
  const why = c.test === 'paired' ? 'paired seeds' : 'shared seed left out';
  return `${d.nA} of ${d.nProducedA} / ${d.nB} of ${d.nProducedB} (${why})`;
}

/** How the p was found: 'exact permutation, 2 of 4 arrangements', 'paired t, t = 3.5 at 4 df'; '—' untested. */
function methodText(d: MetricDifference): string {
  if (d.method === null) return '—';
  if (d.method === 'exact permutation') return `exact permutation, ${formatNumber(d.asExtreme as number)} of ${formatNumber(d.arrangements as number)} arrangements`;
  return `${d.method}, t = ${formatNumber(d.t as number)} at ${formatNumber(d.df as number)} df`;
}

function differenceCells(d: MetricDifference, c: Comparison): string[] {
  return [
    d.pointLabel,
    d.metric,
    d.unit,
    formatNumber(d.meanA),
    formatNumber(d.meanB),
    countsText(d, c),
    deltaText(d),
    relativeText(d),
    formatPValue(d.pValue),
    methodText(d),
    formatPValue(d.pAdjusted),
    verdictText(d),
  ];
}

const HEAD = ['Point', 'Metric', 'Unit', 'A mean', 'B mean', 'n (A / B)', 'B − A [95 % CI]', 'relative [95 % CI]', 'p', 'test', 'p (Holm)', 'verdict'];

/** The columns of text among the numbers (right-aligned in HTML): every other from 'A mean' on. */
const TEXT_COLUMNS = new Set([0, 1, 2, HEAD.indexOf('test'), HEAD.length - 1]);

/**
 * Why the table's means may differ from the side-by-side tables' (over every replication that
 * produced the metric), where the test left replications out; else ''.
 */
function meansNote(c: Comparison): string {
  if (!c.differences.some(leavesReplicationsOut)) return '';
  return ` Means are over the replications tested (n, "k of m" where the test read k of the m that produced the metric); the side-by-side tables below average all m, so their means differ there.`;
}

/** What precedes the list of metrics not compared, each with its reason (Comparison.uncompared). */
const UNCOMPARED_LEAD = 'Not compared, each with the reason:';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The replications of one run only that the paired test leaves out, or '' when none is. */
function leftOutOfPairs(c: Comparison): string {
  const sides = [
    ...(c.seeds.onlyA === 0 ? [] : [`${plural(c.seeds.onlyA, 'replication')} of A`]),
    ...(c.seeds.onlyB === 0 ? [] : [`${plural(c.seeds.onlyB, 'replication')} of B`]),
  ];
  return sides.join(' and ');
}

/** Which test, and why: the reader should know whether the replications were paired, and on what. */
function testSentence(c: Comparison): string {
  const leftOut = leftOutOfPairs(c);
  const test =
    c.test === 'paired'
      ? leftOut === ''
        ? 'Paired test over replications (replications.jsonl): both runs used the same replication seeds, so replication i of A is paired with replication i of B.'
        : `Paired test over replications (replications.jsonl) on the ${c.seeds.shared} replication seeds both runs used, each replication of A paired with B's of the same seed; ${leftOut}, whose ${c.seeds.onlyA + c.seeds.onlyB === 1 ? 'seed' : 'seeds'} the other run did not use, left out.`
      : c.seeds.sharedLeftOutOf === null
        ? 'Unpaired test over replications (replications.jsonl): the runs share no replication seed, so their replications are independent samples.'
        : `Unpaired test over replications (replications.jsonl): the runs share one replication seed, too few to pair on, and a replication in both samples would make them dependent, so ${c.seeds.sharedLeftOutOf}'s replication of it is left out.`;
  const threshold = c.threshold > 0 ? ` Significant changes smaller than ${formatNumber(c.threshold * 100)} % are "within threshold" and do not fail.` : '';
  return `${test}${threshold} ${intervalSentence(c)}`;
}

/** What the intervals beside B − A are, and why one can exclude 0 beside "not significant". */
function intervalSentence(c: Comparison): string {
  const by = c.test === 'paired' ? 'the paired t interval of the differences B − A by seed' : "Welch's t interval";
  return `B − A comes with its 95 % interval, ${by}, and the relative difference (over |A mean|) with Fieller's interval of the ratio of the means by the same t, which allows for A's own error and is left out where A's mean does not differ significantly from 0: each metric's own, not corrected for the many compared, so an interval that excludes 0 beside "not significant" is a change the Holm-corrected test could not confirm with these replications, and one that includes 0 bounds how large a change they leave possible.`;
}

/** How many metrics of each kind: tested (in Holm's family), identical in A and B, untested. */
function metricCounts(c: Comparison): { tested: number; identical: number; untested: number } {
  const identical = c.differences.filter((d) => d.verdict === 'identical').length;
  const untested = c.differences.filter((d) => d.verdict === 'untested').length;
  return { tested: c.differences.length - identical - untested, identical, untested };
}

/** '121 metrics, 30 tested, 80 identical in A and B, 11 untested': only the tested are in Holm's family. */
function metricCountsText(c: Comparison): string {
  const { tested, identical, untested } = metricCounts(c);
  return [plural(c.differences.length, 'metric'), `${tested} tested`, ...(identical === 0 ? [] : [`${identical} ${IDENTICAL}`]), ...(untested === 0 ? [] : [`${untested} untested`])].join(', ');
}

function summaryLine(c: Comparison): string {
  const significant = c.differences.filter((d) => d.significant).length;
  const { tested, identical, untested } = metricCounts(c);
  const notTested = untested === 0 ? '' : ' Untested: a side had fewer than two values of the metric.';
  const same =
    identical === 0
      ? ''
      : ` Identical in A and B: every ${c.test === 'paired' ? 'paired difference B − A zero' : 'value of both the same'}, so p = 1 whatever the replications; left out of Holm's correction (Tarone 1990: a test that can never reject need not be counted).`;
  const notCompared = c.uncompared.length === 0 ? '' : ` ${c.uncompared.length} not compared (listed below).`;
  const regressed = c.regressions.length === 0 ? '' : ` ${regressedCount(c)} that held in A failed in B (listed below), which fails the comparison.`;
  const crossed = c.boundsCrossed.length === 0 ? '' : ` ${crossedCount(c)}, the difference not significant (listed below), which does not fail the comparison.`;
  return `${metricCountsText(c)}; ${significant} differ significantly (Holm-adjusted p < ${SIGNIFICANCE_LEVEL} over the ${tested} tested): ${c.worse} worse, ${c.better} better.${same}${notTested}${methodsSentence(c)}${notCompared}${regressed}${crossed}`;
}

/**
 * How the p values of the tested metrics were found, and the floor the exact test puts under them
 * (docs/reports.md, "Comparing two runs"); '' when nothing was tested.
 */
function methodsSentence(c: Comparison): string {
  // Of the tested, as the counts before it; the identical have p = 1 by either method.
  const tested = c.differences.filter((d) => d.verdict !== 'identical');
  const exact = tested.filter((d) => d.method === 'exact permutation').length;
  const byT = tested.filter((d) => d.method === 'paired t' || d.method === 'Welch t').length;
  if (exact + byT === 0) return '';
  const permutation =
    c.test === 'paired'
      ? 'the exact sign-flip permutation test (every one of the 2^n sign patterns of the n paired differences B − A counted; the smallest p is 2^(1−n))'
      : 'the exact two-sample permutation test (every one of the C(nA + nB, nA) splits of the pooled values counted; the smallest p is 2 ÷ C(nA + nB, nA), 1 ÷ C(nA + nB, nA) for unequal sizes)';
  const t =
    c.test === 'paired'
      ? `the paired t-test for more than ${ENUMERATION_LIMITS.pairs} pairs`
      : `Welch's t-test for more than ${formatNumber(ENUMERATION_LIMITS.splits)} splits`;
  return ` p: ${exact === 0 ? '' : `${plural(exact, 'metric')} by ${permutation}`}${exact > 0 && byT > 0 ? ', ' : ''}${byT === 0 ? '' : `${plural(byT, 'metric')} by ${t}`}.`;
}

function regressedCount(c: Comparison): string {
  return plural(c.regressions.length, 'check or expectation', 'checks or expectations');
}

/** '1 expectation crossed its bound', '2 expectations crossed their bounds'. */
function crossedCount(c: Comparison): string {
  return c.boundsCrossed.length === 1 ? '1 expectation crossed its bound' : `${c.boundsCrossed.length} expectations crossed their bounds`;
}

/** The test on the command line, briefly: which, and on which replications. */
function testText(c: Comparison): string {
  if (c.test === 'paired') {
    const leftOut = leftOutOfPairs(c);
    return leftOut === '' ? 'paired (same replication seeds)' : `paired on ${c.seeds.shared} shared replication seeds, ${leftOut} left out`;
  }
  return c.seeds.sharedLeftOutOf === null ? 'unpaired (no shared replication seed)' : `unpaired, the one shared replication seed left out of ${c.seeds.sharedLeftOutOf}`;
}

/**
 * The lines `iomtsim compare` prints without --json: the outcome, what failed it besides the
 * metrics, what was tested and what was not, and the report.
 */
export function compareText(c: Comparison, out: string): string {
  const regressed = c.regressions.length === 0 ? '' : `, ${regressedCount(c)} regressed`;
  const crossed = c.boundsCrossed.length === 0 ? '' : `, ${crossedCount(c)} (difference not significant)`;
  const lines = [
    `compare: ${c.passed ? 'passed' : 'FAILED'}: ${c.worse} significantly worse, ${c.better} significantly better${regressed}${crossed} (${metricCountsText(c)}; ${testText(c)})`,
    ...(c.regressions.length === 0 ? [] : [`regressed (held in A, failed in B): ${c.regressions.map(regressionText).join('; ')}`]),
    ...(c.boundsCrossed.length === 0 ? [] : [`${CROSSED_PREFIX}: ${c.boundsCrossed.map(crossedText).join('; ')}`]),
    ...(c.unmatched.length === 0 ? [] : [`unmatched points: ${c.unmatched.join('; ')}`]),
    ...(c.uncompared.length === 0 ? [] : [`not compared: ${uncomparedList(c)}`]),
    ...(untested(c).length === 0 ? [] : [`untested (a side had fewer than two values): ${untested(c).join('; ')}`]),
    ...c.warnings.map((w) => `warning: ${w}`),
    `report: ${out}/report.html`,
  ];
  return `${lines.join('\n')}\n`;
}

function untested(c: Comparison): string[] {
  return c.differences.filter((d) => d.verdict === 'untested').map((d) => `${d.pointLabel}: ${d.metric}`);
}

function regressionText(r: CheckRegression): string {
  return `${r.pointLabel}: ${r.kind} ${r.name} (A: ${r.inA}; B: ${r.inB})`;
}

/** 'consortium: expectation consensus.commit_latency_ms.p99 <= 185 (A: held (mean 181.4); B: failed (mean 193.3); one-sided p = 0.031, two-sided p = 0.063, Holm p = 1.000)'. */
function crossedText(r: BoundCrossed): string {
  return `${r.pointLabel}: expectation ${r.name} (A: ${r.inA}; B: ${r.inB}; one-sided p = ${formatPValue(r.pTowardBreach)}, two-sided p = ${formatPValue(r.pValue)}, Holm p = ${formatPValue(r.pAdjusted)})`;
}

/** What precedes the bounds crossed on the command line (Comparison.boundsCrossed). */
const CROSSED_PREFIX = 'crossed the bound, difference not significant (held in A, failed in B; not a failure of the comparison)';

/** What precedes the list of bounds crossed on the page. */
const CROSSED_LEAD =
  `Expectations that held in A and failed in B under the scenario's expectRule, whose metric's own test, one-sided toward the breach and not Holm-corrected (a stated expectation is one hypothesis, not one of the many metrics), gives p ≥ ${SIGNIFICANCE_LEVEL}: crossed the bound, difference not significant. They do not fail the comparison (B's own run fails on them):`;

function uncomparedList(c: Comparison): string {
  return c.uncompared.join('; ');
}

/** What precedes the list of regressed checks and expectations (Comparison.regressions). */
const REGRESSED_LEAD = 'Checks and expectations that held in A and failed in B (each fails the comparison):';

export function compareHtml(a: ResultsFolder, b: ResultsFolder, input: ReportInput, comparison: Comparison, figures: readonly RenderedFigure[]): string {
  const rows = ordered(comparison.differences).map((d) =>
    differenceCells(d, comparison).map((text, i, cells) => {
      const escaped = escapeHtml(text);
      if (i === 1) return `<code>${escaped}</code>`;
      if (i === cells.length - 1) return d.verdict === 'worse' ? `<span class="fail">${escaped}</span>` : d.verdict === 'better' ? `<span class="pass">${escaped}</span>` : escaped;
      return escaped;
    }),
  );
  const table = `<div class="table-wrap"><table><thead><tr>${HEAD.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.map((c, i) => `<td${TEXT_COLUMNS.has(i) ? '' : ' class="num"'}>${c}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table></div>`;
  const unmatched = comparison.unmatched.length === 0 ? '' : `<p>Points without a counterpart: ${comparison.unmatched.map(escapeHtml).join('; ')}.</p>`;
  const uncompared = comparison.uncompared.length === 0 ? '' : `<p>${escapeHtml(UNCOMPARED_LEAD)} ${comparison.uncompared.map(escapeHtml).join('; ')}.</p>`;
  const regressed =
    comparison.regressions.length === 0
      ? ''
      : `<p><span class="fail">${escapeHtml(REGRESSED_LEAD)}</span></p><ul>${comparison.regressions.map((r) => `<li>${escapeHtml(regressionText(r))}</li>`).join('')}</ul>`;
  const crossed =
    comparison.boundsCrossed.length === 0 ? '' : `<p>${escapeHtml(CROSSED_LEAD)}</p><ul>${comparison.boundsCrossed.map((r) => `<li>${escapeHtml(crossedText(r))}</li>`).join('')}</ul>`;
  return renderPage({
    title: `iomtsim comparison: A ${a.summary.scenario} vs B ${b.summary.scenario}`,
    facts: [`A: ${a.dir}`, `B: ${b.dir}`],
    // Comparison.warnings: an incomplete run, with what ran of what was planned; different scenarios.
    banners: [...comparison.warnings],
    sections: [
      {
        id: 'differences',
        title: 'Differences',
        html: `<p>${escapeHtml(summaryLine(comparison))} ${escapeHtml(testSentence(comparison))}${escapeHtml(meansNote(comparison))} "worse"/"better" only for metrics whose better direction the metric catalog states.</p>${regressed}${crossed}${unmatched}${uncompared}\n${table}`,
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
    ...comparison.warnings.map((w) => `> ⚠️ ${w}`),
    `${comparison.passed ? '✅' : '❌'} ${summaryLine(comparison)}`,
    `${testSentence(comparison)}${meansNote(comparison)}`,
    ...(comparison.regressions.length === 0 ? [] : [`${REGRESSED_LEAD}\n\n${comparison.regressions.map((r) => `- ${regressionText(r)}`).join('\n')}`]),
    ...(comparison.boundsCrossed.length === 0 ? [] : [`${CROSSED_LEAD}\n\n${comparison.boundsCrossed.map((r) => `- ${crossedText(r)}`).join('\n')}`]),
    ...(comparison.unmatched.length === 0 ? [] : [`Points without a counterpart: ${comparison.unmatched.join('; ')}.`]),
    ...(comparison.uncompared.length === 0 ? [] : [`${UNCOMPARED_LEAD} ${uncomparedList(comparison)}.`]),
    '## Significant and headline differences',
    shown.length === 0
      ? '_None._'
      : markdownTable(HEAD, shown.map((d) => differenceCells(d, comparison).map((text, i) => (i === 1 ? `\`${text}\`` : text))), 3),
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
