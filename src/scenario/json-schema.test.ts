import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './json-schema.ts';
import { zScenario } from './schema.ts';
import { parseQuantity, type UnitKind } from './units.ts';

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as { properties: Record<string, Record<string, unknown>>; additionalProperties: unknown; required: string[] };

  it('describes the input form: every root field plus extends, unknown keys rejected', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(['extends', ...Object.keys(zScenario.shape)].sort());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toContain('duration');
    expect(schema.required).not.toContain('name');
  });

  it('gives quantities as strings with their unit kind', () => {
    expect(schema.properties['duration']).toMatchObject({ type: 'string', 'x-unit': 'duration' });
  });

  it("gives each quantity the loader's text form as its pattern, so an editor refuses what the loader refuses", () => {
    const patterns: Record<UnitKind, RegExp> = {
      duration: new RegExp(schema.properties['duration']!['pattern'] as string, 'u'),
      size: new RegExp(((schema.properties['workload'] as { properties: Record<string, { pattern: string }> }).properties['txSize']!).pattern, 'u'),
      bandwidth: new RegExp(((schema.properties['network'] as { properties: Record<string, { anyOf: { pattern?: string }[] }> }).properties['upload']!.anyOf.find((a) => a.pattern !== undefined)!).pattern!, 'u'),
    };
    expect(['10s', '500 ms', '1.5e3us', '2h'].every((t) => patterns.duration.test(t))).toBe(true);
    expect(['10', '10 sec', '256X', ''].some((t) => patterns.duration.test(t))).toBe(false);
    // Text of a number and a word: the pattern and the loader's parser agree on every one.
    const text = fc.tuple(fc.oneof(fc.integer({ min: -5, max: 5000 }).map(String), fc.constantFrom('1.5', '2e3', '0.25', 'x')), fc.constantFrom('', ' '), fc.constantFrom('us', 'µs', 'ms', 's', 'm', 'min', 'h', 'B', 'KB', 'KiB', 'MB', 'GiB', 'bps', 'Mbps', 'Gbps', 'sec', 'X', ''));
    fc.assert(fc.property(text, fc.constantFrom<UnitKind>('duration', 'size', 'bandwidth'), ([n, gap, unit], kind) => {
      const t = `${n}${gap}${unit}`;
      expect(patterns[kind].test(t)).toBe(parseQuantity(kind, t).ok);
    }), { seed: 7, numRuns: 500 });
  });
});
