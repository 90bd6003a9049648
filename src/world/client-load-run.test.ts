/**
 * The load clients in a whole PBFT world (4 replicas whose signature checks cap them near
 * 2,000 tx/s): a closed loop keeps its bound outstanding and saturates at capacity, an open loop
 * above capacity piles up a backlog, and clients abandon what is not confirmed by their deadline.
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { SubmitEvent, TimedOutEvent, ConfirmedEvent } from '../protocols/types.ts';
import { consensusScenario } from './testing/scenarios.ts';
import { runConsensusWorld } from './testing/run.ts';

const scenario = (workload: Record<string, unknown>, duration = '6s') =>
  consensusScenario({
    duration, warmup: '2s',
    consensus: { nodes: 4, batchSize: 10, batchTimeout: '50ms', cryptoCosts: { signUs: 50, verifyUs: 1000, hashUs: 1, hashPerKiBUs: 1 } },
    workload: { clients: 4, ...workload },
  } as never);

/** The most transactions any one client had outstanding at once (submitted, neither confirmed nor abandoned). */
function outstandingWatcher() {
  const outstanding = new Map<HostId, Set<number>>();
  let most = 0;
  const observe = (host: HostId, e: ModelEvent) => {
    const mine = outstanding.get(host) ?? new Set<number>();
    outstanding.set(host, mine);
    if (e.kind === 'submit') mine.add((e as SubmitEvent).tx.id);
    else if (e.kind === 'confirmed') mine.delete((e as ConfirmedEvent).tx.id);
    else if (e.kind === 'timed-out') mine.delete((e as TimedOutEvent).tx.id);
    most = Math.max(most, mine.size);
  };
  return { observe, most: () => most, now: () => [...outstanding.values()].reduce((a, s) => a + s.size, 0) };
}

describe('closed-loop load', () => {
  it('never has more than outstandingPerClient transactions outstanding at a client, and keeps every one of them in flight', () => {
    const w = outstandingWatcher();
    runConsensusWorld(scenario({ arrival: 'closed', outstandingPerClient: 7 }), 1, { observers: [w.observe] });
    expect(w.most()).toBe(7);
  });

  it('saturates at the capacity an overloaded open loop reaches, with a bounded backlog instead of a growing one', () => {
    const closed = runConsensusWorld(scenario({ arrival: 'closed', outstandingPerClient: 50 }), 1);
    const open = runConsensusWorld(scenario({ rateTps: 4000 }), 1);
    const capacity = open.metrics['consensus.throughput_tps']!.value;
    expect(open.metrics['consensus.offered_tps']!.value).toBeGreaterThan(1.5 * capacity);
    expect(closed.metrics['consensus.throughput_tps']!.value).toBeGreaterThan(0.9 * capacity);
    // The open loop's excess waits in the primary's mempool; the closed loop never has more than 4 × 50 to queue.
    expect(open.metrics['mempool.occupancy_txs.max']!.value).toBeGreaterThan(2_000);
    expect(closed.metrics['mempool.occupancy_txs.max']!.value).toBeLessThanOrEqual(200);
    expect(closed.metrics['consensus.commit_latency_ms.p99']!.value).toBeLessThan(open.metrics['consensus.commit_latency_ms.p99']!.value);
  });
});

describe('consensus.timed_out_txs', () => {
  it('counts the transactions clients abandon unconfirmed at their deadline, and their backlog stays within a deadline of arrivals', () => {
    const w = outstandingWatcher();
    const out = runConsensusWorld(scenario({ rateTps: 4000, giveUpAfter: '1s', requestTimeout: '300ms' }), 1, { observers: [w.observe] });
    expect(out.metrics['consensus.timed_out_txs']!.value).toBeGreaterThan(1_000);
    // 1,000 tx/s per client, given up after 1 s: never much above 1,000 outstanding at one.
    expect(w.most()).toBeLessThan(1_100);
  });

  it('a client that never gives up (the broken variant) counts none, and its backlog grows with the run', () => {
    const w = outstandingWatcher();
    const out = runConsensusWorld(scenario({ rateTps: 4000, giveUpAfter: '1h', requestTimeout: '300ms' }), 1, { observers: [w.observe] });
    expect(out.metrics['consensus.timed_out_txs']!.value).toBe(0);
    expect(w.most()).toBeGreaterThan(2_000);
  });
});
