/** Reading a baseline (a full report written by `--json`) with errors that name file and field. */
import { readFileSync } from 'node:fs';
import { binomialCoefficient } from '../../src/stats/index.ts';
import { SIGNIFICANCE } from './compare.ts';
import { REPORT_SCHEMA, type FullReport } from './results.ts';

export class BenchInputError extends Error {
  override readonly name = 'BenchInputError';
}

function fail(file: string, field: string, expected: string, found: unknown): never {
  const shown = typeof found === 'string' ? `'${found}'` : JSON.stringify(found);
  throw new BenchInputError(`${file}: field '${field}': expected ${expected}, found ${shown ?? 'nothing'}`);
}

export function readBaseline(file: string): FullReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BenchInputError(`${file}: cannot read the baseline (${(e as NodeJS.ErrnoException).code ?? String(e)}); write one with --json FILE and pass FILE's .full.json`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BenchInputError(`${file}: expected JSON, found a parse error (${(e as Error).message})`);
  }
  const r = data as Partial<FullReport> | null;
  if (typeof r !== 'object' || r === null) fail(file, '(top level)', 'an object', r);
  if (r.schema !== REPORT_SCHEMA) fail(file, 'schema', `'${REPORT_SCHEMA}' (a .full.json written by iomtsim bench --json)`, r.schema);
  if (r.threads !== undefined && !(Number.isInteger(r.threads) && r.threads >= 1)) fail(file, 'threads', 'a positive integer (the --threads the baseline ran on), or no field for 1', r.threads);
  if (r.untimedRunsPerEntry !== undefined && !(Number.isInteger(r.untimedRunsPerEntry) && r.untimedRunsPerEntry >= 0)) fail(file, 'untimedRunsPerEntry', 'a whole number of unmeasured runs, or no field for 0', r.untimedRunsPerEntry);
  if (!Array.isArray(r.entries)) fail(file, 'entries', 'an array', r.entries);
  const entries: readonly unknown[] = r.entries;
  const firstIndex = new Map<string, number>();
  entries.forEach((item, i) => {
    const e = item as { name?: unknown; samples?: unknown } | null;
    if (typeof e?.name !== 'string') fail(file, `entries[${i}].name`, 'a string', e?.name);
    // The comparison looks entries up by name: a second one of the same name would never be read.
    const earlier = firstIndex.get(e.name);
    if (earlier !== undefined) fail(file, `entries[${i}].name`, `a name no other entry has (entries[${earlier}] is already '${e.name}')`, e.name);
    firstIndex.set(e.name, i);
    const samples = e.samples;
    if (!Array.isArray(samples) || samples.length === 0) fail(file, `entries[${i}].samples`, 'a non-empty array', samples);
    samples.forEach((raw: unknown, j: number) => {
      const sample = raw as Record<string, unknown> | null;
      for (const k of ['wallMs', 'cpuMs', 'calibrationMs', 'calibrationCpuMs']) {
        const v = sample?.[k];
        if (!(typeof v === 'number' && v > 0)) fail(file, `entries[${i}].samples[${j}].${k}`, 'a positive number', v);
      }
    });
  });
  return r as FullReport;
}

/**
 * The smallest one-sided p-value the exact Mann–Whitney test can give for `runs` runs against
 * `baselineSamples`: every run slower than every baseline sample is one ranking of the C(runs +
 * baselineSamples, runs) equally likely under no change (Mann & Whitney 1947).
 */
export function smallestPSlower(runs: number, baselineSamples: number): number {
  return 1 / binomialCoefficient(runs + baselineSamples, runs);
}

/**
 * Refuses a comparison whose speed check could not fail: no entry of the run in the baseline, or
 * an entry whose run and baseline sample sizes keep every p-value at or above SIGNIFICANCE (1 run
 * against 5 samples: p ≥ 1/6), so that even a slowdown of several times passes. The smaller side
 * is blamed: the baseline's samples when it has fewer than the run, else --runs.
 */
export function checkComparable(baseline: FullReport, file: string, entryNames: readonly string[], runs: number): void {
  const compared = entryNames.filter((name) => baseline.entries.some((b) => b.name === name));
  if (compared.length === 0) {
    throw new BenchInputError(`${file}: field 'entries': expected at least one of the entries this run compares (${entryNames.join(', ')}), found none of them (${baseline.entries.map((b) => b.name).join(', ') || 'no entries'})`);
  }
  for (const name of compared) {
    const index = baseline.entries.findIndex((b) => b.name === name);
    const samples = baseline.entries[index]!.samples.length;
    const p = smallestPSlower(runs, samples);
    if (p < SIGNIFICANCE) continue;
    const why = `${runs} run${runs === 1 ? '' : 's'} against ${samples} baseline sample${samples === 1 ? '' : 's'} of '${name}' give a p-value of at least ${p.toFixed(4)}, never below ${SIGNIFICANCE}`;
    if (samples < runs) {
      let needed = samples + 1;
      while (smallestPSlower(runs, needed) >= SIGNIFICANCE) needed++;
      throw new BenchInputError(`${file}: field 'entries[${index}].samples': expected at least ${needed} samples to compare with ${runs} runs (${why}), found ${samples}`);
    }
    let needed = runs + 1;
    while (smallestPSlower(needed, samples) >= SIGNIFICANCE) needed++;
    throw new BenchInputError(`--runs: expected at least ${needed} to compare with ${file} (${why}), found ${runs}`);
  }
}

/** '10%' or a fraction like '0.1'. */
export function parseThreshold(text: string | undefined): number {
  if (text === undefined) return DEFAULT_THRESHOLD;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  const value = m ? Number(m[1]) / 100 : Number(text);
  if (!(Number.isFinite(value) && value > 0 && value < 1) || (!m && !/^\s*0?\.\d+\s*$/.test(text))) {
    throw new BenchInputError(`--threshold: expected a percentage like '10%' or a fraction like '0.1', found '${text}'`);
  }
  return value;
}

export const DEFAULT_THRESHOLD = 0.1;
