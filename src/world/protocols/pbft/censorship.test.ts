/**
 * A primary that censors one client while the others keep it busy (Castro & Liskov 1999, §4.4):
 * the client rebroadcasts its unanswered requests to every replica (§4.1), each backup times the
 * oldest request it waits for, and the timer expires however many other batches execute
 * meanwhile. The primary is replaced, and the censored requests commit in the new view.
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../../../sim/index.ts';
import { consensusScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import type { CommitEvent, SubmitEvent, ViewChangeEvent } from '../../../protocols/types.ts';

const CENSOR_FROM_US = 1_000_000;
const REQUEST_TIMEOUT_US = 1_000_000;
const VIEW_CHANGE_TIMEOUT_US = 500_000;
/**
 * First censored request (clients submit every 10 ms on average, so within 0.1 s almost surely)
 * + the client's retransmission timeout + the backups' request timer + 0.2 s for the message rounds.
 */
const VIEW_CHANGE_BOUND_US = CENSOR_FROM_US + 100_000 + REQUEST_TIMEOUT_US + VIEW_CHANGE_TIMEOUT_US + 200_000;

const scenario = consensusScenario({
  duration: '6s',
  network: { latency: { kind: 'uniform', min: '2ms', max: '12ms' } },
  consensus: { nodes: 4, batchSize: 5, batchTimeout: '20ms', pbft: { viewChangeTimeout: '500ms' } },
  workload: { clients: 4, rateTps: 400, requestTimeout: '1s', stopAfter: '4s' },
  attacks: [{ type: 'censorship', start: '1s', replicas: [0], clients: [0] }],
});

describe('PBFT request timer (§4.4) against a censoring primary', () => {
  it.each([1, 2, 3])('replaces the primary within the bound and commits every censored request (seed %i)', (seed) => {
    let censoredClient: HostId = -1;
    let censoringPrimary: HostId = -1;
    const submittedUs = new Map<number, number>();
    const committedUs = new Map<number, number>();
    const views: (ViewChangeEvent & { timeUs: number })[] = [];
    let commitsWhileCensored = 0;
    const observer = (host: HostId, e: ModelEvent, timeUs: number) => {
      if (e.kind === 'submit') {
        const tx = (e as SubmitEvent).tx;
        if (tx.sender === censoredClient && timeUs >= CENSOR_FROM_US) submittedUs.set(tx.id, timeUs);
      } else if (e.kind === 'commit' && host !== censoringPrimary) {
        const block = (e as CommitEvent).block;
        if (views.length === 0 && timeUs >= CENSOR_FROM_US) commitsWhileCensored += block.txs.length;
        for (const tx of block.txs) if (!committedUs.has(tx.id)) committedUs.set(tx.id, timeUs);
      } else if (e.kind === 'view-change' && host !== censoringPrimary) {
        views.push({ ...(e as ViewChangeEvent), timeUs });
      }
    };
    const out = runConsensusWorld(scenario, seed, {
      observers: [observer],
      setup: (world) => {
        censoredClient = world.clientHosts[0]!;
        censoringPrimary = world.replicaHosts[0]!;
      },
    });

    expect(out.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
    // Steady load from the other clients kept batches executing while the censored requests waited:
    // the condition under which a timer restarted on every execution never expires.
    expect(commitsWhileCensored).toBeGreaterThan(300);
    expect(views.length).toBeGreaterThan(0);
    const first = views[0]!;
    expect(first.leader).not.toBe(censoringPrimary);
    expect(first.timeUs).toBeLessThanOrEqual(VIEW_CHANGE_BOUND_US);

    expect(submittedUs.size).toBeGreaterThan(200);
    const uncommitted = [...submittedUs.keys()].filter((id) => !committedUs.has(id));
    expect(uncommitted).toEqual([]);
    // Every censored request commits at most a retransmission timeout after the new view (in
    // practice the new primary holds them all already, from the backups' relays).
    for (const [id, at] of submittedUs) {
      expect(committedUs.get(id)!).toBeLessThanOrEqual(Math.max(at, first.timeUs) + REQUEST_TIMEOUT_US + 200_000);
    }
  });
});
