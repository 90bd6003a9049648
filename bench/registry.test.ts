import { describe, expect, it } from 'vitest';
import { buildRegistry, loadEntry } from './entries.ts';
import { BenchRegistry, type BenchEntry } from './registry.ts';

const entry = (name: string, suites: BenchEntry['suites']): BenchEntry => ({
  name,
  description: name,
  suites,
  run: () => ({ wallMs: 1, events: 1, simulatedSeconds: 1, metrics: {} }),
});

describe('bench registry', () => {
  it('puts every entry in full and only the marked ones in quick, in registration order', () => {
    const r = new BenchRegistry();
    r.register(entry('a.one', ['full']));
    r.register(entry('b.two', ['quick', 'full']));
    expect(r.suite('full').map((e) => e.name)).toEqual(['a.one', 'b.two']);
    expect(r.suite('quick').map((e) => e.name)).toEqual(['b.two']);
  });

  it('rejects duplicate and badly formed names', () => {
    const r = new BenchRegistry();
    r.register(entry('a.one', ['full']));
    expect(() => r.register(entry('a.one', ['full']))).toThrow(/registered twice/);
    expect(() => r.register(entry('PBFT n16', ['full']))).toThrow(/dotted lower snake case/);
  });

  it('registers PHOLD in the quick suite', async () => {
    expect((await buildRegistry()).suite('quick').map((e) => e.name)).toContain('engine.phold');
  });

  it('loads each entry by its loader index under the name it was registered with', async () => {
    const registry = await buildRegistry();
    for (const name of registry.names()) expect((await loadEntry(registry.loaderOf(name), name)).name).toBe(name);
  });
});
