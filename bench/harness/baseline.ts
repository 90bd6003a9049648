/** Reading a baseline (a full report written by `--json`) with errors that name file and field. */
import { readFileSync } from 'node:fs';
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
  if (!Array.isArray(r.entries)) fail(file, 'entries', 'an array', r.entries);
  const entries: readonly unknown[] = r.entries;
  entries.forEach((item, i) => {
    const e = item as { name?: unknown; samples?: unknown } | null;
    if (typeof e?.name !== 'string') fail(file, `entries[${i}].name`, 'a string', e?.name);
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
