/**
 * The attacks that follow the leader move with it in every protocol that claims them: where the
 * leader rotates without a view change (HotStuff's views, Clique's in-turn signers), the tracker
 * follows each replica's announcement that it leads, not only view changes.
 */
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../testing/run.ts';
import { zScenario } from '../../scenario/schema.ts';
import { planAttacks } from '../../attacks/plan.ts';

function leaderDelayRun(protocol: 'pbft' | 'hotstuff' | 'poa') {
  const s = zScenario.parse({
    name: 't', duration: '8s',
    network: { latency: { kind: 'fixed', value: '10ms' } },
    consensus: { protocol, nodes: 4, batchSize: 10, batchTimeout: '50ms', ...(protocol === 'poa' ? { poa: { period: '1s' } } : {}) },
    workload: { rateTps: 50, clients: 2 },
    attacks: [{ type: 'leader-delay', start: '2s', end: '6s', delay: '20ms' }],
  });
  return runConsensusWorld(s, 1, { faults: planAttacks(s.attacks, { replicas: 4, clients: 2 }) });
}

describe('leader-delay follows the leader', () => {
  it("moves with HotStuff's round-robin leader at every view, not only at view changes", () => {
    const r = leaderDelayRun('hotstuff');
    // Views last tens of ms here: four seconds hold many, each led by the next replica.
    expect(r.metrics['consensus.view_changes']!.value).toBe(0);
    expect(r.metrics['attack.labels']!.value).toBeGreaterThan(20);
  });

  it("moves with Clique's in-turn signer at every height", () => {
    const r = leaderDelayRun('poa');
    // One block a second: about four heights in the window, each with its own in-turn signer.
    expect(r.metrics['attack.labels']!.value).toBeGreaterThanOrEqual(3);
  });

  it("stays on PBFT's primary while no view change moves it", () => {
    const r = leaderDelayRun('pbft');
    expect(r.metrics['consensus.view_changes']!.value).toBe(0);
    expect(r.metrics['attack.labels']!.value).toBe(1);
  });
});

describe('leader-dos labels the leaders it floods', () => {
  function leaderDosRun(tick: string, nodes: number) {
    const s = zScenario.parse({
      name: 't', duration: '8s',
      network: { latency: { kind: 'fixed', value: '10ms' } },
      consensus: { protocol: 'hotstuff', nodes, batchSize: 10, batchTimeout: '50ms' },
      workload: { rateTps: 50, clients: 2 },
      attacks: [{ type: 'leader-dos', start: '2s', end: '6s', load: 0.5, tick }],
    });
    return runConsensusWorld(s, 1, { faults: planAttacks(s.attacks, { replicas: nodes, clients: 2 }) });
  }

  // n = 4 is 3f + 1; n = 6 is not (f = 1, quorum 4).
  it.each([4, 6])("labels each HotStuff view's leader when a tick falls in every view (n = %i)", (nodes) => {
    expect(leaderDosRun('10ms', nodes).metrics['attack.labels']!.value).toBeGreaterThan(20);
  });

  it.each([4, 6])('labels only the leaders a tick charged when views are shorter than a tick: at most one a tick (n = %i)', (nodes) => {
    // Ticks at 2, 3, 4 and 5 s: four charges, whatever leaders came and went between them.
    const labels = leaderDosRun('1s', nodes).metrics['attack.labels']!.value;
    expect(labels).toBeGreaterThanOrEqual(1);
    expect(labels).toBeLessThanOrEqual(4);
  });
});
