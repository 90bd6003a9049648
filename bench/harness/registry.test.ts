import { describe, expect, it } from 'vitest';
import { ENTRY_LOADERS } from '../entries/index.ts';
import type { BenchEntry } from './entry.ts';
import { BenchRegistry, buildRegistry, loadEntry } from './registry.ts';

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
    expect((await buildRegistry(ENTRY_LOADERS)).suite('quick').map((e) => e.name)).toContain('engine.phold');
  });

  it('loads each entry alone by the name its line in bench/entries/index.ts gives', async () => {
    const registry = await buildRegistry(ENTRY_LOADERS);
    for (const name of registry.names()) expect((await loadEntry(ENTRY_LOADERS, name)).name).toBe(name);
    await expect(loadEntry(ENTRY_LOADERS, 'no.such_entry')).rejects.toThrow(/no bench entry named 'no.such_entry'/);
  });
});
