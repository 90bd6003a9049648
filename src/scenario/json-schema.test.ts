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

  it('states the default of every quantity that has one, as a scenario writes it, there and in lists and distributions', () => {
    type Node = Record<string, unknown>;
    const props = (n: unknown) => (n as { properties: Record<string, Node> }).properties;
    expect(schema.properties['warmup']!['default']).toBe('0s');
    expect(props(schema.properties['iomt'])['gateway']!['properties']).toMatchObject({ batchInterval: { default: '5s' } });
    expect(props(schema.properties['workload'])['txSize']!['default']).toBe('256B');
    expect(props(schema.properties['network'])['latency']!['default']).toEqual({ kind: 'fixed', value: '10ms' });
    const attacks = (schema.properties['attacks'] as { items: { oneOf: Node[] } }).items.oneOf;
    const attack = (type: string) => props(attacks.find((a) => props(a)['type']!['const'] === type));
    expect(attack('leader-dos')).toMatchObject({ start: { default: '0s' }, tick: { default: '10ms' }, after: { default: '0s' } });
    expect(attack('replay')['delay']!['default']).toBe('1s');
    expect(attack('record-tamper')['interval']!['default']).toBe('10s');
    expect(attack('consent-misuse')['validFor']!['default']).toBe('30s');
    // Every quantity default anywhere is text the loader takes for its kind.
    const defaults: [UnitKind, unknown][] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (n === null || typeof n !== 'object') return;
      const node = n as Node;
      if (typeof node['x-unit'] === 'string' && 'default' in node) defaults.push([node['x-unit'] as UnitKind, node['default']]);
      Object.values(node).forEach(walk);
    };
    walk(schema);
    expect(defaults.length).toBeGreaterThan(50);
    for (const [kind, text] of defaults) expect(typeof text === 'string' && parseQuantity(kind, text).ok, `${kind} ${String(text)}`).toBe(true);
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
