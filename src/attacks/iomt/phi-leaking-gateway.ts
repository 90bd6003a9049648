/**
 * A misconfigured gateway: the honest gateway's batching and admission run unchanged, but the layer
 * that turns its anchoring call into a transaction adds what the gateway knows of the batch's
 * patients, as an integration that "tags anchors for the EHR" would. Modelled as a proxy whose
 * context rewrites the anchoring transaction where the gateway's ledger client hands it on: the
 * `submit` event (what the gateway says it sent), the request on the wire (first sending and every
 * re-sending) and the `confirmed` event all carry the leaking transaction, with its size and payload
 * digest recomputed, so the validity checker sees a gateway that sent what was committed.
 *
 * Leaks (what the chain must not hold, docs/references.md §1: digests, pointers, pseudonyms and
 * permissions only):
 * - `identifier`: `patient` set to `pt_` and the medical record number of the patient whose
 *   reading opens the batch, where a salted pseudonym belongs (the pseudonymisation step skipped);
 *   field and shape pass, only the inspector's look-up of real identifiers can catch it.
 * - `values`: `values`, the batch's reading values in leaf order (a debugging option left on).
 *
 * Ground truth: every anchoring transaction it made leak, and those its gateway saw confirmed
 * (committed, so inspected on chain).
 */
import { forwardingContext, type Actor, type ActorContext, type ActorFactory, type HostId, type ModelEvent, type TimerTag } from '../../../sim/index.ts';
import { canonical, sha256Hex } from '../../contracts/index.ts';
import { TX_ENVELOPE_BYTES } from '../../iomt/ledger-client.ts';
import type { PutBatch } from '../../iomt/messages.ts';
import { decodeRecord, RECORD_BYTES, recordDevice } from '../../iomt/reading.ts';
import type { Transaction } from '../../ledger/index.ts';
import type { ConfirmedEvent, RequestMessage, SubmitEvent } from '../../protocols/types.ts';
import { isActive, type AttackWindow } from '../window.ts';

export const PHI_LEAKS = ['identifier', 'values'] as const;
export type PhiLeak = (typeof PHI_LEAKS)[number];

export interface PhiLeakWindow extends AttackWindow {
  readonly leak: PhiLeak;
}

export interface PhiLeakingGatewayConfig {
  /** When the misconfiguration is in place and what it leaks; the first active window decides. */
  readonly windows: readonly PhiLeakWindow[];
  /** The medical record number of the patient each of the gateway's devices monitors. */
  readonly devices: readonly { readonly device: number; readonly recordNumber: string }[];
}

export class PhiLeakingGateway implements Actor<unknown> {
  private readonly inner: Actor<unknown> & { readonly accepted?: number };
  private readonly recordNumberOf = new Map<number, string>();
  /** The batch the gateway last sent to its store (sealed just before its anchor is submitted). */
  private lastPut: PutBatch | undefined;
  /** Leaking transactions not yet confirmed, by id (re-sendings carry them too). */
  private readonly unconfirmed = new Map<number, Transaction>();
  /** Ids of the anchoring transactions made to leak (ground truth). */
  readonly leakingTxs = new Set<number>();
  /** Ids of the leaking transactions the gateway saw confirmed, so committed. */
  readonly leakingTxsCommitted = new Set<number>();

  constructor(
    private readonly ctx: ActorContext<unknown>,
    factory: ActorFactory<unknown>,
    private readonly config: PhiLeakingGatewayConfig,
  ) {
    for (const d of config.devices) this.recordNumberOf.set(d.device, d.recordNumber);
    this.inner = factory(forwardingContext(ctx, { send: (to, msg, sizeBytes) => this.send(to, msg, sizeBytes), emit: (event) => this.emit(event) })) as Actor<unknown> & { readonly accepted?: number };
  }

  /** The honest gateway's admission count (the tap measures acceptance by it). */
  get accepted(): number | undefined {
    return this.inner.accepted;
  }

  onStart(): void { this.inner.onStart?.(); }
  onRecover(): void { this.inner.onRecover?.(); }
  onTimer(tag: TimerTag): void { this.inner.onTimer(tag); }
  onMessage(from: HostId, msg: unknown): void { this.inner.onMessage(from, msg); }

  private send(to: HostId, msg: unknown, sizeBytes: number): void {
    const kind = (msg as { kind?: unknown }).kind;
    if (kind === 'put') this.lastPut = msg as PutBatch;
    else if (kind === 'request') {
      const leaking = this.unconfirmed.get((msg as RequestMessage).tx.id);
      if (leaking !== undefined) return this.ctx.send(to, { kind: 'request', tx: leaking } satisfies RequestMessage, leaking.sizeBytes);
    }
    this.ctx.send(to, msg, sizeBytes);
  }

  private emit(event: ModelEvent): void {
    if (event.kind === 'submit') {
      const leaking = this.leaking((event as SubmitEvent).tx);
      if (leaking !== undefined) {
        const submitted: SubmitEvent = { kind: 'submit', tx: leaking };
        return this.ctx.emit(submitted);
      }
    } else if (event.kind === 'confirmed') {
      const e = event as ConfirmedEvent;
      const leaking = this.unconfirmed.get(e.tx.id);
      if (leaking !== undefined) {
        this.unconfirmed.delete(e.tx.id);
        this.leakingTxsCommitted.add(leaking.id);
        const confirmed: ConfirmedEvent = { ...e, tx: leaking };
        return this.ctx.emit(confirmed);
      }
    }
    this.ctx.emit(event);
  }

  /** The leaking form of an anchoring transaction while a window is active, else undefined. */
  private leaking(tx: Transaction): Transaction | undefined {
    const call = tx.call;
    if (call === undefined || call.contract !== 'AnchorRegistry' || call.method !== 'anchor') return undefined;
    const put = this.lastPut;
    if (put === undefined || put.batch !== call.args['batch']) return undefined;
    const window = this.config.windows.find((w) => isActive(w, this.ctx.nowUs));
    if (window === undefined) return undefined;
    const leak = window.leak === 'identifier' ? this.identifierOf(put) : { values: valuesOf(put) };
    if (leak === undefined) return undefined;
    const leakingCall = { ...call, args: { ...call.args, ...leak } };
    const body = canonical(leakingCall);
    const leaking: Transaction = { ...tx, sizeBytes: TX_ENVELOPE_BYTES + body.length, payloadDigest: sha256Hex(body), call: leakingCall };
    this.unconfirmed.set(tx.id, leaking);
    this.leakingTxs.add(tx.id);
    return leaking;
  }

  private identifierOf(put: PutBatch): { patient: string } | undefined {
    const mrn = this.recordNumberOf.get(recordDevice(put.records, 0));
    return mrn === undefined ? undefined : { patient: `pt_${mrn.toLowerCase()}` };
  }
}

function valuesOf(put: PutBatch): number[] {
  const values: number[] = [];
  for (let i = 0; i < put.count; i++) values.push(decodeRecord(put.records.subarray(i * RECORD_BYTES, (i + 1) * RECORD_BYTES)).value);
  return values;
}
