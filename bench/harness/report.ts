/**
 * Output formats: the tracker JSON (`[{name, unit, value, range, extra}]`, what GitHub benchmark
 * trackers such as github-action-benchmark's `customBiggerIsBetter` read), the full JSON (also the
 * baseline format), report.md for a CI job summary, and the terminal table.
 */
import { comparisonTable, renderTable } from './compare.ts';
import { summarize, type FullReport } from './results.ts';
import type { GoldenOutcome } from './golden.ts';

export interface TrackerPoint {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly range: string;
  readonly extra: string;
}

/** Bigger-is-better points only, so one tracker mode fits the whole file. */
export function trackerPoints(report: FullReport): TrackerPoint[] {
  const points: TrackerPoint[] = [];
  for (const e of report.entries) {
    const s = summarize(e);
    const extra = [
      `median of ${e.samples.length} runs`,
      `wall ${s.wallMs.toFixed(1)} ms`,
      `peak RSS ${mb(e.peakRssBytes)} MB`,
      `cpu/calibration ${s.normalizedCpu.toFixed(3)}`,
      `commit ${report.environment.commit.slice(0, 12)}`,
    ].join('; ');
    if (s.eventsPerSec > 0) {
      const halfSpread = (s.eventsPerSecMax - s.eventsPerSecMin) / 2;
      points.push({ name: `${e.name}.events_per_sec`, unit: 'events/s', value: Math.round(s.eventsPerSec), range: `± ${Math.round(halfSpread)}`, extra });
    }
    if (s.simSecondsPerWallSecond > 0) {
      points.push({ name: `${e.name}.sim_seconds_per_wall_second`, unit: 'sim s/s', value: round3(s.simSecondsPerWallSecond), range: '', extra });
    }
    if (s.eventsPerSec === 0 && s.simSecondsPerWallSecond === 0) {
      // Entries that are not simulations (report rendering, worker scaling): runs per second.
      points.push({ name: `${e.name}.runs_per_sec`, unit: 'runs/s', value: round3(1000 / s.wallMs), range: '', extra });
    }
  }
  return points;
}

/** Paths written for `--json FILE`: FILE, FILE's stem + '.full.json' and + '.report.md'. */
export function outputPaths(file: string): { tracker: string; full: string; markdown: string } {
  const stem = file.endsWith('.json') ? file.slice(0, -'.json'.length) : file;
  return { tracker: file, full: `${stem}.full.json`, markdown: `${stem}.report.md` };
}

export interface GoldenLine {
  readonly name: string;
  readonly outcome: GoldenOutcome;
  readonly nondeterminism?: string;
}

export function entriesTable(report: FullReport, markdown: boolean): string {
  const header = ['entry', 'runs', 'wall ms (median)', 'events/s', 'sim s / wall s', 'peak RSS MB', 'cpu/calib'];
  const body = report.entries.map((e) => {
    const s = summarize(e);
    return [
      e.name,
      String(e.samples.length),
      s.wallMs.toFixed(1),
      s.eventsPerSec > 0 ? Math.round(s.eventsPerSec).toLocaleString('en-US') : '—',
      s.simSecondsPerWallSecond.toFixed(2),
      mb(e.peakRssBytes),
      s.normalizedCpu.toFixed(3),
    ];
  });
  return renderTable(header, body, markdown);
}

export function goldenSummary(lines: readonly GoldenLine[]): string {
  return lines
    .map((l) => {
      const head = `${l.name}: ${goldenState(l.outcome)}`;
      const parts = [head];
      if (l.outcome.state === 'differs') parts.push(...l.outcome.diff);
      if (l.nondeterminism !== undefined) parts.push(`  NOT DETERMINISTIC: ${l.nondeterminism}`);
      return parts.join('\n');
    })
    .join('\n');
}

function goldenState(o: GoldenOutcome): string {
  switch (o.state) {
    case 'match': return 'golden results match';
    case 'updated': return 'golden results written (--update-golden)';
    case 'missing': return 'NO GOLDEN FILE (run with --update-golden and commit bench/golden/)';
    case 'unreadable': return `GOLDEN FILE UNREADABLE: ${o.problem}`;
    case 'differs': return 'MODEL RESULTS CHANGED (golden → now):';
  }
}

/** The baseline's machine, runtime or unmeasured runs where they differ from this run's, as a warning line. */
export function environmentWarning(file: string, differences: readonly string[]): string {
  return `warning: ${file} was recorded on another machine or runtime, or with other unmeasured runs (${differences.join('; ')}); speeds compared across them are a hint only (docs/ci.md)`;
}

export function markdownReport(report: FullReport, golden: readonly GoldenLine[], failures: readonly string[] = []): string {
  const env = report.environment;
  const out = [
    `# iomtsim bench: ${report.suite}`,
    '',
    `${env.cpuModel}, ${env.cpuCores} cores, Node ${env.nodeVersion}, commit ${env.commit.slice(0, 12)}${env.dirty ? ' (dirty)' : ''}; ${report.runsPerEntry} runs per entry${(report.threads ?? 1) > 1 ? `, each replication split over ${report.threads} threads` : ''}.`,
    '',
    '## Speed',
    '',
    entriesTable(report, true),
    '',
  ];
  const comparison = report.comparison;
  if (comparison !== undefined) {
    out.push('## Against the baseline', '');
    if (comparison.environmentDifferences.length > 0) out.push(environmentWarning(comparison.baseline, comparison.environmentDifferences), '');
    out.push(comparisonTable(comparison.rows, comparison.threshold, true), '');
  }
  out.push('## Model results (golden)', '', '```', goldenSummary(golden), '```', '');
  const skipped = report.skipped ?? [];
  if (skipped.length > 0) out.push(`## Entries that cannot split over ${report.threads} threads`, '', ...skipped.map((e) => `- ${e.name}: ${e.skipped}`), '');
  if (failures.length > 0) out.push('## Entries that failed to run', '', '```', ...failures, '```', '');
  return out.join('\n');
}

function mb(bytes: number): string {
  return (bytes / 1_048_576).toFixed(0);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
