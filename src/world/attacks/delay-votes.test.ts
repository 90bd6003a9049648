/**
 * delay-votes in its documented form (the protocol's own kind names, `kinds: [pbft-prepare,
 * pbft-commit]`) really holds PBFT's votes: with two of four replicas delaying them, every quorum
 * needs a delayed vote, so commits wait for the delay; holding a kind that is no vote changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { planAttacks } from '../../attacks/plan.ts';
import { zScenario } from '../../scenario/schema.ts';
import { runConsensusWorld } from '../testing/run.ts';

const DELAY_MS = 100;

function commitLatencyP50Ms(kinds: readonly string[] | undefined): number {
  const attacks = kinds === undefined ? [] : [{ type: 'delay-votes', replicas: [1, 2], delay: `${DELAY_MS}ms`, kinds }];
  const s = zScenario.parse({
    name: 'delay-votes',
    duration: '4s',
    // Two delaying replicas of four are beyond f = 1; they only slow quorums down.
    allowOutsideFaultModel: true,
    network: { latency: { kind: 'fixed', value: '10ms' } },
    consensus: { protocol: 'pbft', nodes: 4, batchSize: 10, batchTimeout: '50ms' },
    workload: { rateTps: 100, clients: 4 },
    attacks,
  });
  const r = runConsensusWorld(s, 1, attacks.length === 0 ? {} : { faults: planAttacks(s.attacks, { replicas: 4, clients: 4 }) });
  expect(r.metrics['safety.violations']!.value).toBe(0);
  return r.metrics['consensus.commit_latency_ms.p50']!.value;
}

describe('delay-votes against PBFT (n = 4)', () => {
  const honestMs = commitLatencyP50Ms(undefined);

  it('holding pbft-prepare and pbft-commit delays commits by at least the delay', () => {
    expect(commitLatencyP50Ms(['pbft-prepare', 'pbft-commit'])).toBeGreaterThanOrEqual(honestMs + DELAY_MS);
  });

  it('holding a kind that is no vote (pbft-checkpoint) leaves commit latency as it was', () => {
    expect(commitLatencyP50Ms(['pbft-checkpoint'])).toBe(honestMs);
  });
});
