import { describe, expect, it } from 'vitest';
import type { Block, Transaction } from '../ledger/types.ts';
import type { CommitEvent } from '../protocols/types.ts';
import { ConsensusCollector } from './consensus-collector.ts';

const tx: Transaction = { id: 1, sender: 9, sizeBytes: 1, payloadDigest: '', submittedUs: 0 };
const commit = (hash: string): CommitEvent => ({ kind: 'commit', block: { hash, txs: [tx] } as unknown as Block });

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
});
