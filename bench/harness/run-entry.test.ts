import { describe, expect, it } from 'vitest';
import { RunsAgainstFirst } from './run-entry.ts';

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
