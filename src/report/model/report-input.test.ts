import { describe, expect, it } from 'vitest';
import { writeSweepFixture } from '../fixtures/results-fixture.ts';
import { tempResultsDir } from '../fixtures/temp-dir.ts';
import { headlineText } from '../headline-text.ts';
import { keyNumbersMarkdown } from '../markdown/report-md.ts';
import { loadResults } from '../results/load.ts';
import { reportInputOf } from './report-input.ts';

describe("a sweep's points in the report's tables", () => {
  const sweepOver = (timeouts: readonly string[]): string => {
    const dir = tempResultsDir('order');
    writeSweepFixture(dir, { points: timeouts.map((timeout, i) => ({ parameters: { 'consensus.batchTimeout': timeout }, load: 1 + i })) });
    return dir;
  };

  it('come in order of value where the parameter is a duration, in the tables and the headline alike', () => {
    const dir = sweepOver(['200ms', '50ms', '1s']);
    const labels = reportInputOf(loadResults(dir)).configurations.map((c) => c.label);
    expect(labels).toEqual(['batchTimeout=50ms', 'batchTimeout=200ms', 'batchTimeout=1s']);
    const header = keyNumbersMarkdown(reportInputOf(loadResults(dir)).configurations).split('\n')[0]!;
    expect(header.indexOf('batchTimeout=50ms')).toBeLessThan(header.indexOf('batchTimeout=200ms'));
    const headline = headlineText(dir);
    expect(headline.indexOf('batchTimeout=50ms:')).toBeGreaterThan(0);
    expect(headline.indexOf('batchTimeout=50ms:')).toBeLessThan(headline.indexOf('batchTimeout=200ms:'));
    expect(headline.indexOf('batchTimeout=200ms:')).toBeLessThan(headline.indexOf('batchTimeout=1s:'));
  });
});
