/**
 * report.md: the few numbers a reviewer needs (the headline: each question the scenario answers, with
 * its numbers, CIs and verdicts; key metrics with CIs, failed checks and
 * expectations, where the figures are), short enough for a PR comment or a CI job summary.
 */
import { allMetricNames, headlineMetrics } from '../model/metric-names.ts';
import { formatMeanCi, formatNumber, meanCiNote } from '../model/format.ts';
import { VERDICT_NOTE, verdictCells } from '../model/verdict.ts';
import { parseCondition } from '../../scenario/conditions.ts';
import type { Configuration, ReportInput } from '../model/report-input.ts';
import type { RenderedFigure } from '../render/rendered-figure.ts';
import type { CheckSummary, ReplicationFailure } from '../results/types.ts';
import { judgingExpectation } from '../model/check-verdict.ts';
import { headlineSections } from '../model/headline.ts';
import { headlineMarkdown } from './headline.ts';
import { sizeMarkdown } from './size.ts';
import { markdownTable } from './tables.ts';

/** Check details can list thousands of events; a PR comment needs the first few (report.html has all). */
const DETAIL_MAX_CHARS = 240;

function shorten(text: string): string {
  return text.length <= DETAIL_MAX_CHARS ? text : `${text.slice(0, DETAIL_MAX_CHARS - 1)}…`;
}

export function keyNumbersMarkdown(configurations: readonly Configuration[]): string {
  const metrics = headlineMetrics(allMetricNames(configurations));
  if (metrics.length === 0) return '_No headline metric in these results; see report.html for all metrics._';
  const rows = metrics.map((metric) => [
    `\`${metric}\``,
    configurations.map((c) => c.point.metrics[metric]?.unit).find((u) => u !== undefined) ?? '',
    ...configurations.map((c) => formatMeanCi(metric, c.point.metrics[metric], { replications: c.point.n })),
  ]);
  return `${markdownTable(['metric', 'unit', ...configurations.map((c) => `${c.label} (n=${c.point.n})`)], rows, 2)}\n\n${meanCiNote(configurations)}`;
}

export function checksMarkdown(configurations: readonly Configuration[], failures: readonly ReplicationFailure[]): string {
  const checks = configurations.flatMap((c) => c.point.checks.map((check) => ({ c, check })));
  const expectations = configurations.flatMap((c) => c.point.expectations.map((e) => ({ c, e })));
  const judged = ({ c, check }: { c: Configuration; check: CheckSummary }) => judgingExpectation(check, c.point.expectations);
  const failedChecks = checks.filter((k) => !k.check.passed && judged(k) === undefined);
  const expectedFailures = checks.filter((k) => !k.check.passed && judged(k) !== undefined);
  const failedExpectations = expectations.filter(({ e }) => !e.passed);
  const lines: string[] = [];
  const counted = checks.length - expectedFailures.length;
  lines.push(
    failedChecks.length === 0
      ? `✅ All ${counted} checks passed.`
      : `❌ ${failedChecks.length} of ${counted} checks failed:\n\n${markdownTable(
          ['configuration', 'check', 'failed replications', 'detail'],
          failedChecks.map(({ c, check }) => [c.label, check.name, `${check.failedReplications ?? '?'} / ${check.n ?? c.point.n}`, shorten(check.detail ?? '')]),
        )}`,
  );
  if (expectedFailures.length > 0) {
    lines.push(
      `${expectedFailures.length} more failed as the scenario expects, each judged by its expectation below instead:\n\n${markdownTable(
        ['configuration', 'check', 'failed replications', 'judged by'],
        expectedFailures.map((k) => [k.c.label, k.check.name, `${k.check.failedReplications ?? '?'} / ${k.check.n ?? k.c.point.n}`, `\`${judged(k)!.metric}\` ${judged(k)!.condition}`]),
      )}`,
    );
  }
  if (expectations.length > 0) {
    lines.push(
      `${failedExpectations.length === 0 ? '✅' : '❌'} Expectations: ${expectations.length - failedExpectations.length} of ${expectations.length} met.\n\n${markdownTable(
        ['configuration', 'metric', 'condition', 'observed', '95 % CI', 'breaking it', 'result'],
        expectations.map(({ c, e }) => {
          const cells = verdictCells(e, parseCondition(e.condition)?.value);
          return [c.label, `\`${e.metric}\``, e.condition, cells.observed, cells.interval, cells.breaking, `${e.passed ? 'pass' : '**FAIL**'} ${cells.judged}`.trim()];
        }),
      )}\n\n${VERDICT_NOTE}`,
    );
  }
  if (failures.length > 0) {
    lines.push(
      `❌ ${failures.length} replication(s) failed:\n\n${markdownTable(
        ['point', 'replication', 'seed', 'error'],
        failures.map((f) => [String(f.point), String(f.replication), String(f.seed), f.error]),
      )}`,
    );
  }
  return lines.join('\n\n');
}

/** Each figure shown inline (its PNG, else its SVG), titled, with its caption. */
export function figuresMarkdown(figures: readonly RenderedFigure[]): string {
  if (figures.length === 0) return '_No figure applies to these metrics._';
  return figures
    .map(({ figure, png }) => `### ${figure.title}\n\n![${figure.title}](figures/${figure.name}.${png === null ? 'svg' : 'png'})\n\n${figure.caption} Spec: \`figures/${figure.name}.vl.json\`.`)
    .join('\n\n');
}

export function reportMarkdown(
  input: ReportInput,
  facts: readonly string[],
  banners: readonly string[],
  failures: readonly ReplicationFailure[],
  figures: readonly RenderedFigure[],
  sequenceChart: string | null = null,
): string {
  return [
    `# iomtsim report: ${input.title}`,
    facts.join(' · '),
    ...banners.map((b) => `> ⚠️ ${b}`),
    ...(input.size === undefined ? [] : ['## Size search', sizeMarkdown(input.size)]),
    '## Headline',
    headlineMarkdown(headlineSections(input.configurations), meanCiNote(input.configurations)),
    '## Key numbers',
    keyNumbersMarkdown(input.configurations),
    '## Checks',
    checksMarkdown(input.configurations, failures),
    '## Figures',
    figuresMarkdown(figures),
    ...(sequenceChart === null ? [] : ['## Timeline', `![The first decisions](${sequenceChart})\n\nThe whole window: \`trace/trace.json\` (Perfetto).`]),
    'Full tables, figures, scenario and manifest: `report.html`.',
    '',
  ].join('\n\n');
}
