/**
 * An attack whose window opens at or after the run's end never acts, and the run is the one
 * without it: its replica runs honest code and is checked like the others, and no ground truth or
 * outcome is reported for what it never did.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';

const base = (n: number) => ['duration=4s', 'warmup=1s', 'consensus.protocol=pbft', `consensus.nodes=${n}`];

describe('an attack that opens at the end of the run', () => {
  const cases = ['equivocation', 'silence'].flatMap((type) => [4, 5, 6, 7].map((n) => [type, n] as const));
  it.each(cases)('%s of replica 0 at the end, n = %i, gives the run without it, trace hash included', (type, n) => {
    const without = runConsensusWorld(loadScenario('scenarios/consortium.yaml', base(n)).scenario, 3);
    const atEnd = runConsensusWorld(loadScenario('scenarios/consortium.yaml', [...base(n), `attacks=[{type: ${type}, start: 4s, replicas: [0]}]`]).scenario, 3);
    expect(atEnd.traceHash).toBe(without.traceHash);
    expect(atEnd.metrics).toEqual(without.metrics);
    expect(atEnd.metrics['attack.byzantine_replicas']).toBeUndefined();
  });
});
