/**
 * An attack whose window opens at or after the run's end never acts, and the run is the one
 * without it: its replica runs honest code and is checked like the others, and no ground truth or
 * outcome is reported for what it never did.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';

const BASE = ['duration=4s', 'warmup=1s', 'consensus.protocol=pbft', 'consensus.nodes=4'];

describe('an attack that opens at the end of the run', () => {
  it.each(['equivocation', 'silence'])('%s of replica 0 at the end gives the run without it, trace hash included', (type) => {
    const without = runConsensusWorld(loadScenario('scenarios/consortium.yaml', BASE).scenario, 3);
    const atEnd = runConsensusWorld(loadScenario('scenarios/consortium.yaml', [...BASE, `attacks=[{type: ${type}, start: 4s, replicas: [0]}]`]).scenario, 3);
    expect(atEnd.traceHash).toBe(without.traceHash);
    expect(atEnd.metrics).toEqual(without.metrics);
    expect(atEnd.metrics['attack.byzantine_replicas']).toBeUndefined();
  });
});
