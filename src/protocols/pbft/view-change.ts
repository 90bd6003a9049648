/**
 * The deterministic parts of PBFT's view change (Castro & Liskov 1999, §4.4): checking a
 * VIEW-CHANGE message's proofs, and computing the NEW-VIEW's set O of pre-prepares from the set V of
 * view-change messages. The new primary computes O; every backup recomputes it from V and rejects
 * a NEW-VIEW whose O differs.
 */
import { buildBlock } from '../../ledger/block.ts';
import type { Verifier } from '../../ledger/crypto.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { Block } from '../../ledger/types.ts';
import type { HostId } from '../../../sim/index.ts';
import { checkpointTerm, prePrepareTerm, prepareTerm, viewChangeTerm, type ViewChange } from './messages.ts';

export interface Quorums {
  readonly n: number;
  readonly f: number;
  /** Matching messages that make a certificate: the fault model's quorum ⌈(n + f + 1)/2⌉ (2f + 1 at n = 3f + 1). */
  readonly q: number;
  readonly hosts: readonly HostId[];
  readonly logWindow: number;
}

export interface OrderedBatch {
  readonly seq: number;
  readonly digest: string;
  readonly block: Block;
}

/** Number of signatures a VIEW-CHANGE carries (for charging verification time). */
export function viewChangeSignatures(m: ViewChange): number {
  let s = 1 + m.checkpointProof.length;
  for (const p of m.prepared) s += 1 + p.prepares.length;
  return s;
}

/**
 * True when `m` is well formed and every proof in it holds: C has q matching signed checkpoints
 * for its stable sequence number (§4.3), and each Pm has a pre-prepare signed by the primary of
 * its view plus q − 1 matching prepares from distinct backups (§4.4).
 */
export function validViewChange(m: ViewChange, sender: number, qs: Quorums, v: Verifier): boolean {
  const { hosts, q, n } = qs;
  if (m.replica !== sender) return false;
  if (!v.verify(m.sig, hosts[sender]!, v.digest(viewChangeTerm(m)))) return false;
  if (m.stableSeq > 0) {
    const seen = new Set<number>();
    const d = m.checkpointProof[0]?.stateDigest;
    for (const c of m.checkpointProof) {
      if (c.seq !== m.stableSeq || c.stateDigest !== d || seen.has(c.replica) || c.replica < 0 || c.replica >= n) return false;
      if (!v.verify(c.sig, hosts[c.replica]!, v.digest(checkpointTerm(c.seq, c.stateDigest, c.replica)))) return false;
      seen.add(c.replica);
    }
    if (seen.size < q) return false;
  }
  for (const p of m.prepared) {
    const pp = p.prePrepare;
    if (pp.view >= m.newView || pp.seq <= m.stableSeq || pp.seq > m.stableSeq + qs.logWindow) return false;
    const primary = pp.view % n;
    if (pp.replica !== primary || pp.block.hash !== pp.digest || pp.block.height !== pp.seq) return false;
    if (!v.verify(pp.sig, hosts[primary]!, v.digest(prePrepareTerm(pp.view, pp.seq, pp.digest)))) return false;
    const seen = new Set<number>();
    for (const x of p.prepares) {
      if (x.view !== pp.view || x.seq !== pp.seq || x.digest !== pp.digest || x.replica === primary || seen.has(x.replica)) return false;
      if (x.replica < 0 || x.replica >= n) return false;
      if (!v.verify(x.sig, hosts[x.replica]!, v.digest(prepareTerm(x.view, x.seq, x.digest, x.replica)))) return false;
      seen.add(x.replica);
    }
    if (seen.size < q - 1) return false;
  }
  return true;
}

/** A batch with no requests, ordered where no replica in V prepared anything (§4.4 "null request"). */
export function nullBlock(seq: number, proposer: HostId): Block {
  return buildBlock({ parentHash: ZERO_HASH, height: seq, proposer, timestampUs: NULL_BLOCK_STAMP_US, txs: [] });
}

/** A null batch carries no time of its own: nobody proposed it at any time. */
const NULL_BLOCK_STAMP_US = 0;

/** Whether `block` is a null batch (`nullBlock`); a primary never proposes an empty batch. */
export function isNullBlock(block: Block): boolean {
  return block.txs.length === 0 && block.timestampUs === NULL_BLOCK_STAMP_US;
}

/** The latest stamped batch a replica executed: its sequence number and stamp. */
export interface ExecutedStamp {
  readonly seq: number;
  readonly timestampUs: number;
}

/**
 * The stamp a batch at `seq` must not precede: that of the latest batch before it that carries one,
 * found by `blockAt`. Null batches are stepped over: taken as the floor, a view change that orders
 * one would reset it to 0 and let the next primary stamp earlier than the batches already ordered
 * (block-time.ts). Where the replica no longer holds a batch (a checkpoint discarded it, and
 * `stateTransferWindow` keeps none), the latest stamped batch it executed before `seq` sets the
 * floor (`executed`): the chain's stamps never go down, so none after it may precede it either.
 * Undefined where nothing before `seq` is known.
 */
export function stampFloorUs(seq: number, blockAt: (seq: number) => Block | undefined, executed?: ExecutedStamp): number | undefined {
  for (let s = seq - 1; s >= 1; s--) {
    const block = blockAt(s);
    if (block === undefined) return executed !== undefined && executed.seq < seq ? executed.timestampUs : undefined;
    if (!isNullBlock(block)) return block.timestampUs;
  }
  return undefined;
}

/**
 * O from V (§4.4): min-s is the latest stable checkpoint in V, max-s the highest prepared sequence
 * number; each sequence number between them gets the batch prepared in the highest view, or a null
 * batch. Deterministic in V.
 */
export function computeNewViewOrder(V: readonly ViewChange[], newPrimaryHost: HostId): { minS: number; maxS: number; order: OrderedBatch[] } {
  let minS = 0;
  let maxS = 0;
  for (const m of V) {
    if (m.stableSeq > minS) minS = m.stableSeq;
    for (const p of m.prepared) if (p.prePrepare.seq > maxS) maxS = p.prePrepare.seq;
  }
  if (maxS < minS) maxS = minS;
  const order: OrderedBatch[] = [];
  for (let seq = minS + 1; seq <= maxS; seq++) {
    let bestView = -1;
    let best: Block | undefined;
    for (const m of V) {
      for (const p of m.prepared) {
        if (p.prePrepare.seq === seq && p.prePrepare.view > bestView) {
          bestView = p.prePrepare.view;
          best = p.prePrepare.block;
        }
      }
    }
    const block = best ?? nullBlock(seq, newPrimaryHost);
    order.push({ seq, digest: block.hash, block });
  }
  return { minS, maxS, order };
}
