/**
 * A transaction lifetime (consensus.mempool.ttl) in whole worlds: after a partition that stalls
 * the consortium, the backlog of requests whose clients gave up is dropped instead of committed.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';

/**
 * consortium.yaml (n replicas, 100 tx/s) stalled from 10 to 20 s by a partition into halves, neither
 * holding a quorum; clients give up after 3 s.
 */
function afterPartition(protocol: string, n: number, extra: readonly string[]) {
  const half = Math.floor(n / 2);
  const groups = [Array.from({ length: half }, (_, i) => i), Array.from({ length: n - half }, (_, i) => half + i)];
  const sets = ['duration=30s', `consensus.protocol=${protocol}`, `consensus.nodes=${n}`, 'workload.giveUpAfter=3s', `attacks=[{type: partition, start: 10s, end: 20s, groups: ${JSON.stringify(groups)}}]`, ...extra];
  const { scenario } = loadScenario('scenarios/consortium.yaml', sets);
  const firstCommit = new Set<number>();
  let committedLate = 0;
  const metrics = runConsensusWorld(scenario, 1, {
    observers: [(_h, event, timeUs) => {
      if (event.kind !== 'commit') return;
      for (const tx of (event as unknown as { block: { txs: readonly { id: number; submittedUs: number }[] } }).block.txs) {
        if (firstCommit.has(tx.id)) continue;
        firstCommit.add(tx.id);
        if (timeUs - tx.submittedUs > 4_000_000) committedLate++;
      }
    }],
  }).metrics;
  const value = (name: string) => metrics[name]!.value;
  return { committedLate, expired: value('mempool.expired_txs'), committed: value('consensus.committed_txs'), violations: value('safety.violations') + value('validity.violations') };
}

describe('a transaction lifetime after a partition', () => {
  const cases = ['pbft', 'hotstuff'].flatMap((protocol) => [4, 5, 6, 7, 8, 9, 10].map((n) => [protocol, n] as const));
  it.each(cases)('%s at n = %i: without one the backlog commits seconds late; with a 3 s lifetime it is dropped, and at most a pipeline of proposals made in time commits late', (protocol, n) => {
    const without = afterPartition(protocol, n, []);
    const withTtl = afterPartition(protocol, n, ['consensus.mempool.ttl=3s']);
    expect(without.expired).toBe(0);
    expect(without.committedLate).toBeGreaterThan(100);
    expect(withTtl.expired).toBeGreaterThan(0);
    expect(withTtl.committed).toBeLessThan(without.committed);
    expect(withTtl.committedLate * 10).toBeLessThan(without.committedLate);
    expect([without.violations, withTtl.violations]).toEqual([0, 0]);
  });
});

describe('liveness with a transaction lifetime', () => {
  it.each(['pbft', 'poa'])('%s owes no progress on transactions past their lifetime: a load that stops leaves no stall behind', (protocol) => {
    // Some of the last requests expire uncommitted at 150 ms; nothing waits after them.
    const period = protocol === 'poa' ? ['consensus.poa.period=1s'] : [];
    const sets = [...period, 'duration=50s', `consensus.protocol=${protocol}`, 'consensus.mempool.ttl=150ms', 'workload.stopAfter=15s'];
    const metrics = runConsensusWorld(loadScenario('scenarios/consortium.yaml', sets).scenario, 1).metrics;
    expect(metrics['mempool.expired_txs']!.value).toBeGreaterThan(0);
    expect(metrics['liveness.violations']!.value).toBe(0);
  });
});

describe('attack.max_commit_gap_ms with a transaction lifetime', () => {
  it('owes no commit to transactions past their lifetime: after the load stops, an attack finds nothing waiting', () => {
    // The last requests expire uncommitted at 150 ms; a crash at 30 s then finds no wait to measure.
    const sets = ['duration=50s', 'consensus.protocol=pbft', 'workload.stopAfter=15s', 'consensus.mempool.ttl=150ms', 'attacks=[{type: crash, start: 30s, replicas: [3]}]'];
    const waiting = new Set<number>();
    const metrics = runConsensusWorld(loadScenario('scenarios/consortium.yaml', sets).scenario, 1, {
      observers: [(_h, event) => {
        const e = event as unknown as { tx: { id: number }; block: { txs: readonly { id: number }[] } };
        if (event.kind === 'submit') waiting.add(e.tx.id);
        else if (event.kind === 'commit') for (const tx of e.block.txs) waiting.delete(tx.id);
      }],
    }).metrics;
    // Transactions that never committed: without their lifetime they would wait from the crash to the end.
    expect(waiting.size).toBeGreaterThan(0);
    expect(metrics['attack.max_commit_gap_ms']!.value).toBe(0);
  });
});
