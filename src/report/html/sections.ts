/** The HTML sections a report is made of: metric tables by area, checks, figures, scenario and manifest. */
import { stringify } from 'yaml';
import { allMetricNames } from '../model/metric-names.ts';
import { formatMeanCi, formatNumber, meanCiNote } from '../model/format.ts';
import { VERDICT_NOTE, verdictCells } from '../model/verdict.ts';
import { parseCondition } from '../../scenario/conditions.ts';
import { metricDoc } from '../../metrics/catalog.ts';
import type { Configuration } from '../model/report-input.ts';
import type { RenderedFigure } from '../render/rendered-figure.ts';
import type { CheckSummary, ExpectationOutcome, ReplicationFailure } from '../results/types.ts';
import { judgingExpectation } from '../model/check-verdict.ts';
import { escapeHtml, escapeWithCode } from './escape.ts';

export function table(head: readonly string[], rows: readonly (readonly string[])[], numericFrom = Number.POSITIVE_INFINITY): string {
  const th = head.map((h) => `<th>${h}</th>`).join('');
  const body = rows
    .map((cells) => `<tr>${cells.map((c, i) => `<td${i >= numericFrom ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<div class="table-wrap"><table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function verdict(passed: boolean): string {
  return passed ? '<span class="pass">pass</span>' : '<span class="fail">FAIL</span>';
}

/** A check's result; a failure its scenario expects (judged by an expectation) says so instead of FAIL. */
function checkVerdict(check: CheckSummary, expectations: readonly ExpectationOutcome[]): string {
  const by = check.passed ? undefined : judgingExpectation(check, expectations);
  return by === undefined ? verdict(check.passed) : `<span class="none">failed, as expected</span> <small>(judged by <code>${escapeHtml(by.metric)}</code> ${escapeHtml(by.condition)})</small>`;
}

/** The area a metric belongs to: its first dotted segment (`consensus`, `iomt`, `attack`, ...). */
function areaOf(metric: string): string {
  return metric.split('.')[0] ?? metric;
}

/**
 * Metrics as rows, configurations as columns: "mean [95 % CI]" over replications, one table per
 * area, each metric with the catalog's meaning and unit.
 */
export function summaryTableHtml(configurations: readonly Configuration[]): string {
  const byArea = new Map<string, string[]>();
  for (const metric of allMetricNames(configurations)) {
    const list = byArea.get(areaOf(metric)) ?? [];
    list.push(metric);
    byArea.set(areaOf(metric), list);
  }
  const head = ['Metric', 'Meaning', 'Unit', ...configurations.map((c) => `${escapeHtml(c.label)} <small>(n=${c.point.n})</small>`)];
  const tables = [...byArea.entries()].map(([area, metrics]) => {
    const rows = metrics.map((metric) => {
      const unit = configurations.map((c) => c.point.metrics[metric]?.unit).find((u) => u !== undefined) ?? '';
      return [
        `<code>${escapeHtml(metric)}</code>`,
        `<div class="meaning">${escapeHtml(metricDoc(metric)?.meaning ?? '')}</div>`,
        escapeHtml(unit),
        ...configurations.map((c) => escapeHtml(formatMeanCi(metric, c.point.metrics[metric], { replications: c.point.n }))),
      ];
    });
    return `<h3 id="metrics-${escapeHtml(area)}">${escapeHtml(area)}</h3>\n${table(head, rows, 3)}`;
  });
  return `<p>${escapeHtml(meanCiNote(configurations))}</p>\n${tables.join('\n')}`;
}

export function checksHtml(configurations: readonly Configuration[], failures: readonly ReplicationFailure[]): string {
  const checkRows = configurations.flatMap((c) =>
    c.point.checks.map((check) => [
      escapeHtml(c.label),
      escapeHtml(check.name),
      checkVerdict(check, c.point.expectations),
      check.failedReplications === undefined ? '—' : `${check.failedReplications} / ${check.n ?? c.point.n}`,
      `<div class="detail">${escapeHtml(check.detail ?? '')}</div>`,
    ]),
  );
  const expectationRows = configurations.flatMap((c) =>
    c.point.expectations.map((e) => {
      const cells = verdictCells(e, parseCondition(e.condition)?.value);
      return [
        escapeHtml(c.label),
        `<code>${escapeHtml(e.metric)}</code>`,
        escapeHtml(e.condition),
        escapeHtml(cells.observed),
        escapeHtml(cells.interval),
        escapeHtml(cells.breaking),
        `${verdict(e.passed)}${cells.judged === '' ? '' : ` <small>${escapeHtml(cells.judged)}</small>`}`,
      ];
    }),
  );
  const parts: string[] = [];
  parts.push('<h3>Checks</h3>');
  parts.push(checkRows.length === 0 ? '<p>No checks recorded.</p>' : table(['Configuration', 'Check', 'Result', 'Failed replications', 'Detail'], checkRows));
  parts.push('<h3>Expectations</h3>');
  parts.push(
    expectationRows.length === 0
      ? '<p>The scenario states no expectations.</p>'
      : `${table(['Configuration', 'Metric', 'Condition', 'Observed', '95 % CI', 'Breaking it', 'Result'], expectationRows)}\n<p><small>${escapeHtml(VERDICT_NOTE)}</small></p>`,
  );
  if (failures.length > 0) {
    parts.push('<h3>Failed replications</h3>');
    parts.push(
      table(
        ['Point', 'Replication', 'Seed', 'Error'],
        failures.map((f) => [String(f.point), String(f.replication), String(f.seed), escapeHtml(f.error)]),
      ),
    );
  }
  return parts.join('\n');
}

export function figuresHtml(figures: readonly RenderedFigure[]): string {
  if (figures.length === 0) return '<p>No figure applies to the metrics in these results.</p>';
  const items = figures.map(({ figure, svg, png }) => {
    const files = [`figures/${figure.name}.svg`, ...(png !== null ? [`figures/${figure.name}.png`] : []), `figures/${figure.name}.vl.json`, `figures/${figure.name}.data.json`];
    return `<figure class="report-figure" id="fig-${escapeHtml(figure.name)}" data-figure="${escapeHtml(figure.name)}">
${svg}
<figcaption>${escapeWithCode(figure.caption)}<br>Files: ${files.map((f) => `<code>${escapeHtml(f)}</code>`).join(', ')}</figcaption>
</figure>`;
  });
  return `<div class="figures">\n${items.join('\n')}\n</div>`;
}

export function yamlBlock(value: unknown): string {
  return `<pre>${escapeHtml(stringify(value, { lineWidth: 0 }))}</pre>`;
}

export function jsonBlock(value: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}
