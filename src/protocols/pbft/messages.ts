/**
 * PBFT's messages (Castro & Liskov, OSDI 1999, §4) and the canonical terms their signatures or MACs
 * cover. A term lists every field the receiver acts on, so a changed field fails verification.
 */
import { MAC_BYTES, SIGNATURE_BYTES, type Signature } from '../../ledger/crypto.ts';
import type { Block } from '../../ledger/types.ts';
import { kindsOf } from '../definition.ts';
import type { ReplyAuthentication } from '../reply.ts';
import type { PbftParams } from './params.ts';
import type { FetchReply, FetchRequest } from './state-transfer.ts';

/** §4.2: <PRE-PREPARE, v, n, d> with the request batch piggybacked (as a block). */
export interface PrePrepare {
  readonly kind: 'pbft-pre-prepare';
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly block: Block;
  readonly replica: number;
  readonly sig: Signature;
}

/** §4.2: <PREPARE, v, n, d, i>. */
export interface Prepare {
  readonly kind: 'pbft-prepare';
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly replica: number;
  readonly sig: Signature;
}

/** §4.2: <COMMIT, v, n, D(m), i>. */
export interface Commit {
  readonly kind: 'pbft-commit';
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly replica: number;
  readonly sig: Signature;
}

/** §4.3: <CHECKPOINT, n, d, i>, d the digest of the state after executing n. */
export interface Checkpoint {
  readonly kind: 'pbft-checkpoint';
  readonly seq: number;
  readonly stateDigest: string;
  readonly replica: number;
  readonly sig: Signature;
}

/** §4.4: Pm, a pre-prepare with 2f matching prepares from distinct backups. */
export interface PreparedProof {
  readonly prePrepare: PrePrepare;
  readonly prepares: readonly Prepare[];
}

/** §4.4: <VIEW-CHANGE, v+1, n, C, P, i>. */
export interface ViewChange {
  readonly kind: 'pbft-view-change';
  readonly newView: number;
  readonly stableSeq: number;
  readonly checkpointProof: readonly Checkpoint[];
  readonly prepared: readonly PreparedProof[];
  readonly replica: number;
  readonly sig: Signature;
}

/** §4.4: <NEW-VIEW, v+1, V, O>. */
export interface NewView {
  readonly kind: 'pbft-new-view';
  readonly view: number;
  readonly viewChanges: readonly ViewChange[];
  readonly prePrepares: readonly PrePrepare[];
  readonly replica: number;
  readonly sig: Signature;
}

/**
 * A replica's report of where it is: <STATUS, v, n, h, PP, P, C, i> with its view, last executed
 * sequence number, stable checkpoint, and which sequence numbers above the last executed it holds
 * the PRE-PREPARE of, has prepared, and has committed locally. Peers send back what the sender
 * lacks: in the same view their COMMITs, PREPAREs and (the primary) PRE-PREPAREs for the numbers
 * it has not prepared or committed, and a CHECKPOINT where it is behind their stable checkpoint;
 * in a later view what moves it there. This is the receiver-based retransmission of PBFT's
 * implementation (status.ts; docs/references.md §2).
 */
export interface Status {
  readonly kind: 'pbft-status';
  readonly view: number;
  readonly lastExecuted: number;
  readonly stableSeq: number;
  /** Sequence numbers above `lastExecuted` for which the sender holds the view's PRE-PREPARE. */
  readonly prePrepared: readonly number[];
  /** Those it has prepared (committed ones included). */
  readonly prepared: readonly number[];
  /** Those it has committed locally. */
  readonly committed: readonly number[];
  readonly replica: number;
  readonly sig: Signature;
}

export type PbftMessage = PrePrepare | Prepare | Commit | Checkpoint | ViewChange | NewView | Status;

/** The normal case, checkpoints and view changes, and state transfer (state-transfer.ts). */
export const PBFT_MESSAGE_KINDS = kindsOf<PbftMessage['kind'] | FetchRequest['kind'] | FetchReply['kind']>({
  'pbft-pre-prepare': true,
  'pbft-prepare': true,
  'pbft-commit': true,
  'pbft-checkpoint': true,
  'pbft-view-change': true,
  'pbft-new-view': true,
  'pbft-status': true,
  'pbft-fetch': true,
  'pbft-blocks': true,
});

