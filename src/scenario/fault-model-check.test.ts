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

  describe('Byzantine attacks on crash-fault protocols', () => {
    const oneAttacker = (protocol: string, type: string, extra = '', fields = ''): string =>
      `name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: ${protocol}, nodes: 5 }\n${extra}attacks:\n  - { type: ${type}, replicas: [2], start: 1s${fields} }\n`;

    it.each(['raft', 'poa'])('refuses one equivocating replica of five on %s, whose model tolerates crashes only', (protocol) => {
      expect(issueOf(() => loadScenarioText('t.yaml', oneAttacker(protocol, 'equivocation')))).toEqual({
        source: 't.yaml:6:13',
        path: 'attacks.0.type',
        expected: `an attack inside the crash fault model of ${protocol} (crashed, silent or slow replicas; a Byzantine one sends what the protocol forbids; allowOutsideFaultModel: true runs it anyway)`,
        found: "'equivocation', which makes replicas Byzantine",
      });
    });

    it('refuses censorship on raft as Byzantine', () => {
      expect(issueOf(() => loadScenarioText('t.yaml', oneAttacker('raft', 'censorship', '', ', clients: [0]')))?.found).toBe("'censorship', which makes replicas Byzantine");
    });

    it.each(['silence', 'crash'])('accepts one %s replica of five on raft (a crash or omission fault)', (type) => {
      expect(issueOf(() => loadScenarioText('t.yaml', oneAttacker('raft', type)))).toBeUndefined();
    });

    it('accepts an equivocating replica on pbft, and on raft with allowOutsideFaultModel', () => {
      expect(issueOf(() => loadScenarioText('t.yaml', oneAttacker('pbft', 'equivocation')))).toBeUndefined();
      expect(issueOf(() => loadScenarioText('t.yaml', oneAttacker('raft', 'equivocation', 'allowOutsideFaultModel: true\n')))).toBeUndefined();
    });
  });
});
