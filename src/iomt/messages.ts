/** Messages among gateways, the off-chain store, care teams and clients (besides readings and ledger requests). */
import type { MerkleProof, Signature } from '../ledger/index.ts';
import type { ReaderCertificate } from './reader-credential.ts';

/** Gateway → store: a sealed batch, addressed by its Merkle root. */
export interface PutBatch {
  readonly kind: 'put';
  readonly gateway: number;
  readonly batch: number;
  readonly root: string;
  /** Number of records. */
  readonly count: number;
  /** Record bytes, RECORD_BYTES each, end to end in leaf order (the batch's own buffer). */
  readonly records: Uint8Array;
  readonly bytes: number;
}

/**
 * Why a store refused a batch: it had no room for it ('full'), or the batch's stated root, its
 * address and what its gateway anchors, is not the Merkle root of the records it carried
 * ('root-mismatch').
 */
export type PutRefusal = 'full' | 'root-mismatch';

/** What became of a batch at the store: durable, or refused, and why. */
export type PutOutcome = { readonly stored: true } | { readonly stored: false; readonly refused: PutRefusal };

/** Store → gateway: the batch is durable, or refused, and why. */
export type PutAck = { readonly kind: 'put-ack'; readonly batch: number } & PutOutcome;

/**
 * Client → store: the latest record of a device, with its inclusion proof, under the permit of an
 * AccessControl request (its id and the requester it was issued to), signed by that requester
 * (reader-credential.ts); without a permit, or signed by anyone else, the store refuses.
 */
export interface GetLatest {
  readonly kind: 'get';
  readonly device: number;
  readonly token: number;
  readonly request?: string;
  readonly requester?: string;
  /** The requester's certificate: the enrolment authority's binding of its pseudonym to its key. */
  readonly certificate?: ReaderCertificate;
  /** The requester's signature over the read, by the certified key. */
  readonly sig?: Signature;
}

export interface GetReply {
  readonly kind: 'get-reply';
  readonly token: number;
  /** True when the store refused the read: no permit at its node's committed state. */
  readonly denied?: boolean;
  /**
   * Absent when the store holds no record of the device (or refused the read). Whether the record
   * was altered is not the store's to say: the store host's tap judges it from the record's bytes
   * (served-record-tap.ts).
   */
  readonly found?: { readonly gateway: number; readonly batch: number; readonly record: Uint8Array; readonly proof: MerkleProof };
}

/** Gateway → care team: an alert, on the fast path or once recorded on chain. */
export interface AlertNotice {
  readonly kind: 'alert';
  readonly path: 'fast' | 'chain';
  readonly patient: number;
  readonly rule: number;
  readonly device: number;
  /** Reading timestamp at which the condition started (device clock). */
  readonly conditionUs: number;
}

export const NOTICE_BYTES = 64;
