/**
 * Transactions by id, for a holder that keeps every submitted transaction until it can no longer
 * matter (the validity checker keeps each until every honest replica has committed past it). Ids
 * are sender · 2^26 + sequence (types.ts) and each sender numbers its transactions 0, 1, 2, ...;
 * such runs go to one sequence window per sender, a few bytes each, and any other id (a sender
 * starting elsewhere or skipping numbers) to a plain map. A window whose oldest transaction stays
 * while many after it leave (a request lost for good) would grow with everything its sender
 * submits after it, so once its span exceeds four times what it holds, its oldest transactions
 * move to the map.
 */
import { SequenceWindow } from './sequence-window.ts';
import { txId, txSender, txSeq, type Transaction } from './types.ts';

/** Spans below this are never compacted: small windows cost little whatever their shape. */
const SPAN_FLOOR = 4096;

export class TransactionTable {
  private readonly windows = new Map<number, SequenceWindow<Transaction>>();
  private readonly others = new Map<number, Transaction>();

  get size(): number {
    let n = this.others.size;
    for (const window of this.windows.values()) n += window.size;
    return n;
  }

  /** Window slots plus map entries in use: what the table costs, within a constant factor. */
  get slotsInUse(): number {
    let slots = this.others.size;
    for (const window of this.windows.values()) slots += window.span;
    return slots;
  }

  set(tx: Transaction): void {
    this.delete(tx.id);
    const sender = txSender(tx.id);
    const seq = txSeq(tx.id);
    let window = this.windows.get(sender);
    if (window === undefined && seq === 0 && tx.id >= 0) {
      window = new SequenceWindow<Transaction>();
      this.windows.set(sender, window);
    }
    if (window === undefined || seq !== window.nextSeq) {
      this.others.set(tx.id, tx);
      return;
    }
    window.push(seq, tx);
    while (window.span > SPAN_FLOOR && window.span > 4 * window.size) {
      const oldest = window.oldestSeq;
      this.others.set(txId(sender, oldest), window.get(oldest)!);
      window.delete(oldest);
    }
  }

  get(id: number): Transaction | undefined {
    return this.windows.get(txSender(id))?.get(txSeq(id)) ?? this.others.get(id);
  }

  delete(id: number): void {
    this.windows.get(txSender(id))?.delete(txSeq(id));
    this.others.delete(id);
  }
}
