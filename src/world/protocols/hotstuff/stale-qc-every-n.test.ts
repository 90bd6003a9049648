/**
 * Chained HotStuff against leaders that fork on a stale QC (scenarios/attacks/stale-qc.yaml) at
 * every n from 4 to 13, f colluding attackers (replicas 0..f−1, the first f leaders of each round):
 * each proposes on its highest QC to one honest replica and on its locked node to the others, who
 * vote for it (Yin et al. 2019 §4.2, safeNode). The three-chain commit keeps safety (§4.4); a
 * two-chain commit with a two-chain lock, the fuzzer's hotstuff-two-chain mutant, loses it to the
 * same attack, so the sweep can fail.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunOutput } from '../../../metrics/types.ts';
import { byzantineMaxFaulty } from '../../../protocols/fault-bounds.ts';
import { makeHotStuffModule } from '../../../protocols/hotstuff/index.ts';
import { loadScenario } from '../../../scenario/load.ts';
import type { Scenario } from '../../../scenario/schema.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import { SWEPT_NODES } from '../../testing/equivocation-sweep.ts';

const SCENARIO_FILE = fileURLToPath(new URL('../../../../scenarios/attacks/stale-qc.yaml', import.meta.url));

/** The scenario, 4 s long, with f colluding attackers from 1 s; the honest replicas must commit at least once a second while work waits. */
function staleQcAt(n: number): Scenario {
  const attackers = Array.from({ length: byzantineMaxFaulty(n) }, (_, i) => i);
  const attack = `{ type: stale-qc, start: 1s, replicas: [${attackers.join(', ')}] }`;
  return loadScenario(SCENARIO_FILE, [`consensus.nodes=${n}`, 'duration=4s', 'consensus.livenessBound=1s', `attacks=[${attack}]`]).scenario;
}

const violations = (out: RunOutput): number => out.metrics['safety.violations']!.value;

describe('hotstuff against leaders forking on a stale QC at every n from 4 to 13', () => {
  it('f attackers: no conflicting commit, and commits go on within the liveness bound', () => {
    const found = SWEPT_NODES.map((n) => {
      const out = runConsensusWorld(staleQcAt(n), 1);
      return { n, violations: violations(out), live: out.checks.find((c) => c.name === 'liveness')?.passed };
    });
    expect(found).toEqual(SWEPT_NODES.map((n) => ({ n, violations: 0, live: true })));
  });

  it('the same attack breaks a two-chain commit: the safety checker reports conflicting commits', () => {
    const twoChain = makeHotStuffModule({ twoChainCommit: true });
    const found = SWEPT_NODES.map((n) => {
      const out = runConsensusWorld(staleQcAt(n), 1, { protocol: twoChain });
      return { n, conflicts: violations(out) > 0, checkFailed: out.checks.find((c) => c.name === 'safety')?.passed === false };
    });
    expect(found).toEqual(SWEPT_NODES.map((n) => ({ n, conflicts: true, checkFailed: true })));
  });
});
