/**
 * Speed regression decision. Speeds are noisy, so an entry is called slower only when both hold:
 * its median normalized cost grew by more than the threshold, and a one-sided Mann–Whitney test
 * over the runs says the growth is unlikely to be noise (p < 0.05). Normalized cost is the run's
 * CPU time divided by the calibration loop's, timed in the same process, so a slower machine
 * moves both and the ratio stays put (see calibrate.ts for why CPU time). On a shared machine a
 * neighbour can slow every run of one entry, so an entry found slower is run again and called
 * slower only when its fresh runs, compared on their own, are slower too (`confirmSlowdowns`):
 * slower than the recorded baseline runs, or, where the baseline's commit is run beside this build
 * (beside.ts), slower than that commit's runs taken alternately with them.
 */
import { normalizedCpu, type FullReport, type RunSample } from './results.ts';
import { mannWhitneyGreater, median } from '../../src/stats/index.ts';

export const SIGNIFICANCE = 0.05;

export type Verdict = 'slower' | 'faster' | 'same';

export interface SpeedComparison {
  readonly baselineMedian: number;
  readonly currentMedian: number;
  /** Relative change of the median (0.25 = 25 % slower; negative = faster). */
  readonly change: number;
  /** One-sided p-value that current runs take longer than baseline runs. */
  readonly pSlower: number;
  /** One-sided p-value that current runs take less time. */
  readonly pFaster: number;
  readonly verdict: Verdict;
}

/** Compare two samples of times (smaller is better) under a relative threshold (0.1 = 10 %). */
export function compareSpeed(baseline: readonly number[], current: readonly number[], threshold: number): SpeedComparison {
  const baselineMedian = median(baseline);
  const currentMedian = median(current);
  const change = currentMedian / baselineMedian - 1;
  const pSlower = mannWhitneyGreater(current, baseline).pGreater;
  const pFaster = mannWhitneyGreater(baseline, current).pGreater;
  let verdict: Verdict = 'same';
  if (change > threshold && pSlower < SIGNIFICANCE) verdict = 'slower';
  else if (change < -threshold && pFaster < SIGNIFICANCE) verdict = 'faster';
  return { baselineMedian, currentMedian, change, pSlower, pFaster, verdict };
}

export interface ComparisonRow {
  readonly name: string;
  /** Undefined for an entry on one side only (`onlyIn` says which): it is not compared. */
  readonly result?: SpeedComparison;
  /** 'run': an entry the baseline lacks (new); 'baseline': a baseline entry this run did not run. */
  readonly onlyIn?: 'run' | 'baseline';
  /** For an entry found slower: its fresh runs against the same baseline runs. */
  readonly confirmation?: SpeedComparison;
  /** The fresh runs the confirmation compared. */
  readonly confirmationSamples?: readonly RunSample[];
  /** Where the confirmation compared them with the baseline's commit run beside them: its commit and runs. */
  readonly confirmationBeside?: BesideRuns;
}

/** Runs of the baseline's own commit, taken on this machine alternately with the fresh runs. */
export interface BesideRuns {
  readonly commit: string;
  readonly samples: readonly RunSample[];
}

/** What running an entry again gave: its fresh runs, and the baseline commit's runs beside them where it was run too. */
export interface ConfirmationRuns {
  readonly fresh: readonly RunSample[];
  readonly beside?: BesideRuns;
}

/** One row per entry of the run, then one per baseline entry the run lacks. */
export function compareReports(baseline: FullReport, current: FullReport, threshold: number): ComparisonRow[] {
  const rows: ComparisonRow[] = current.entries.map((e) => {
    const base = baseline.entries.find((b) => b.name === e.name);
    if (base === undefined) return { name: e.name, onlyIn: 'run' };
    return { name: e.name, result: compareSpeed(normalizedCpu(base.samples), normalizedCpu(e.samples), threshold) };
  });
  for (const b of baseline.entries) if (!current.entries.some((e) => e.name === b.name)) rows.push({ name: b.name, onlyIn: 'baseline' });
  return rows;
}

/**
 * Run each entry found slower again (`rerun` gives its fresh runs, undefined when it could not run)
 * and compare those alone with the baseline: two independent tests, so noise must strike twice.
 * Where `rerun` also ran the baseline's commit beside them, the fresh runs are compared with that
 * commit's runs instead of the recorded ones: both then come from this machine at this time, so a
 * machine that has become slower at this kind of work since the baseline was recorded slows both.
 */
export async function confirmSlowdowns(rows: readonly ComparisonRow[], baseline: FullReport, threshold: number, rerun: (name: string) => Promise<ConfirmationRuns | undefined>): Promise<ComparisonRow[]> {
  const out: ComparisonRow[] = [];
  for (const r of rows) {
    const base = baseline.entries.find((b) => b.name === r.name);
    const again = r.result?.verdict === 'slower' && base !== undefined ? await rerun(r.name) : undefined;
    if (again === undefined) {
      out.push(r);
      continue;
    }
    const reference = again.beside?.samples ?? base!.samples;
    const confirmation = compareSpeed(normalizedCpu(reference), normalizedCpu(again.fresh), threshold);
    out.push({ ...r, confirmation, confirmationSamples: again.fresh, ...(again.beside !== undefined ? { confirmationBeside: again.beside } : {}) });
  }
  return out;
}

/** Entries of the run that the baseline lacks, so their speed was not checked. */
export function newEntries(rows: readonly ComparisonRow[]): string[] {
  return rows.filter((r) => r.onlyIn === 'run').map((r) => r.name);
}

/** An entry found slower, and slower again on fresh runs where it was run again. */
export function hasRegression(rows: readonly ComparisonRow[]): boolean {
  return rows.some((r) => r.result?.verdict === 'slower' && (r.confirmation === undefined || r.confirmation.verdict === 'slower'));
}

/** Plain-text table for the terminal and a Markdown table for report.md. */
export function comparisonTable(rows: readonly ComparisonRow[], threshold: number, markdown: boolean): string {
  const header = ['entry', 'baseline (cpu/calib)', 'now (cpu/calib)', 'change', 'p(slower)', 'verdict'];
  const body = rows.map((r) => {
    const c = r.result;
    if (c === undefined) return [r.name, '—', '—', '—', '—', r.onlyIn === 'baseline' ? 'not run (in the baseline only)' : 'NEW: not in the baseline, not compared'];
    const verdict = c.verdict === 'slower' ? slowerVerdict(r, threshold) : c.verdict === 'faster' ? 'faster' : 'no significant change';
    return [r.name, c.baselineMedian.toFixed(3), c.currentMedian.toFixed(3), signedPct(c.change), c.pSlower.toFixed(4), verdict];
  });
  return renderTable(header, body, markdown);
}

export function renderTable(header: readonly string[], body: readonly (readonly string[])[], markdown: boolean): string {
  if (markdown) {
    const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function slowerVerdict(r: ComparisonRow, threshold: number): string {
  const k = r.confirmation;
  if (k === undefined) return `SLOWER (> ${pct(threshold)})`;
  const beside = r.confirmationBeside;
  const against = beside === undefined ? '' : ` against ${beside.samples.length} of the baseline's commit ${beside.commit.slice(0, 7)} run beside them`;
  const fresh = `${r.confirmationSamples?.length} fresh runs ${signedPct(k.change)}${against}, p ${k.pSlower.toFixed(4)}`;
  return k.verdict === 'slower' ? `SLOWER (> ${pct(threshold)}), confirmed: ${fresh}` : `not confirmed: ${fresh}`;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

function signedPct(x: number): string {
  return `${x >= 0 ? '+' : ''}${pct(x)}`;
}
