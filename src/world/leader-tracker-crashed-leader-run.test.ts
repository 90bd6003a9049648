/**
 * The leader tracker, which `crash: leader` and the attacks that follow the leader read, names only
 * a replica that leads: never a crashed replica whose view the others entered after a fault (a
 * HotStuff view entered on a timeout certificate, a PBFT view entered on q VIEW-CHANGEs), which
 * nobody leads (src/protocols/consortium/leader-tracker.ts).
 */
import { describe, expect, it } from 'vitest';
import type { HostId } from '../../sim/index.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

describe('the leader tracker through views whose leader is down', () => {
  // HotStuff at n = 8: views 8k + 2 are entered on the timeout certificate of views 8k + 1, both
  // led by crashed replicas. PBFT at n = 7: view 1, its primary crashed with view 0's, is entered
  // on q VIEW-CHANGEs and given up for view 2.
  it.each([
    { protocol: 'hotstuff', nodes: 8, crashed: [1, 2] },
    { protocol: 'pbft', nodes: 7, crashed: [0, 1] },
  ])('never names a crashed replica ($protocol, n = $nodes)', ({ protocol, nodes, crashed }) => {
    const scenario = consensusScenario({
      duration: '12s',
      warmup: '0s',
      network: { latency: { kind: 'fixed', value: '10ms' } },
      consensus: { protocol, nodes, batchSize: 100, batchTimeout: '200ms' },
      workload: { rateTps: 20, clients: 4 },
      attacks: [{ type: 'crash', start: '2s', replicas: crashed }],
    } as never);
    const named: { leader: HostId; up: boolean }[] = [];
    runConsensusWorld(scenario, 1, {
      setup: (world) => world.onLeaderChange((leader) => named.push({ leader: leader!, up: world.engine.isUp(leader!) })),
    });
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !n.up)).toEqual([]);
  });
});
