import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseThreshold, readBaseline } from './baseline.ts';

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
});
