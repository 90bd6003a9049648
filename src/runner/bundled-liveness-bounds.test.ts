/**
 * The liveness bounds the bundled attack files state (docs/scenarios.md, "Liveness bounds of the
 * bundled scenarios") are tight enough to catch a recovery slower than the protocol's timers allow:
 * the same file with a slowed timer fails its own bound. Passing as shipped is the bundled-scenario
 * test's job.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import { runConsensusWorld } from '../world/testing/run.ts';

const attackFile = (name: string): string => fileURLToPath(new URL(`../../scenarios/attacks/${name}.yaml`, import.meta.url));

function livenessPassed(file: string, overrides: readonly string[]): boolean | undefined {
  const out = runConsensusWorld(loadScenario(attackFile(file), [...overrides]).scenario, 1);
  return out.checks.find((c) => c.name === 'liveness')?.passed;
}

describe('the bundled liveness bounds catch a slowed recovery', () => {
  it('PBFT, silence.yaml (6.1 s): a 6 s view-change timer fails it', () => {
    expect(livenessPassed('silence', [])).toBe(true);
    expect(livenessPassed('silence', ['consensus.pbft.viewChangeTimeout=6s'])).toBe(false);
  });

  // A censor or a stale-QC leader never times a view out, so a slower timer alone changes neither
  // file; a silent replica 0 in its place does.
  for (const file of ['censorship', 'stale-qc']) {
    it(`HotStuff, ${file}.yaml (6.1 s) with a silent replica 0: passes at the default 1 s view timeout, fails at 7 s`, () => {
      const silent = 'attacks=[{ type: silence, start: 2s, replicas: [0] }]';
      expect(livenessPassed(file, [silent])).toBe(true);
      expect(livenessPassed(file, [silent, 'consensus.hotstuff.viewTimeout=7s'])).toBe(false);
    });
  }
});