export const prePrepareTerm = (view: number, seq: number, digest: string): string => `pp|${view}|${seq}|${digest}`;
export const prepareTerm = (view: number, seq: number, digest: string, replica: number): string => `p|${view}|${seq}|${digest}|${replica}`;
export const commitTerm = (view: number, seq: number, digest: string, replica: number): string => `c|${view}|${seq}|${digest}|${replica}`;
export const checkpointTerm = (seq: number, stateDigest: string, replica: number): string => `ck|${seq}|${stateDigest}|${replica}`;
export const statusTerm = (m: Omit<Status, 'kind' | 'sig'>): string => `st|${m.view}|${m.lastExecuted}|${m.stableSeq}|${m.prePrepared.join(',')}|${m.prepared.join(',')}|${m.committed.join(',')}|${m.replica}`;

/** The same terms read from a message, for `Verifier.verifyMessage`. */
export const prePrepareTermOf = (m: PrePrepare): string => prePrepareTerm(m.view, m.seq, m.digest);
export const prepareTermOf = (m: Prepare): string => prepareTerm(m.view, m.seq, m.digest, m.replica);
export const commitTermOf = (m: Commit): string => commitTerm(m.view, m.seq, m.digest, m.replica);
export const checkpointTermOf = (m: Checkpoint): string => checkpointTerm(m.seq, m.stateDigest, m.replica);
export const statusTermOf = (m: Status): string => statusTerm(m);

export function viewChangeTerm(m: Omit<ViewChange, 'kind' | 'sig'>): string {
  const c = m.checkpointProof.map((k) => `${k.replica}:${k.stateDigest}`).join(',');
  const p = m.prepared.map((e) => `${e.prePrepare.seq}:${e.prePrepare.view}:${e.prePrepare.digest}:${e.prepares.map((x) => x.replica).join('.')}`).join(',');
  return `vc|${m.newView}|${m.stableSeq}|${c}|${p}|${m.replica}`;
}

export function newViewTerm(m: Omit<NewView, 'kind' | 'sig'>): string {
  const v = m.viewChanges.map((x) => x.replica).join(',');
  const o = m.prePrepares.map((x) => `${x.seq}:${x.digest}`).join(',');
  return `nv|${m.view}|${v}|${o}|${m.replica}`;
}

/** Wire sizes in bytes: a fixed header, a digest, and an authenticator or signature. */
export const PBFT_HEADER_BYTES = 48;
export const DIGEST_BYTES = 32;
/** A MAC authenticator carries one MAC per receiver (§5, as in the BFT library). */
export const authenticatorBytes = (n: number): number => MAC_BYTES * n;
/**
 * A STATUS's wire size: header, view, last executed and stable sequence numbers, a pre-prepared, a
 * prepared and a committed bit per sequence number of the log window (bitmaps, as the BFT
 * library's), and its authentication.
 */
export const statusBytes = (logWindow: number, authBytes: number): number => PBFT_HEADER_BYTES + 3 * 8 + Math.ceil((3 * logWindow) / 8) + authBytes;
/** A REPLY's fields without its authentication: header, result digest, and the request's timestamp and client (§4.1). */
export const PBFT_REPLY_BODY_BYTES = PBFT_HEADER_BYTES + DIGEST_BYTES + 16;
/**
 * A reply goes to one client, so it carries one MAC for that client; only multicast messages carry
 * an authenticator of one MAC per receiver (§5). With `pbft.auth: signatures`, a signature.
 */
export const pbftReplyAuthentication = (auth: PbftParams['auth']): ReplyAuthentication => (auth === 'macs' ? 'mac' : 'signature');
/** A signed protocol message carried inside another (a checkpoint, pre-prepare or prepare in a proof). */
export const SIGNED_MESSAGE_BYTES = PBFT_HEADER_BYTES + DIGEST_BYTES + SIGNATURE_BYTES;

/**
 * A VIEW-CHANGE's wire size: its header and signature, the checkpoint proof, and for each prepared
 * request its pre-prepare and prepares (§4.4), `certificateMessages` signed messages in all.
 */
export const viewChangeBytes = (checkpointProofMessages: number, certificateMessages: number): number =>
  PBFT_HEADER_BYTES + SIGNATURE_BYTES + (checkpointProofMessages + certificateMessages) * SIGNED_MESSAGE_BYTES;

/**
 * A NEW-VIEW's wire size: the VIEW-CHANGEs it carries as proof (a header and the signatures of
 * each; the replicas hold their bodies) and the pre-prepares of O (§4.4).
 */
export function newViewBytes(viewChangeSignatureCounts: readonly number[], prePrepares: number): number {
  let size = PBFT_HEADER_BYTES + SIGNATURE_BYTES;
  for (const sigs of viewChangeSignatureCounts) size += PBFT_HEADER_BYTES + SIGNATURE_BYTES * sigs;
  return size + prePrepares * SIGNED_MESSAGE_BYTES;
}
