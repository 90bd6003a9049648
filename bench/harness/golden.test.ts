import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGolden, goldenDiff, goldenPath, jsonSafeMetrics } from './golden.ts';
import { goldenSummary } from './report.ts';
import { pholdMetrics } from '../entries/engine.ts';
import { PHOLD_DEFAULTS, runPhold } from '../entries/phold.ts';

/** A small PHOLD so the test stays fast; the model code is the suite's own. */
const SMALL = { ...PHOLD_DEFAULTS, processes: 50, eventsPerProcess: 4 };
const metricsOf = (o = SMALL) => pholdMetrics(runPhold(20_000, 1_000, o));

describe('golden model results', () => {
  it('match for the same model and seed', () => {
    expect(goldenDiff(metricsOf(), metricsOf())).toEqual([]);
  });

  it('catch a one-line model change and name each changed metric with both values', () => {
    const golden = metricsOf();
    const altered = metricsOf({ ...SMALL, remoteProbability: 0.11 });
    const diff = goldenDiff(golden, altered);
    expect(diff.length).toBeGreaterThan(0);
    const line = diff.find((l) => l.includes('phold.messages_sent'))!;
    expect(line).toMatch(new RegExp(`~ phold.messages_sent: golden ${golden['phold.messages_sent']} → now ${altered['phold.messages_sent']} \\[\\+\\d+ \\(\\+\\d+\\.\\d{3} %\\)\\]`));
    expect(diff.some((l) => l.startsWith('  ~ phold.trace_hash: golden '))).toBe(true);
  });

  it('keeps NaN and Infinity comparable through JSON by writing them as strings', () => {
    const safe = jsonSafeMetrics({ a: NaN, b: Infinity, c: 1.5, d: 'x' });
    expect(JSON.parse(JSON.stringify(safe))).toEqual({ a: 'NaN', b: 'Infinity', c: 1.5, d: 'x' });
  });

  it('reports metrics that appeared or disappeared', () => {
    expect(goldenDiff({ a: 1, b: 'x' }, { a: 1, c: true })).toEqual([
      "  - b: 'x' (in golden; no longer produced)",
      '  + c: true (new; not in golden)',
    ]);
  });

  it('writes, reads back, and flags missing and changed golden files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-golden-'));
    expect(checkGolden('engine.phold', { x: 1 }, false, dir)).toEqual({ state: 'missing' });
    expect(checkGolden('engine.phold', { y: 2, x: 1 }, true, dir)).toEqual({ state: 'updated' });
    expect(readFileSync(goldenPath('engine.phold', dir), 'utf8')).toBe('{\n  "entry": "engine.phold",\n  "metrics": {\n    "x": 1,\n    "y": 2\n  }\n}\n');
    expect(checkGolden('engine.phold', { x: 1, y: 2 }, false, dir)).toEqual({ state: 'match' });
    expect(checkGolden('engine.phold', { x: 1, y: 3 }, false, dir)).toEqual({ state: 'differs', diff: ['  ~ y: golden 2 → now 3 [+1 (+50.000 %)]'] });
  });

  it('fails an entry whose golden file is not JSON with an outcome naming the file, rather than throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-golden-'));
    writeFileSync(goldenPath('engine.phold', dir), '{"entry": "engine.phold", "metrics": {');
    const outcome = checkGolden('engine.phold', { x: 1 }, false, dir);
    expect(outcome).toEqual({ state: 'unreadable', problem: expect.stringMatching(new RegExp(`^${goldenPath('engine.phold', dir)}: expected JSON, found a parse error \\(`)) });
    expect(goldenSummary([{ name: 'engine.phold', outcome }])).toMatch(/^engine\.phold: GOLDEN FILE UNREADABLE: .*engine\.phold\.json: expected JSON/);
  });

  it('fails an entry whose golden file has no metrics object, naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-golden-'));
    writeFileSync(goldenPath('engine.phold', dir), '{"entry": "engine.phold", "metrics": null}');
    expect(checkGolden('engine.phold', { x: 1 }, false, dir)).toEqual({ state: 'unreadable', problem: `${goldenPath('engine.phold', dir)}: field 'metrics': expected an object of metric values, found null` });
  });
});
