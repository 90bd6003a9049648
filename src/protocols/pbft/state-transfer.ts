/**
 * State transfer for a replica that fell behind a stable checkpoint (Castro & Liskov 1999, §4.3:
 * "a replica ... may need to obtain missing state from other replicas"). The lagging replica asks
 * the checkpoint's signers for the committed batches it lacks and executes a batch once f + 1
 * distinct replicas sent the same one, so at least one of them is non-faulty.
 */
import type { Block } from '../../ledger/types.ts';

/** <FETCH, from, to, i>: committed batches with sequence numbers in [fromSeq, toSeq], please. */
export interface FetchRequest {
  readonly kind: 'pbft-fetch';
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly replica: number;
}

/** The committed batches a replica holds in the requested range, in order. */
export interface FetchReply {
  readonly kind: 'pbft-blocks';
  readonly blocks: readonly Block[];
  readonly replica: number;
}

/** Batches offered by other replicas, by sequence number, until f + 1 agree on one. */
export class FetchedBatches {
  private readonly offers = new Map<number, { block: Block; voters: Set<number> }[]>();

  constructor(private readonly needed: number) {}

  offer(replica: number, block: Block): void {
    let list = this.offers.get(block.height);
    if (list === undefined) {
      list = [];
      this.offers.set(block.height, list);
    }
    let entry = list.find((e) => e.block.hash === block.hash);
    if (entry === undefined) {
      entry = { block, voters: new Set() };
      list.push(entry);
    }
    entry.voters.add(replica);
  }

  /** The batch at `seq` that f + 1 replicas vouch for, if any. */
  certified(seq: number): Block | undefined {
    const list = this.offers.get(seq);
    if (list === undefined) return undefined;
    for (const e of list) if (e.voters.size >= this.needed) return e.block;
    return undefined;
  }

  /** Forget offers at or below `seq` (executed already). */
  dropThrough(seq: number): void {
    for (const s of [...this.offers.keys()]) if (s <= seq) this.offers.delete(s);
  }

  get size(): number {
    return this.offers.size;
  }
}
