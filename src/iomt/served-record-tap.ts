/**
 * The ground truth of which records left a record store, taken on its host's network interface
 * rather than from the store's own code: the world wraps each store host (the honest store, or an
 * attack's proxy around it) in this tap, which reports every reply carrying a record that the host
 * hands to the network ('iomt-record-served'), whatever code path sent it. A store that lets a
 * record out around its permit check and its own bookkeeping (a read cache, an insider with its
 * access) is judged on what it sent, so audit completeness and consent enforcement
 * (served-reads.ts) and the altered records served (altered-reads.ts) do not depend on the system
 * under test reporting itself.
 *
 * What the report says comes from messages on the wire. The read a reply answers is the one its
 * reader sent with the reply's token (the request and requester it named; a reply that answers no
 * read names neither); the device is the one the record names, and its patient the one the world
 * enrolled it for. Whether the record was altered since it was written is the simulation's ground
 * truth: its bytes are ones an attack's alteration left (altered-records.ts), whatever the store's
 * code says of it. Not a proof check: checked with the readers' own Merkle verification, a
 * verification that accepted anything would hide every altered record from the measure scoring it
 * (attack.tampered_reads_passed).
 *
 * Each record the host sends gets the next serial; an actor on the host that labels the records it
 * lets out (an attack's insider) names them by the serial the tap gives them (nextServedSerial),
 * `<store host>:<serial>` (served-reads.ts).
 */
import { forwardingContext, type Actor, type ActorContext, type ActorFactory, type HostId, type TimerTag } from '../../sim/index.ts';
import type { AlteredRecords } from './altered-records.ts';
import { emitIomt } from './events.ts';
import type { GetLatest, GetReply } from './messages.ts';
import { recordDevice } from './reading.ts';

/** The record a message carries, if it is a store's reply with one. */
export function recordIn(msg: unknown): NonNullable<GetReply['found']> | undefined {
  const m = msg as Partial<GetReply>;
  return m.kind === 'get-reply' ? m.found : undefined;
}

const NEXT_SERIAL = Symbol('next served-record serial');

/** The context a tapped host's actor gets: its host's, and the serial of the next record the host sends. */
type TappedContext = ActorContext<unknown> & { readonly [NEXT_SERIAL]?: () => number };

/** The serial the tap of `ctx`'s host gives the next record the host sends; `ctx` is the one the tap built its actor with. */
export function nextServedSerial(ctx: ActorContext<unknown>): number {
  const next = (ctx as TappedContext)[NEXT_SERIAL];
  if (next === undefined) throw new Error("served-record tap: the context is not a tapped store host's");
  return next();
}

export class ServedRecordTap implements Actor<unknown> {
  private readonly inner: Actor<unknown>;
  /** Reads the host received and has not answered, by reader host and token. */
  private readonly unanswered = new Map<string, GetLatest>();
  /** Records the host sent (the serial of the next one). */
  private served = 0;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    factory: ActorFactory<unknown>,
    /** Pseudonym of the patient of each device (indexed by device number). */
    private readonly patientOfDevice: readonly string[],
    /** The records attacks altered (ground truth). */
    private readonly alterations: AlteredRecords,
  ) {
    const tapped: TappedContext = Object.assign(forwardingContext(ctx, { send: (to, msg, sizeBytes) => this.send(to, msg, sizeBytes) }), { [NEXT_SERIAL]: () => this.served });
    this.inner = factory(tapped);
  }

  onStart(): void {
    this.inner.onStart?.();
  }

  onRecover(): void {
    // A crash lost the reads the host held: it never answers them, so they are not kept.
    this.unanswered.clear();
    this.inner.onRecover?.();
  }

  onTimer(tag: TimerTag): void {
    this.inner.onTimer(tag);
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as GetLatest;
    if (m.kind === 'get') this.unanswered.set(`${from}:${m.token}`, m);
    this.inner.onMessage(from, msg);
  }

  private send(to: HostId, msg: unknown, sizeBytes: number): void {
    this.ctx.send(to, msg, sizeBytes);
    if ((msg as { kind?: unknown }).kind !== 'get-reply') return;
    const key = `${to}:${(msg as GetReply).token}`;
    const read = this.unanswered.get(key);
    this.unanswered.delete(key);
    const found = recordIn(msg);
    if (found === undefined) return;
    const device = recordDevice(found.record, 0);
    emitIomt(this.ctx, {
      kind: 'iomt-record-served',
      store: this.ctx.self,
      serial: this.served++,
      request: read?.request ?? '',
      requester: read?.requester ?? '',
      device,
      patient: this.patientOfDevice[device] ?? '',
      altered: this.alterations.has(found.record),
    });
  }
}
