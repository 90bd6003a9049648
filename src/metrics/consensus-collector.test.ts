import { describe, expect, it } from 'vitest';
import type { Block, Transaction } from '../ledger/types.ts';
import type { MempoolDropEvent, MempoolEvent } from '../ledger/events.ts';
import type { CommitEvent, ConfirmedEvent, ElectionEvent, LeadsEvent, SubmitEvent, TimedOutEvent, ViewChangeEvent } from '../protocols/types.ts';
import { ConsensusCollector, type NetworkWindowTotals } from './consensus-collector.ts';

const tx: Transaction = { id: 1, sender: 9, sizeBytes: 1, payloadDigest: '', submittedUs: 0 };
const commit = (hash: string): CommitEvent => ({ kind: 'commit', block: { hash, txs: [tx] } as unknown as Block });
const txAt = (id: number, submittedUs: number): Transaction => ({ id, sender: 9, sizeBytes: 1, payloadDigest: '', submittedUs });
const blockOf = (hash: string, height: number, txs: readonly Transaction[]): CommitEvent => ({ kind: 'commit', block: { hash, height, txs } as unknown as Block });
const submit = (t: Transaction): SubmitEvent => ({ kind: 'submit', tx: t });
const confirmed = (t: Transaction): ConfirmedEvent => ({ kind: 'confirmed', tx: t, height: 1 });
const timedOut = (t: Transaction): TimedOutEvent => ({ kind: 'timed-out', tx: t });
const viewChange = (view: number): ViewChangeEvent => ({ kind: 'view-change', view, leader: view });
const pool = (sizeTxs: number): MempoolEvent => ({ kind: 'mempool', sizeTxs, sizeBytes: 100 * sizeTxs });
const drop = (reason: MempoolDropEvent['reason'], txId: number): MempoolDropEvent => ({ kind: 'mempool-drop', reason, txId });
const noNetwork: NetworkWindowTotals = { messages: 0, bytes: 0, replicaMessages: 0, replicaBytes: 0, replicas: 0, dropped: 0, droppedQueueFull: 0, replicaCoreBusyUs: [] };

