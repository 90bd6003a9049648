import { describe, expect, it } from 'vitest';
import { ResultsError, describeFound } from '../errors.ts';
import { parseOrThrow, zManifest, zReplication } from './schemas.ts';

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
