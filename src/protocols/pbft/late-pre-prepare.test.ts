/**
 * A backup judges a pre-prepare's block time where it receives it (block-time.ts), so one cut off
 * for longer than the message-delay bound refuses the pre-prepares a STATUS brings it late. It
 * accepts one all the same once q − 1 backups prepared it (normal-case.ts, acceptPrepared);
 * otherwise it could not commit what the others committed while it was away.
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';

const S = 1_000_000;

describe('a PBFT backup cut off for longer than the block-time bound', () => {
  it('accepts the pre-prepares it missed, stamped 20 s before they reach it, once q − 1 backups prepared them, and commits them (n = 4)', () => {
    // Replica 3 hears nothing and is not heard from 0.5 s to 21 s; the others commit without it.
    const cluster = new TestCluster({
      module: pbft, n: 4, latencyUs: { kind: 'fixed', value: 1_000 },
      dropWhen: (from, to) => (from === 3 || to === 3) && cluster.engine.nowUs > 500_000 && cluster.engine.nowUs < 21 * S,
    });
    cluster.submitAt(1 * S, [0, 1, 2]);
    cluster.submitAt(22 * S, [0, 1, 2, 3]);
    cluster.run(30 * S);
    expect(cluster.committedTxIds(0)).toHaveLength(2);
    expect(cluster.committedTxIds(3)).toEqual(cluster.committedTxIds(0));
    expect(cluster.conflicts()).toEqual([]);
  });
});
