import { describe, expect, it } from 'vitest';
import { ENTRY_LOADERS } from '../entries/index.ts';
import { loadEntry } from './registry.ts';
import type { EntryResult, RunSample } from './results.ts';
import { joinChildRuns, runEntryInChild, RunsAgainstFirst } from './run-entry.ts';

describe('RunsAgainstFirst', () => {
  it('holds every run, unmeasured ones included, against the first: a cold first run that differs is found', () => {
    const runs = new RunsAgainstFirst();
    runs.add({ events: 56_181 }, 'an unmeasured run');
    runs.add({ events: 56_180 }, 'an unmeasured run');
    runs.add({ events: 56_180 }, 'measured run 1');
    expect(runs.first).toEqual({ events: 56_181 });
    expect(runs.nondeterminism).toMatch(/^an unmeasured run \(run 2 of the process\) differs from its first run:\n.*events/);
  });

  it('finds nothing where every run agrees', () => {
    const runs = new RunsAgainstFirst();
    for (const what of ['an unmeasured run', 'measured run 1', 'measured run 2']) runs.add({ events: 10, 'consensus.throughput_tps': 99.5 }, what);
    expect(runs.nondeterminism).toBeUndefined();
  });
});

describe('joinChildRuns', () => {
  const sample = (cpuMs: number): RunSample => ({ wallMs: cpuMs, cpuMs, calibrationMs: 1, calibrationCpuMs: 1, events: 1, simulatedSeconds: 1 });
  const result = (cpu: number[], peakRssBytes: number, events: number): EntryResult => ({ name: 'e', description: 'd', samples: cpu.map(sample), peakRssBytes, metrics: { events } });

  it('keeps both processes\' samples in order and the larger peak', () => {
    const joined = joinChildRuns(result([5, 6, 7], 100, 10), result([8, 9], 300, 10));
    expect(joined.samples.map((s) => s.cpuMs)).toEqual([5, 6, 7, 8, 9]);
    expect(joined.peakRssBytes).toBe(300);
    expect(joined.nondeterminism).toBeUndefined();
  });

  it('finds the second process\'s results differing from the first\'s', () => {
    expect(joinChildRuns(result([5], 100, 10), result([8], 100, 11)).nondeterminism).toMatch(/^the second process's first run differs from the first process's:\n.*events/);
  });
});

describe('runEntryInChild', () => {
  // CI builds dist/ before the tests, so every other bench test's child starts from the build; this
  // one keeps the path an edited tree takes (IOMTSIM_BUILD=off: the sources through the loader).
  it('runs an entry in a child started from the TypeScript sources', async () => {
    const saved = process.env['IOMTSIM_BUILD'];
    process.env['IOMTSIM_BUILD'] = 'off';
    try {
      const result = await runEntryInChild(await loadEntry(ENTRY_LOADERS, 'engine.phold'), 1, 1, 0);
      expect('samples' in result && result.samples.length).toBe(1);
    } finally {
      if (saved === undefined) delete process.env['IOMTSIM_BUILD'];
      else process.env['IOMTSIM_BUILD'] = saved;
    }
  }, 60_000);
});
