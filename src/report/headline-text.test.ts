import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRunFixture } from './fixtures/results-fixture.ts';
import { tempResultsDir } from './fixtures/temp-dir.ts';
import { headlineText } from './headline-text.ts';

describe('the headline on the terminal', () => {
  it('says after each verdict which expectation decided it, as the report does', () => {
    const dir = tempResultsDir('headline-text');
    writeRunFixture(dir, { durationS: 2 });
    expect(headlineText(dir)).toContain('  pass  Ledger safety: 0 (no spread over n=5) heights at which two honest replicas committed different blocks. (expect: safety.violations == 0: 0)\n');
  });
});

describe('the verdict marks on the terminal', () => {
  it('marks a failed expectation FAIL and an alert rule target missed MISS, never pass', () => {
    const dir = tempResultsDir('headline-text-marks');
    writeRunFixture(dir, { durationS: 2 });
    const summaryPath = join(dir, 'summary.json');
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
    const point = summary.points[0];
    const throughput = point.metrics['consensus.throughput_tps'].mean;
    point.expectations.push({ metric: 'consensus.throughput_tps', condition: '>= 1000', observed: throughput, passed: false });
    writeFileSync(summaryPath, JSON.stringify(summary));
    // The fixture's within-target ratio is below 1 (Math.min(1, jitter(0.99))) and no expectation is on it: a miss.
    expect(point.metrics['iomt.alert_within_target_ratio'].mean).toBeLessThan(1);
    const text = headlineText(dir);
    expect(text).toMatch(/^ {2}FAIL {2}Throughput: /m);
    expect(text).toMatch(/^ {2}MISS {2}Direct path: /m);
  });
});
