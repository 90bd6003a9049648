/**
 * The load-time fault-model rule counts the attacks that act in the run, by the rule the world is
 * built by (acting-attacks.ts): an attack whose window opens at or after the end is left out of
 * the world, so it cannot put the run outside the fault model.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './load.ts';
import { issueOf } from './testing/input-issue.ts';

/** PBFT with 4 replicas (f = 1) and two silent ones, their window opening at `start`, in a 5 s run. */
const twoSilentAt = (start: string): string =>
  `name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pbft, nodes: 4 }\nattacks:\n  - { type: silence, replicas: [0, 1], start: ${start} }\n`;

describe('the fault-model rule at load', () => {
  it('does not count an attack whose window opens at the end of the run, which never acts', () => {
    expect(issueOf(() => loadScenarioText('t.yaml', twoSilentAt('5s')))).toBeUndefined();
  });

  it('still counts an attack whose window opens before the end', () => {
    expect(issueOf(() => loadScenarioText('t.yaml', twoSilentAt('4999ms')))).toEqual({
      source: 't.yaml:4:37',
      path: 'consensus.nodes',
      expected: 'a scenario inside the byzantine fault model of pbft (n ≥ 3f + 1: 2 faulty need at least 7 nodes)',
      found: '4 nodes with 2 faulty (outside the fault model)',
    });
  });

  it('does not count an attack that a shorter --set duration leaves to open at the end', () => {
    expect(issueOf(() => loadScenarioText('t.yaml', twoSilentAt('3s'), ['duration=3s']))).toBeUndefined();
  });
});
