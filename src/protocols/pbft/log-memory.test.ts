/**
 * What a replica's log keeps in memory (Castro & Liskov, OSDI 1999, §4.3): the executed batches of
 * the state-transfer window below the low water mark, one array slot per height, and the slots of
 * the log between the water marks, whose objects the next sequence numbers reuse once a stable
 * checkpoint discards them.
 */
import { describe, expect, it } from 'vitest';
import type { SequenceWindow } from '../../ledger/sequence-window.ts';
import type { Block } from '../../ledger/types.ts';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';
import type { Slot } from './slot.ts';

interface LogView {
  readonly lowWater: number;
  readonly lastExecuted: number;
  readonly executedBlocks: SequenceWindow<Block>;
  readonly slots: Map<number, Slot>;
}

/** Four replicas, one batch per request, a checkpoint every 4 batches, a log of 8 and a state-transfer window of 16. */
function cluster(): TestCluster {
  return new TestCluster({
    module: pbft, n: 4, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: 1,
    params: { checkpointInterval: 4, logWindow: 8, stateTransferWindow: 16 },
  });
}

describe('a PBFT replica log in memory', () => {
  it('keeps the executed batches of its state-transfer window, one array slot per height', () => {
    const c = cluster();
    for (let k = 0; k < 100; k++) c.submitAt(k * 20_000, [0, 1, 2, 3]);
    c.run(5_000_000);
    const log = c.replicas[1] as unknown as LogView;
    expect(log.lastExecuted).toBe(100);
    expect(log.lowWater).toBe(100);
    for (let h = 1; h <= 100; h++) expect(log.executedBlocks.get(h)?.height).toBe(h > 100 - 16 ? h : undefined);
    // 16 heights held, in 32 array slots: the ring doubled once, when batches executed above the low water mark joined the 16 below it.
    expect(log.executedBlocks.capacity).toBe(32);
  });

  it('reuses the slots that stable checkpoints discard', () => {
    const c = cluster();
    for (let k = 0; k < 100; k++) c.submitAt(k * 20_000, [0, 1, 2, 3]);
    const seen = new Set<Slot>();
    for (let t = 1_000; t <= 5_000_000; t += 1_000) {
      c.run(t);
      for (const slot of (c.replicas[1] as unknown as LogView).slots.values()) seen.add(slot);
    }
    expect(c.committedTxIds(1).length).toBe(100);
    // 100 sequence numbers went through the log, never more than 8 of them at once.
    expect(seen.size).toBeLessThanOrEqual(8);
  });
});
