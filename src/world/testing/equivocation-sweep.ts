/**
 * Test support: the equivocation scenario (scenarios/attacks/equivocation.yaml) at every consortium
 * size from 4 to 13, the suite PBFT and HotStuff share (src/world/protocols/{pbft,hotstuff}/
 * equivocation-every-n.test.ts).
 *
 * The scenario as written has one equivocating replica. The sweeps also run the whole fault model:
 * k colluding equivocators (replicas 0..k−1, so PBFT's first primary and HotStuff's first k leaders)
 * while the honest replicas, split in two halves, cannot reach each other (a partition from the same
 * instant: safety must hold under asynchrony, Castro & Liskov 1999 §2, Yin et al. 2019 §3). Each half
 * then sees one face of every equivocator, so each half with the k faces is a world of its own, and
 * two such worlds both decide exactly when each reaches a quorum, i.e. when two quorums can overlap
 * in the k equivocators alone: k ≥ 2q − n. With q = ⌈(n + f + 1)/2⌉, 2q − n is f + 1 where n + f + 1
 * is even and f + 2 where it is odd (n = 5, 8, 11 below 14): there two quorums share f + 2 replicas
 * and f + 1 equivocators cannot break safety.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunOutput } from '../../metrics/types.ts';
import type { ProtocolDefinition } from '../../protocols/definition.ts';
import { byzantineMaxFaulty, byzantineQuorum } from '../../protocols/fault-bounds.ts';
import { loadScenario } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { runConsensusWorld } from './run.ts';

export type SweptProtocol = 'pbft' | 'hotstuff';

/** Consortium sizes swept: every n from the smallest Byzantine one to two hospitals' consortium and beyond. */
export const SWEPT_NODES = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as const;

const SCENARIO_FILE = fileURLToPath(new URL('../../../scenarios/attacks/equivocation.yaml', import.meta.url));

/** Equivocators that two quorums of n replicas can overlap in entirely: 2q − n. */
export const overlapOfTwoQuorums = (n: number): number => 2 * byzantineQuorum(n) - n;

/** `iomtsim run scenarios/attacks/equivocation.yaml --set consensus.nodes=n [--set consensus.protocol=…]`. */
export function equivocationAsWritten(protocol: SweptProtocol, n: number): Scenario {
  return loadScenario(SCENARIO_FILE, [`consensus.nodes=${n}`, `consensus.protocol=${protocol}`]).scenario;
}

/**
 * The same scenario, 4 s long, with `equivocators` colluding replicas from 1 s and the honest halves
 * partitioned from each other from 1 s. HotStuff's pacemaker gets a fixed 100 ms view timeout so that
 * each half cycles through its leaders within the run.
 */
export function equivocationUnderPartition(protocol: SweptProtocol, n: number, equivocators: number): Scenario {
  const byzantine = Array.from({ length: equivocators }, (_, i) => i);
  const honest = Array.from({ length: n - equivocators }, (_, i) => equivocators + i);
  const sideA = honest.slice(0, Math.floor(honest.length / 2));
  const sideB = honest.slice(sideA.length);
  const attacks = [
    `{ type: equivocation, start: 1s, replicas: [${byzantine.join(', ')}], sideA: [${sideA.join(', ')}] }`,
    `{ type: partition, start: 1s, groups: [[${sideA.join(', ')}], [${sideB.join(', ')}]] }`,
  ];
  const sets = [`consensus.nodes=${n}`, `consensus.protocol=${protocol}`, 'duration=4s', `attacks=[${attacks.join(', ')}]`];
  if (equivocators > byzantineMaxFaulty(n)) sets.push('allowOutsideFaultModel=true');
  if (protocol === 'hotstuff') sets.push('consensus.hotstuff.viewTimeout=100ms', 'consensus.hotstuff.backoff=fixed');
  return loadScenario(SCENARIO_FILE, sets).scenario;
}

const violations = (out: RunOutput): number => out.metrics['safety.violations']!.value;

/**
 * The sweep for one protocol. `withTwoFPlusOneQuorum` is the protocol with certificates of 2f + 1,
 * the rule q replaced: the same attack must break it wherever n ≠ 3f + 1, so the sweep can fail.
 */
export function describeEquivocationSweep(protocol: SweptProtocol, withTwoFPlusOneQuorum: ProtocolDefinition): void {
  const run = (scenario: Scenario, definition?: ProtocolDefinition) => runConsensusWorld(scenario, scenario.seed, definition === undefined ? {} : { protocol: definition });
  const faulty = byzantineMaxFaulty;

  describe(`${protocol} against equivocators at every n from 4 to 13`, () => {
    it('scenarios/attacks/equivocation.yaml as written (one equivocator) commits with no conflict', () => {
      const found = SWEPT_NODES.map((n) => {
        const out = run(equivocationAsWritten(protocol, n));
        return { n, violations: violations(out), commits: out.metrics['consensus.committed_txs']!.value > 0 };
      });
      expect(found).toEqual(SWEPT_NODES.map((n) => ({ n, violations: 0, commits: true })));
    });

    it('f equivocators with the honest halves partitioned (the whole fault model, under asynchrony): no conflict', () => {
      const found = SWEPT_NODES.map((n) => ({ n, violations: violations(run(equivocationUnderPartition(protocol, n, faulty(n)))) }));
      expect(found).toEqual(SWEPT_NODES.map((n) => ({ n, violations: 0 })));
    });

    it('the same attack breaks certificates of 2f + 1 exactly where n ≠ 3f + 1', () => {
      const found = SWEPT_NODES.map((n) => ({ n, conflicts: violations(run(equivocationUnderPartition(protocol, n, faulty(n)), withTwoFPlusOneQuorum)) > 0 }));
      expect(found).toEqual(SWEPT_NODES.map((n) => ({ n, conflicts: n !== 3 * faulty(n) + 1 })));
    });

    it('2q − n equivocators (f + 1, or f + 2 where two quorums share f + 2 replicas): the safety checker reports conflicts', () => {
      const found = SWEPT_NODES.map((n) => {
        const out = run(equivocationUnderPartition(protocol, n, overlapOfTwoQuorums(n)));
        return { n, conflicts: violations(out) > 0, checkFailed: out.checks.find((c) => c.name === 'safety')?.passed === false };
      });
      expect(found).toEqual(SWEPT_NODES.map((n) => ({ n, conflicts: true, checkFailed: true })));
    });

    it('f + 1 equivocators cannot conflict where two quorums share f + 2 replicas (n = 5, 8, 11)', () => {
      const oddSizes = SWEPT_NODES.filter((n) => overlapOfTwoQuorums(n) === faulty(n) + 2);
      expect(oddSizes).toEqual([5, 8, 11]);
      const found = oddSizes.map((n) => ({ n, violations: violations(run(equivocationUnderPartition(protocol, n, faulty(n) + 1))) }));
      expect(found).toEqual(oddSizes.map((n) => ({ n, violations: 0 })));
    });
  });
}
