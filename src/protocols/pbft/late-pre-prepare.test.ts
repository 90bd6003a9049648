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
  it.each([4, 5, 6, 7])('accepts the pre-prepares it missed, stamped 20 s before they reach it, once q − 1 backups prepared them, and commits them (n = %i)', (n) => {
    // The last replica hears nothing and is not heard from 0.5 s to 21 s; the others commit without it.
    const late = n - 1;
    const others = Array.from({ length: n - 1 }, (_, i) => i);
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 },
      dropWhen: (from, to) => (from === late || to === late) && cluster.engine.nowUs > 500_000 && cluster.engine.nowUs < 21 * S,
    });
    cluster.submitAt(1 * S, others);
    cluster.submitAt(22 * S, [...others, late]);
    cluster.run(30 * S);
    expect(cluster.committedTxIds(0)).toHaveLength(2);
    expect(cluster.committedTxIds(late)).toEqual(cluster.committedTxIds(0));
    expect(cluster.conflicts()).toEqual([]);
  });
});
