/**
 * A PoW node's view of submitted transactions: those not yet in its best chain (in arrival order,
 * the order it mines them), which it has seen (so gossip stops), and which client gave it each one
 * (so it can answer once the transaction is k blocks deep). A reorganisation puts the transactions
 * of abandoned blocks back (Bitcoin Core's DisconnectTip returns them to the mempool).
 */
import type { HostId } from '../../../sim/index.ts';
import type { Block, Transaction } from '../../ledger/types.ts';

export class TxPool {
  private readonly pending = new Map<number, Transaction>();
  private readonly seen = new Set<number>();
  private readonly clients = new Map<number, HostId>();

  get size(): number {
    return this.pending.size;
  }

  /** Record a transaction; returns true the first time it is seen (then it should be gossiped). */
  offer(tx: Transaction, client: HostId | undefined): boolean {
    if (client !== undefined) this.clients.set(tx.id, client);
    if (this.seen.has(tx.id)) return false;
    this.seen.add(tx.id);
    this.pending.set(tx.id, tx);
    return true;
  }

  /** Pending transactions, oldest first, up to `maxBytes` in all. */
  select(maxBytes: number): Transaction[] {
    const out: Transaction[] = [];
    let bytes = 0;
    for (const tx of this.pending.values()) {
      if (bytes + tx.sizeBytes > maxBytes) break;
      bytes += tx.sizeBytes;
      out.push(tx);
    }
    return out;
  }

  /** The best chain lost `removed` and gained `added`. */
  onHeadChange(removed: readonly Block[], added: readonly Block[]): void {
    for (const b of removed) for (const tx of b.txs) this.pending.set(tx.id, tx);
    for (const b of added) for (const tx of b.txs) this.pending.delete(tx.id);
  }

  /** The client waiting for `txId` at this node, once (then forgotten). */
  takeClient(txId: number): HostId | undefined {
    const c = this.clients.get(txId);
    if (c !== undefined) this.clients.delete(txId);
    return c;
  }
}
