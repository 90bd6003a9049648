/**
 * A replica's mempool, wired to its actor: the pool reads the simulated time for its transactions'
 * lifetime, and each transaction it drops as expired becomes a `mempool-drop` event with reason
 * 'expired' (the metric mempool.expired_txs).
 */
import type { ActorContext } from '../../sim/index.ts';
import type { MempoolDropEvent } from '../ledger/events.ts';
import { Mempool, type MempoolOptions } from '../ledger/mempool.ts';

export function replicaMempool(options: MempoolOptions, ctx: ActorContext<unknown>): Mempool {
  return new Mempool(options, {
    nowUs: () => ctx.nowUs,
    expired: (tx) => {
      const drop: MempoolDropEvent = { kind: 'mempool-drop', reason: 'expired', txId: tx.id };
      ctx.emit(drop);
    },
  });
}
