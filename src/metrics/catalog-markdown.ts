/**
 * docs/metrics.md, generated from the metric catalog so the reference cannot drift from the names
 * the models emit (`npm run docs:metrics`; a test compares the committed file with this output).
 */
import type { MetricDoc } from './catalog/types.ts';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function metricsMarkdown(docs: readonly MetricDoc[]): string {
  const groups = new Map<string, MetricDoc[]>();
  for (const d of docs) {
    const group = d.name.split('.')[0]!;
    const list = groups.get(group);
    if (list) list.push(d);
    else groups.set(group, [d]);
  }
  const lines = [
    '# Metrics reference',
    '',
    '<!-- Generated from src/metrics/catalog.ts by `npm run docs:metrics`; do not edit by hand. -->',
    '',
    'Every metric a run can report, with its unit, which way is better and its meaning. Names are dotted',
    'lower snake case with the unit last and a percentile as the last segment',
    '(`consensus.commit_latency_ms.p99`). `better` is `higher`, `lower` or `neither` (a workload or',
    'ground-truth count, or a metric that moves either way for good reasons): `iomtsim compare` calls a',
    'significant change worse or better by it, and never one of a `neither` metric. In',
    'summary.json each metric has `unit`, `mean`, `ci95`, `n`, `sd`, `min` and `max` over replications',
    '(docs/results.md). `iomtsim list metrics` prints the same list.',
    '',
    'What a metric covers depends on its family. The `consensus.*`, `network.*`, `mempool.*` and',
    '`node.*` metrics are measured in the window [warm-up, duration), from the end of the scenario\'s',
    'warm-up up to but not including the end of the run (a block or arrival at the end itself is not',
    'counted, so a periodic one is counted duration/period times, not once more); the `iomt.*` latency',
    'families take the readings, episodes and requests that began after it (the alert latencies and',
    'their share within target the episodes `iomt.episodes` counts: begun after it and at least 60 s',
    'before the end, as one begun later is seen alerted only if its alert was quick). The other `iomt.*` counts',
    'and the `pow.*`, `poa.*` and `attack.*` metrics cover the whole run, warm-up included, unless',
    'their meaning says otherwise (the detectors\' alarm rates are per hour after the warm-up). The run',
    'itself covers [0, duration): nothing due at the end itself happens (a reading, an attack\'s tick),',
    'so no count includes what the measurements could never see arrive (docs/architecture.md, "Core',
    'concepts").',
    '',
  ];
  for (const [group, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${group}`, '', '| metric | unit | better | meaning |', '|---|---|---|---|');
    for (const d of [...list].sort((a, b) => a.name.localeCompare(b.name))) {
      lines.push(`| \`${d.name}\` | ${cell(d.unit)} | ${d.better ?? ''} | ${cell(d.meaning)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
