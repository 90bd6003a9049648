import { describe, expect, it } from 'vitest';
import { ResultsError, describeFound } from '../errors.ts';
import { parseOrThrow, zManifest, zReplication, zSummary } from './schemas.ts';

const MANIFEST = { format: 'iomtsim-results/1', kind: 'run', status: 'complete', scenario: {}, seed: 1, replications: 2 };
const REPLICATION = { point: 0, parameters: {}, replication: 0, seed: 1, metrics: {}, traceHash: 'h' };

/** What a results file's schema says it expected where `data` breaks it. */
function expectedFor(schema: typeof zManifest | typeof zReplication, data: unknown): string {
  try {
    parseOrThrow(schema, data, 'f.json');
  } catch (err) {
    if (err instanceof ResultsError) return err.expected;
    throw err;
  }
  throw new Error('expected a ResultsError');
}

describe('what a results file was expected to hold, worded without the validator\'s own text', () => {
  it('a literal, JSON-quoted', () => {
    expect(expectedFor(zManifest, { ...MANIFEST, format: 'x' })).toBe('"iomtsim-results/1"');
  });

  it('an option, listing each JSON-quoted', () => {
    expect(expectedFor(zManifest, { ...MANIFEST, status: 'x' })).toBe('one of "running", "complete", "interrupted", "failed"');
  });

  it('a bound', () => {
    expect(expectedFor(zManifest, { ...MANIFEST, replications: -1 })).toBe('a number ≥ 0');
  });

  it('a pattern', () => {
    expect(expectedFor(zManifest, { ...MANIFEST, files: { 'a.csv': { bytes: 1, sha256: 'zz' } } })).toBe('a string matching /^[0-9a-f]{64}$/');
  });

  it('a scenarioInput that is not a mapping, naming the field', () => {
    for (const bad of ['x', [], null, 3]) {
      expect(() => parseOrThrow(zManifest, { ...MANIFEST, scenarioInput: bad }, 'f.json')).toThrow(new ResultsError('f.json', 'scenarioInput', 'the scenario input the run came from (a mapping)', describeFound(bad)));
    }
    expect(parseOrThrow(zManifest, { ...MANIFEST, scenarioInput: { name: 'a' } }, 'f.json').scenarioInput).toEqual({ name: 'a' });
  });

  it('the forms of a union', () => {
    expect(expectedFor(zReplication, { ...REPLICATION, parameters: { n: [] } })).toBe('a string or a number or true or false or null');
  });
});

describe('a summary whose numbers contradict each other', () => {
  const metric = { unit: 'tx/s', mean: 0.44, ci95: [0.4, 0.5], n: 3 };
  const cdf = { unit: 'ms', n: 3, points: [[30, 0], [33.7, 0.5], [40, 1]] };
  const summary = (m: Record<string, unknown>, c: Record<string, unknown> = cdf) => ({
    scenario: 's', status: 'complete',
    points: [{ parameters: {}, n: 3, metrics: { 'consensus.throughput_tps': m }, checks: [], latency_cdf: { 'consensus.commit_latency_ms': c } }],
  });
  const refusal = (data: unknown) => { try { parseOrThrow(zSummary, data, 'summary.json'); } catch (e) { return e; } return undefined; };

  it('is refused where an interval is reversed, naming the field, what was expected and what was found', () => {
    expect(refusal(summary({ ...metric, ci95: [0.5, 0.4] }))).toEqual(new ResultsError('summary.json', 'points[0].metrics.consensus.throughput_tps.ci95', 'an interval [low, high] with low ≤ high', '[0.5, 0.4]'));
  });

  it('is refused where a latency distribution goes down', () => {
    expect(refusal(summary(metric, { ...cdf, points: [[30, 0], [29, 0.5], [40, 1]] }))).toEqual(new ResultsError('summary.json', 'points[0].latency_cdf.consensus.commit_latency_ms.points[1]', '[value, cumulative fraction] in increasing order, neither below the point before it [30, 0]', '[29, 0.5]'));
    expect((refusal(summary(metric, { ...cdf, points: [[30, 0.5], [35, 0.2], [40, 1]] })) as ResultsError).field).toBe('points[0].latency_cdf.consensus.commit_latency_ms.points[1]');
  });

  it("is refused where a metric has values from more replications than its point's n", () => {
    expect(refusal(summary({ ...metric, n: 4 }))).toEqual(new ResultsError('summary.json', 'points[0].metrics.consensus.throughput_tps.n', "at most the point's n, 3 (a metric's n counts the point's replications that gave it a value)", '4'));
  });

  it("is refused where an expectation's interval is reversed, or more replications break it than it judged", () => {
    const withExpectation = (e: Record<string, unknown>) => {
      const data = summary(metric);
      return { ...data, points: [{ ...data.points[0]!, expectations: [{ metric: 'consensus.throughput_tps', condition: '>= 0.3', observed: 0.44, passed: true, rule: 'mean', n: 3, failedReplications: 0, ci95: [0.4, 0.5], ...e }] }] };
    };
    expect(refusal(withExpectation({ ci95: [0.5, 0.4] }))).toEqual(new ResultsError('summary.json', 'points[0].expectations[0].ci95', 'an interval [low, high] with low ≤ high', '[0.5, 0.4]'));
    expect(refusal(withExpectation({ failedReplications: 4 }))).toEqual(new ResultsError('summary.json', 'points[0].expectations[0].failedReplications', 'at most n, 3 (the replications judged)', '4'));
    expect(refusal(withExpectation({ ci95: null }))).toBeUndefined();
    expect(refusal(withExpectation({ rule: undefined, ci95: undefined, n: undefined, failedReplications: undefined }))).toBeUndefined();
  });

  it('accepts what the runner writes where there is no interval or no value, equal ends, ties and a metric on fewer replications', () => {
    for (const m of [{ ...metric, ci95: null }, { ...metric, mean: null, ci95: [null, null], n: 0 }, { ...metric, ci95: [0.5, null] }, { ...metric, ci95: [0.44, 0.44], n: 1 }, { ...metric, n: 2 }]) {
      expect(refusal(summary(m))).toBeUndefined();
    }
    expect(refusal(summary(metric, { ...cdf, points: [[30, 0], [30, 0.5], [40, 1]] }))).toBeUndefined();
  });
});
