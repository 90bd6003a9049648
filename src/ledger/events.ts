/** Model events about the ledger that any protocol emits, for metrics and checkers. */
import type { ModelEvent } from '../../sim/index.ts';

/** A proposer's mempool occupancy, sampled when it cuts a batch or block (just before taking). */
export interface MempoolEvent extends ModelEvent {
  readonly kind: 'mempool';
  readonly sizeTxs: number;
  readonly sizeBytes: number;
}

/**
 * A mempool rejected a transaction for lack of space, or dropped one that outlived its lifetime
 * (duplicates are not reported: retransmissions are normal).
 */
export interface MempoolDropEvent extends ModelEvent {
  readonly kind: 'mempool-drop';
  readonly reason: 'fullTxs' | 'fullBytes' | 'expired';
  readonly txId: number;
}