describe('ConsensusCollector', () => {
  it('does not count in the window a block first committed before it, when a lagging replica commits it later', () => {
    const c = new ConsensusCollector(1_000_000, 3_000_000, () => true, 1_000_000);
    c.observe(1, commit('a'), 500_000);
    c.observe(0, commit('a'), 2_000_000);
    c.observe(0, commit('b'), 2_500_000);
    expect(c.timeseries().map((r) => r['throughput_tps'])).toEqual([0, 1]);
  });

  it('counts a request a faulty primary ordered twice once, when the replicas did not execute it again', () => {
    const c = new ConsensusCollector(0, 2_000_000, () => true, 1_000_000);
    c.observe(0, commit('a'), 100_000);
    const again: CommitEvent = { ...commit('b'), alreadyExecutedTxIds: [tx.id] };
    c.observe(0, again, 200_000);
    expect(c.timeseries().map((r) => r['throughput_tps'])).toEqual([1, 0]);
  });

  it('counts decisions as blocks first committed by an honest replica in the window, with their transactions per decision', () => {
    // Window [1 s, 3 s); host 2 is faulty.
    const c = new ConsensusCollector(1_000_000, 3_000_000, (h) => h !== 2, 1_000_000);
    c.observe(0, blockOf('early', 1, [txAt(1, 0)]), 500_000);
    c.observe(0, blockOf('a', 2, [txAt(2, 1_000_000), txAt(3, 1_000_000)]), 1_200_000);
    c.observe(1, blockOf('a', 2, [txAt(2, 1_000_000), txAt(3, 1_000_000)]), 1_300_000);
    c.observe(0, blockOf('b', 3, [txAt(4, 1_100_000), txAt(5, 1_100_000), txAt(6, 1_100_000), txAt(7, 1_100_000)]), 2_000_000);
    c.observe(2, blockOf('forged', 4, [txAt(8, 1_100_000)]), 2_100_000);
    const m = c.metrics({ ...noNetwork, messages: 30, bytes: 6_000 });
    expect(m['consensus.decisions_per_sec']!.value).toBe(2 / 2);
    expect(m['consensus.committed_txs']!.value).toBe(6);
    expect(m['consensus.throughput_tps']!.value).toBe(6 / 2);
    expect(m['consensus.txs_per_decision']!.value).toBe(3);
    expect(m['consensus.messages_per_decision']!.value).toBe(15);
    expect(m['consensus.bytes_per_decision']!.value).toBe(3_000);
  });

  it('leaves out of the window [warm-up, end) what happens at the end itself: a periodic submission or block there is the next window\'s', () => {
    // Window [1 s, 3 s): blocks and submissions every 0.5 s from 1 s to 3 s inclusive.
    const c = new ConsensusCollector(1_000_000, 3_000_000, () => true, 1_000_000);
    for (let k = 0; k <= 4; k++) {
      const t = 1_000_000 + k * 500_000;
      c.observe(0, submit(txAt(k, t)), t);
      c.observe(0, blockOf(`b${k}`, k + 1, [txAt(100 + k, t)]), t);
    }
    const m = c.metrics(noNetwork);
    expect(m['consensus.decisions_per_sec']!.value).toBe(2);
    expect(m['consensus.offered_tps']!.value).toBe(2);
    expect(m['consensus.committed_txs']!.value).toBe(4);
  });

  it('gives no per-decision figure without a decision', () => {
    const m = new ConsensusCollector(0, 1_000_000, () => true, 1_000_000).metrics({ ...noNetwork, messages: 5, bytes: 100 });
    expect(m['consensus.decisions_per_sec']!.value).toBe(0);
    expect(m['consensus.txs_per_decision']!.value).toBeNaN();
    expect(m['consensus.messages_per_decision']!.value).toBeNaN();
  });

  it('takes commit latency once per transaction, at its first honest commit, and only for transactions submitted in the window', () => {
    const c = new ConsensusCollector(1_000_000, 5_000_000, () => true, 1_000_000);
    c.observe(0, blockOf('a', 1, [txAt(1, 1_500_000), txAt(2, 900_000)]), 1_600_000);
    c.observe(1, blockOf('a', 1, [txAt(1, 1_500_000), txAt(2, 900_000)]), 1_900_000);
    // The same transaction ordered again in a later block (a validity violation, not a second latency).
    c.observe(0, blockOf('b', 2, [txAt(1, 1_500_000)]), 2_500_000);
    expect(c.commitLatencyMs.count).toBe(1);
    expect(c.metrics(noNetwork)['consensus.commit_latency_ms.mean']!.value).toBe(100);
  });

  it('counts a submission by when it arrived, as its latency is, not by when its busy host got to emit it', () => {
    const c = new ConsensusCollector(1_000_000, 3_000_000, () => true, 1_000_000);
    // Arrived before warm-up, emitted after it: neither offered in the window nor in its latencies.
    c.observe(9, submit(txAt(1, 900_000)), 1_200_000);
    c.observe(9, submit(txAt(2, 2_000_000)), 2_000_000);
    expect(c.metrics(noNetwork)['consensus.offered_tps']!.value).toBe(1 / 2);
    // Arrived before the end, emitted after it: offered in the window.
    c.observe(9, submit(txAt(3, 2_950_000)), 3_100_000);
    expect(c.metrics(noNetwork)['consensus.offered_tps']!.value).toBe(2 / 2);
  });

  it('counts submissions, confirmations and abandonments in the window, and client latency of transactions submitted in it', () => {
    const c = new ConsensusCollector(1_000_000, 3_000_000, () => true, 1_000_000);
    c.observe(9, submit(txAt(1, 500_000)), 500_000);
    c.observe(9, submit(txAt(2, 1_000_000)), 1_000_000);
    c.observe(9, submit(txAt(3, 1_500_000)), 1_500_000);
    c.observe(9, confirmed(txAt(1, 500_000)), 1_100_000);
    c.observe(9, confirmed(txAt(2, 1_000_000)), 1_250_000);
    c.observe(9, timedOut(txAt(3, 1_500_000)), 2_500_000);
    c.observe(9, timedOut(txAt(4, 800_000)), 2_600_000);
    const m = c.metrics(noNetwork);
    expect(m['consensus.offered_tps']!.value).toBe(2 / 2);
    expect(m['consensus.confirmed_txs']!.value).toBe(2);
    expect(m['consensus.timed_out_txs']!.value).toBe(1);
    expect(c.clientLatencyMs.count).toBe(1);
    expect(m['consensus.client_latency_ms.mean']!.value).toBe(250);
  });

  it('counts distinct views entered in the window as view changes', () => {
    const c = new ConsensusCollector(1_000_000, 3_000_000, () => true, 1_000_000);
    c.observe(0, viewChange(1), 500_000);
    c.observe(0, viewChange(2), 1_500_000);
    c.observe(1, viewChange(2), 1_500_100);
    c.observe(1, viewChange(3), 2_000_000);
    expect(c.metrics(noNetwork)['consensus.view_changes']!.value).toBe(2);
  });

  it('counts no view that only a Byzantine replica entered', () => {
    const c = new ConsensusCollector(0, 3_000_000, (host) => host !== 3, 1_000_000);
    c.observe(3, viewChange(1), 500_000);
    c.observe(3, viewChange(2), 900_000);
    c.observe(0, viewChange(2), 1_000_000);
    expect(c.metrics(noNetwork)['consensus.view_changes']!.value).toBe(1);
  });

  const election = (term: number): ElectionEvent => ({ kind: 'election', term });
  const leads = (view: number, leader: number): LeadsEvent => ({ kind: 'leads', view, leader });

  it('counts each Raft term above the first once, however many replicas stand in it and whether or not it elects a leader', () => {
    const c = new ConsensusCollector(0, 3_000_000, () => true, 1_000_000);
    c.observe(0, election(1), 200_000);
    c.observe(0, leads(1, 0), 220_000);
    // Term 2: two candidates split the vote, and nobody leads it.
    c.observe(1, election(2), 900_000);
    c.observe(2, election(2), 900_100);
    c.observe(2, election(3), 1_200_000);
    c.observe(2, leads(3, 2), 1_220_000);
    expect(c.metrics(noNetwork)['consensus.view_changes']!.value).toBe(2);
  });

  it('counts no term entered before the warm-up, nor one only a Byzantine replica entered', () => {
    const c = new ConsensusCollector(1_000_000, 3_000_000, (host) => host !== 3, 1_000_000);
    c.observe(0, election(2), 500_000);
    c.observe(3, election(3), 1_500_000);
    c.observe(1, election(4), 2_000_000);
    expect(c.metrics(noNetwork)['consensus.view_changes']!.value).toBe(1);
  });

  it('reports per-node traffic of the replicas and the dropped messages as the run counted them', () => {
    const m = new ConsensusCollector(0, 1_000_000, () => true, 1_000_000).metrics({ ...noNetwork, messages: 90, bytes: 9_000, replicaMessages: 80, replicaBytes: 8_000, replicas: 4, dropped: 7, droppedQueueFull: 3 });
    expect(m['network.messages_per_node']!.value).toBe(20);
    expect(m['network.bytes_per_node']!.value).toBe(2_000);
    expect(m['network.dropped_messages']!.value).toBe(7);
    expect(m['network.dropped_queue_full']!.value).toBe(3);
  });

  it('takes mempool occupancy from the reports in the window and counts drops by the limit that refused them', () => {
    const c = new ConsensusCollector(1_000_000, 3_000_000, () => true, 1_000_000);
    c.observe(0, pool(100), 500_000);
    c.observe(0, pool(10), 1_000_000);
    c.observe(0, pool(30), 2_000_000);
    c.observe(0, drop('fullTxs', 1), 500_000);
    c.observe(0, drop('fullTxs', 2), 1_500_000);
    c.observe(0, drop('fullBytes', 3), 1_600_000);
    c.observe(0, drop('fullBytes', 4), 1_700_000);
    const m = c.metrics(noNetwork);
    expect(m['mempool.occupancy_txs.mean']!.value).toBe(20);
    expect(m['mempool.occupancy_txs.max']!.value).toBe(30);
    expect(m['mempool.dropped_full_txs']!.value).toBe(1);
    expect(m['mempool.dropped_full_bytes_txs']!.value).toBe(2);
    expect(m['mempool.dropped_txs']!.value).toBe(3);
  });

  it("leaves a Byzantine replica's pool and its drops out, as every other metric", () => {
    const c = new ConsensusCollector(0, 3_000_000, (h) => h !== 2, 1_000_000);
    c.observe(0, pool(10), 1_000_000);
    c.observe(2, pool(5_000), 1_000_000);
    c.observe(2, drop('fullTxs', 1), 1_500_000);
    c.observe(2, drop('expired', 2), 1_500_000);
    const m = c.metrics(noNetwork);
    expect(m['mempool.occupancy_txs.mean']!.value).toBe(10);
    expect(m['mempool.occupancy_txs.max']!.value).toBe(10);
    expect(c.timeseries().map((r) => r['mempool_txs'])).toEqual([NaN, 10, NaN]);
    expect(m['mempool.dropped_txs']!.value).toBe(0);
    expect(m['mempool.expired_txs']!.value).toBe(0);
  });

  it('reports no occupancy (NaN, not the 0 of an empty pool) where no honest proposer cut a batch in the window', () => {
    const c = new ConsensusCollector(1_000_000, 3_000_000, (h) => h !== 2, 1_000_000);
    c.observe(0, pool(40), 500_000);
    c.observe(2, pool(40), 1_500_000);
    const m = c.metrics(noNetwork);
    expect([m['mempool.occupancy_txs.mean']!.value, m['mempool.occupancy_txs.max']!.value]).toEqual([NaN, NaN]);
  });

  it('averages the pool samples of each time window into the mempool_txs series', () => {
    const c = new ConsensusCollector(0, 3_000_000, () => true, 1_000_000);
    c.observe(0, pool(10), 100_000);
    c.observe(0, pool(30), 900_000);
    c.observe(0, pool(7), 2_500_000);
    expect(c.timeseries().map((r) => r['mempool_txs'])).toEqual([20, NaN, 7]);
  });

  it('leaves out the pool samples and drops at the end of the window and after it', () => {
    // The window is [warm-up, end), as for every event (consensus-collector.ts).
    const c = new ConsensusCollector(0, 2_000_000, () => true, 1_000_000);
    c.observe(0, pool(10), 1_000_000);
    c.observe(0, drop('fullTxs', 1), 1_999_999);
    c.observe(0, pool(500), 2_000_000);
    c.observe(0, drop('fullTxs', 2), 2_000_000);
    c.observe(0, drop('fullBytes', 3), 2_000_000);
    c.observe(0, drop('expired', 4), 2_500_000);
    const m = c.metrics(noNetwork);
    expect(m['mempool.occupancy_txs.max']!.value).toBe(10);
    expect(m['mempool.dropped_txs']!.value).toBe(1);
    expect(m['mempool.dropped_full_bytes_txs']!.value).toBe(0);
    expect(m['mempool.expired_txs']!.value).toBe(0);
  });

  it('reports, while the run goes on, the drop counters the final metrics would have then', () => {
    const c = new ConsensusCollector(0, 2_000_000, () => true, 1_000_000);
    c.observe(0, drop('fullTxs', 1), 100_000);
    c.observe(0, drop('fullBytes', 2), 200_000);
    c.observe(0, drop('fullBytes', 3), 300_000);
    c.observe(0, drop('expired', 4), 400_000);
    c.observe(0, drop('expired', 5), 500_000);
    c.observe(0, drop('expired', 6), 600_000);
    const names = ['mempool.dropped_txs', 'mempool.dropped_full_txs', 'mempool.dropped_full_bytes_txs', 'mempool.expired_txs'];
    const interim = c.interim(Infinity, names);
    const final = c.metrics(noNetwork);
    expect(names.map((n) => [interim[n]!.now, interim[n]!.atLeast])).toEqual([[3, 3], [1, 1], [2, 2], [3, 3]]);
    expect(names.map((n) => final[n]!.value)).toEqual([3, 1, 2, 3]);
  });

  it('counts an expired transaction as expired, not as a drop by a full mempool', () => {
    const c = new ConsensusCollector(1_000_000, 3_000_000, () => true, 1_000_000);
    c.observe(0, drop('expired', 1), 500_000);
    c.observe(0, drop('expired', 2), 1_500_000);
    c.observe(0, drop('fullTxs', 3), 2_000_000);
    const m = c.metrics(noNetwork);
    expect(m['mempool.expired_txs']!.value).toBe(1);
    // dropped_txs counts the refusals of a full mempool (by count or by bytes) only.
    expect(m['mempool.dropped_txs']!.value).toBe(1);
    expect(m['mempool.dropped_full_txs']!.value).toBe(1);
  });

  // Latencies of i² ms for i = 0..100: 101 samples, so Histogram's definition-7 percentile p lands
  // exactly on rank (101 − 1)·p/100 = p (no interpolation), and is (p)² ms; the mean is
  // Σi²/101 = 338350/101 ms, off every percentile; the p99 (9801) is below the max (10000).
  const squares = Array.from({ length: 101 }, (_, i) => i * i);

  it('reports commit latency p50, p95 and p99 as the exact percentiles of the latencies (Hyndman & Fan definition 7)', () => {
    const c = new ConsensusCollector(1_000_000, 30_000_000, () => true, 1_000_000);
    const atUs = 20_000_000;
    c.observe(0, blockOf('a', 1, squares.map((ms, i) => txAt(i, atUs - ms * 1000))), atUs);
    const m = c.metrics(noNetwork);
    expect(m['consensus.commit_latency_ms.p50']!.value).toBe(2500);
    expect(m['consensus.commit_latency_ms.p95']!.value).toBe(9025);
    expect(m['consensus.commit_latency_ms.p99']!.value).toBe(9801);
    expect(m['consensus.commit_latency_ms.mean']!.value).toBeCloseTo(338350 / 101, 9);
  });

  it('reports client latency p50, p95 and p99 as the exact percentiles of the confirmation latencies (Hyndman & Fan definition 7)', () => {
    // Client latencies i²/2 ms (commit latencies differ, so a family reading the other's histogram fails).
    const c = new ConsensusCollector(1_000_000, 30_000_000, () => true, 1_000_000);
    const atUs = 20_000_000;
    c.observe(0, blockOf('a', 1, squares.map((_, i) => txAt(i, atUs - 1000))), atUs);
    squares.forEach((ms, i) => c.observe(9, confirmed(txAt(i, atUs - ms * 500)), atUs));
    const m = c.metrics(noNetwork);
    expect(m['consensus.client_latency_ms.p50']!.value).toBe(1250);
    expect(m['consensus.client_latency_ms.p95']!.value).toBe(4512.5);
    expect(m['consensus.client_latency_ms.p99']!.value).toBe(4900.5);
    expect(m['consensus.client_latency_ms.mean']!.value).toBeCloseTo(338350 / 202, 9);
  });

  it('reports how long the slowest honest replica trailed, in ms, leaving faulty replicas out', () => {
    // Window [1 s, 10 s); replicas 0, 1, 2 honest, 3 faulty (never commits: not counted).
    const c = new ConsensusCollector(1_000_000, 10_000_000, (h) => h !== 3, 1_000_000, [0, 1, 2]);
    for (const h of [0, 1, 2]) c.observe(h, blockOf('a', 1, []), 2_000_000);
    c.observe(0, blockOf('b', 2, []), 3_000_000);
    c.observe(1, blockOf('b', 2, []), 3_250_000);
    c.observe(2, blockOf('b', 2, []), 4_000_000);
    c.observe(0, blockOf('c', 3, []), 6_000_000);
    c.observe(1, blockOf('c', 3, []), 6_100_000);
    // Replica 2 trailed block 2 by 1 s and has lacked block 3 for 4 s at the end.
    expect(c.metrics(noNetwork)['consensus.replica_lag_ms']).toEqual({ unit: 'ms', value: 4000 });
  });

  it('keeps block hashes only above the height every honest replica has committed', () => {
    const c = new ConsensusCollector(0, 10_000_000, () => true, 1_000_000, [0, 1]);
    for (let height = 1; height <= 1_000; height++) for (const h of [0, 1]) c.observe(h, blockOf(`b${height}`, height, []), height * 1_000);
    c.observe(0, blockOf('b1001', 1_001, []), 1_001_000);
    const seen = (c as unknown as { seenBlocks: Map<number, string[]> }).seenBlocks;
    expect([...seen.keys()]).toEqual([1_001]);
  });
});

