import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkComparable, parseThreshold, readBaseline, smallestPSlower } from './baseline.ts';
import type { FullReport } from './results.ts';

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'iomtsim-baseline-')), 'baseline.json');
  writeFileSync(path, content);
  return path;
}

describe('baseline input', () => {
  it('parses thresholds given as a percentage or a fraction', () => {
    expect(parseThreshold('10%')).toBeCloseTo(0.1, 12);
    expect(parseThreshold('2.5 %')).toBeCloseTo(0.025, 12);
    expect(parseThreshold('0.15')).toBeCloseTo(0.15, 12);
    expect(parseThreshold(undefined)).toBeCloseTo(0.1, 12);
  });

  it('rejects a threshold that is not a percentage or fraction, quoting it', () => {
    expect(() => parseThreshold('ten')).toThrow("--threshold: expected a percentage like '10%' or a fraction like '0.1', found 'ten'");
    expect(() => parseThreshold('150%')).toThrow(/found '150%'/);
    expect(() => parseThreshold('10')).toThrow(/found '10'/);
  });

  it('names the file when it cannot be read', () => {
    expect(() => readBaseline('/nonexistent/baseline.json')).toThrow(/\/nonexistent\/baseline.json: cannot read the baseline \(ENOENT\)/);
  });

  it('names the field path, what was expected and what was found', () => {
    const path = file(JSON.stringify({ schema: 'iomtsim.bench/1', entries: [{ name: 'engine.phold', samples: [{ wallMs: 5, cpuMs: 5, calibrationMs: -1, calibrationCpuMs: 1 }] }] }));
    expect(() => readBaseline(path)).toThrow(`${path}: field 'entries[0].samples[0].calibrationMs': expected a positive number, found -1`);
  });

  it('rejects a tracker file passed where the full report is needed', () => {
    const path = file(JSON.stringify([{ name: 'engine.phold.events_per_sec', unit: 'events/s', value: 1 }]));
    expect(() => readBaseline(path)).toThrow(/field 'schema': expected 'iomtsim.bench\/1'/);
  });

  it('refuses two entries of the same name, naming the second and the first', () => {
    const sample = { wallMs: 5, cpuMs: 5, calibrationMs: 1, calibrationCpuMs: 1 };
    const path = file(JSON.stringify({ schema: 'iomtsim.bench/1', entries: [{ name: 'engine.phold', samples: [sample] }, { name: 'pow', samples: [sample] }, { name: 'engine.phold', samples: [sample] }] }));
    expect(() => readBaseline(path)).toThrow(`${path}: field 'entries[2].name': expected a name no other entry has (entries[0] is already 'engine.phold'), found 'engine.phold'`);
  });

  it('refuses a threads field that is not a positive integer, quoting a string', () => {
    const path = file(JSON.stringify({ schema: 'iomtsim.bench/1', threads: '1', entries: [] }));
    expect(() => readBaseline(path)).toThrow(`${path}: field 'threads': expected a positive integer (the --threads the baseline ran on), or no field for 1, found '1'`);
  });
});

describe('a comparison that could not fail', () => {
  const baseline = (samplesPerEntry: number, names = ['engine.phold', 'pow']): FullReport => ({
    schema: 'iomtsim.bench/1', suite: 'quick', startedAt: '', finishedAt: '', runsPerEntry: samplesPerEntry,
    environment: { cpuModel: '', cpuCores: 1, totalMemoryBytes: 0, nodeVersion: '', v8Version: '', platform: '', arch: '', commit: '', dirty: false },
    entries: names.map((name) => ({ name, description: '', peakRssBytes: 0, metrics: {}, samples: Array.from({ length: samplesPerEntry }, () => ({ wallMs: 1, cpuMs: 1, calibrationMs: 1, calibrationCpuMs: 1, events: 0, simulatedSeconds: 0 })) })),
  });

  it('knows the smallest p-value of the exact rank test: one ranking of C(n + m, n)', () => {
    expect(smallestPSlower(1, 5)).toBeCloseTo(1 / 6, 12);
    expect(smallestPSlower(2, 5)).toBeCloseTo(1 / 21, 12);
    expect(smallestPSlower(5, 5)).toBeCloseTo(1 / 252, 12);
  });

  it('refuses --runs too few for any p-value below 0.05, saying how many are needed', () => {
    expect(() => checkComparable(baseline(5), 'b.json', ['pow'], 1)).toThrow("--runs: expected at least 2 to compare with b.json (1 run against 5 baseline samples of 'pow' give a p-value of at least 0.1667, never below 0.05), found 1");
  });

  it('refuses a baseline entry with too few samples, naming the file and field', () => {
    expect(() => checkComparable(baseline(1), 'b.json', ['engine.phold', 'pow'], 5)).toThrow("b.json: field 'entries[0].samples': expected at least 2 samples to compare with 5 runs (5 runs against 1 baseline sample of 'engine.phold' give a p-value of at least 0.1667, never below 0.05), found 1");
  });

  it('accepts sample sizes that can reach p < 0.05', () => {
    expect(() => checkComparable(baseline(5), 'b.json', ['pow'], 2)).not.toThrow();
    expect(() => checkComparable(baseline(2), 'b.json', ['pow'], 5)).not.toThrow();
  });

  it('refuses a baseline that shares no entry with the run, listing both sides', () => {
    expect(() => checkComparable(baseline(5, ['old.a', 'old.b']), 'b.json', ['engine.phold'], 5)).toThrow("b.json: field 'entries': expected at least one of the entries this run compares (engine.phold), found none of them (old.a, old.b)");
  });
});
