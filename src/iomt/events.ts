/**
 * Model events of the IoMT layer (besides detectors' `alarm`). Metrics collectors and the attack
 * layer's scorers observe them; nothing in the model reads them back.
 */
import type { EmitKey, ModelEvent } from '../../sim/index.ts';
import type { ContractOutcome } from '../contracts/index.ts';
import type { RejectReason } from './admission.ts';
import type { PutOutcome } from './messages.ts';

export type IomtEvent =
  | { readonly kind: 'iomt-reading-rejected'; readonly device: number; readonly reason: RejectReason }
  /** A gateway applied a DeviceRegistry revocation its node reported: from now on it refuses the device's key. `device`: its registry name. */
  | { readonly kind: 'iomt-device-revocation-applied'; readonly gateway: number; readonly device: string }
  /** The store acknowledged a batch (`stored` false: refused, for the reason `refused` gives). */
  | ({ readonly kind: 'iomt-batch-durable'; readonly gateway: number; readonly batch: number; readonly trueUs: Float64Array } & PutOutcome)
  /** The anchoring transaction of a batch is confirmed at its gateway. */
  | { readonly kind: 'iomt-batch-anchored'; readonly gateway: number; readonly batch: number; readonly height: number; readonly txBytes: number; readonly trueUs: Float64Array }
  /** A care team received an alert. */
  | { readonly kind: 'iomt-alert-delivered'; readonly path: 'fast' | 'chain'; readonly patient: number; readonly rule: number; readonly device: number; readonly conditionUs: number }
  /**
   * A requester submitted an access request to AccessControl (decided or not by the end). A request
   * is its requester's id `request` (requestKey): AccessControl keys it so, and so must whoever counts it.
   */
  | { readonly kind: 'iomt-access-submitted'; readonly request: string; readonly requester: string; readonly submittedUs: number }
  /** A client's access request was confirmed; the decision is read from its organisation's node. */
  | { readonly kind: 'iomt-access-decided'; readonly request: string; readonly requester: string; readonly role: 'clinician' | 'researcher'; readonly submittedUs: number; readonly decision: string; readonly patient: number }
  /**
   * A client read a record and checked its inclusion proof against the root anchored on chain, as its
   * node answered it; `requestedUs` is when it asked the store for the record. 'not-found' and
   * 'refused' are the store's answers without a record; 'unanswered', a read the client gave up
   * with no answer by its deadline (access-requester.ts).
   */
  | { readonly kind: 'iomt-integrity-check'; readonly request: string; readonly requester: string; readonly requestedUs: number; readonly outcome: 'valid' | 'invalid' | 'unanchored' | 'not-found' | 'refused' | 'unanswered' }
  /**
   * A store's host sent a record to `requester` under `request`, as the read its reply answers named
   * them ('' when that read named none, or the reply answers no read): reported by the host's tap
   * where the reply leaves it, whatever code sent it (served-record-tap.ts), not by the store.
   * `serial` numbers the records that host sent, from 0. Audit completeness and consent enforcement
   * are judged on these (collector.ts), where a violation would show. `altered`: the record is not
   * the one written (altered in the store since, by an attack or a storage fault), as the record
   * sent carries it: ground truth for scoring, which no reader sees.
   */
  | { readonly kind: 'iomt-record-served'; readonly store: number; readonly serial: number; readonly request: string; readonly requester: string; readonly device: number; readonly patient: string; readonly altered: boolean }
  /** A contract call's first execution by a replica (emitted with `emitFirst`, by transaction id: each replica executes it). */
  | { readonly kind: 'iomt-contract-outcome'; readonly outcome: ContractOutcome }
  /**
   * A consent revocation was submitted (a patient portal's, or the consent-misuse attack's patient)
   * as transaction `tx` (its id), which commits as the revocation or as a refused call.
   */
  | { readonly kind: 'iomt-revoke-submitted'; readonly consent: string; readonly tx: number; readonly submittedUs: number };

export type IomtEventKind = IomtEvent['kind'];

/** Emit an IoMT event (typed, so a misspelt field is a compile error). */
export function emitIomt(ctx: { emit(event: ModelEvent): void }, event: IomtEvent): void {
  ctx.emit(event);
}

/** Emit an IoMT event unless one of its kind with this key was emitted before (ActorContext.emitFirst). */
export function emitIomtFirst(ctx: { emitFirst(key: EmitKey, event: ModelEvent): void }, key: EmitKey, event: IomtEvent): void {
  ctx.emitFirst(key, event);
}
