/**
 * PBFT checkpoints, log garbage collection and state transfer (Castro & Liskov, OSDI 1999, §4.3).
 */
import type { HostId } from '../../../sim/index.ts';
import { verifyBlock } from '../../ledger/block.ts';
import type { Block } from '../../ledger/types.ts';
import { checkpointTerm, checkpointTermOf, DIGEST_BYTES, PBFT_HEADER_BYTES, type Checkpoint } from './messages.ts';
import type { FetchReply, FetchRequest } from './state-transfer.ts';
import { NormalCase } from './normal-case.ts';

/** Most batches in one state-transfer reply; a replica further behind fetches again. */
const FETCH_BATCHES_MAX = 256;

export abstract class Checkpoints extends NormalCase {
  // ---- §4.3: checkpoints and garbage collection ----

  protected override sendCheckpoint(seq: number): void {
    const stateDigest = this.verifier.digest(`${this.lastBlockHash}|${this.app.stateDigest()}`);
    const m: Checkpoint = Object.freeze({ kind: 'pbft-checkpoint', seq, stateDigest, replica: this.index, sig: this.sign(checkpointTerm(seq, stateDigest, this.index)) });
    this.multicast(m, this.checkpointBytes());
    this.recordCheckpoint(m);
  }

  /**
   * Multicast again this replica's CHECKPOINTs that are not yet stable. PBFT retransmits every
   * message until it is delivered (§5); a checkpoint lost to all but a few replicas otherwise never
   * becomes stable, the log window stays full at the high water mark, and no primary can order
   * anything in any later view. Called when this replica suspects a stall (a view change starts).
   */
  protected resendUnstableCheckpoints(): void {
    for (const [seq, list] of this.checkpoints) {
      const mine = list[this.index];
      if (seq > this.stableSeq && mine !== undefined) this.multicast(mine, this.checkpointBytes());
    }
  }

  protected checkpointBytes(): number {
    return PBFT_HEADER_BYTES + 2 * DIGEST_BYTES + this.authBytes;
  }

  protected onCheckpoint(from: HostId, m: Checkpoint): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || m.seq <= this.stableSeq) return;
    this.cpu.charge(this.verifyCost());
    if (!this.verifier.verifyMessage(m, m.sig, from, checkpointTermOf)) return;
    this.recordCheckpoint(m);
  }

  protected recordCheckpoint(m: Checkpoint): void {
    let list = this.checkpoints.get(m.seq);
    if (list === undefined) {
      list = new Array<Checkpoint | undefined>(this.n);
      this.checkpoints.set(m.seq, list);
    }
    list[m.replica] = m;
    const matching = list.filter((c): c is Checkpoint => c !== undefined && c.stateDigest === m.stateDigest);
    // A checkpoint with a proof of q matching messages is stable (§4.3).
    if (matching.length >= this.q && m.seq > this.stableSeq) {
      this.stableSeq = m.seq;
      this.stableProof = matching;
      for (const s of [...this.checkpoints.keys()]) if (s <= m.seq) this.checkpoints.delete(s);
      this.advanceLowWater();
      this.maybeFetch();
    }
  }

  /** Discard log entries at or below the stable checkpoint once this replica has executed it. */
  protected override advanceLowWater(): void {
    if (this.stableSeq <= this.lowWater || this.lastExecuted < this.stableSeq) return;
    this.lowWater = this.stableSeq;
    for (const [seq, slot] of this.slots) if (seq <= this.lowWater) this.dropSlot(seq, slot);
    this.executedBlocks.deleteThrough(this.lowWater - this.params.stateTransferWindow);
    this.replayDeferred();
    this.maybePropose();
  }

  // ---- §4.3: state transfer for a replica behind the stable checkpoint ----

  protected maybeFetch(): void {
    if (this.stableSeq <= this.lastExecuted || this.ctx.nowUs - this.lastFetchUs < this.params.viewChangeTimeout) return;
    this.lastFetchUs = this.ctx.nowUs;
    const req: FetchRequest = { kind: 'pbft-fetch', fromSeq: this.lastExecuted + 1, toSeq: this.stableSeq, replica: this.index };
    this.multicast(req, PBFT_HEADER_BYTES + 8 + this.authBytes);
  }

  protected onFetch(from: HostId, m: FetchRequest): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i) return;
    this.cpu.charge(this.verifyCost());
    const blocks: Block[] = [];
    let size = PBFT_HEADER_BYTES + this.authBytes;
    const last = Math.min(m.toSeq, this.lastExecuted, m.fromSeq + FETCH_BATCHES_MAX - 1);
    for (let s = m.fromSeq; s <= last; s++) {
      const b = this.executedBlocks.get(s);
      if (b === undefined) continue;
      blocks.push(b);
      size += b.sizeBytes;
    }
    if (blocks.length === 0) return;
    this.cpu.charge(this.sendCost(1));
    const reply: FetchReply = { kind: 'pbft-blocks', blocks, replica: this.index };
    this.ctx.send(from, reply, size);
  }

  protected onBlocks(from: HostId, m: FetchReply): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i) return;
    this.cpu.charge(this.verifyCost());
    for (const b of m.blocks) {
      if (b.height <= this.lastExecuted) continue;
      this.cpu.charge(this.blockHashCost(b));
      if (verifyBlock(b)) this.fetched.offer(i, b);
    }
    const before = this.lastExecuted;
    this.executeReady();
    // Progress, but still behind the stable checkpoint: ask for the next stretch right away.
    if (this.lastExecuted > before && this.stableSeq > this.lastExecuted) {
      this.lastFetchUs = -Infinity;
      this.maybeFetch();
    }
  }
}
