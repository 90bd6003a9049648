/**
 * A proxy around every gateway: it counts labelled readings that reach the gateway, by the
 * gateway's own acceptance counter those the honest admission code accepted, and by the store's
 * acknowledgement of the batch an accepted reading went into those stored, which is how "forged
 * items accepted" is measured without trusting any attack's claim. A gateway attack hands
 * it a behaviour that drops or holds readings before the honest code sees them. Where a security
 * service runs, it forwards the gateway's device alarms to it (the gateway's alarm export to the SOC).
 */
import type { Actor, ActorContext, ActorFactory, EmitKey, HostId, ModelEvent, Rng, TimerId, TimerTag } from '../../../sim/index.ts';
import type { RejectReason } from '../../iomt/admission.ts';
import type { IomtEvent } from '../../iomt/events.ts';
import type { MessageCounts, MessageLabels } from './labels.ts';
import { SECURITY_ALARM_BYTES, type SecurityAlarm } from './security-service.ts';

export interface GatewayBehaviour {
  /** A reading reaching the gateway: 'drop' it, hold it this many µs, or let it through (undefined). */
  admit(nowUs: number, rng: Rng): 'drop' | number | undefined;
}

const RELEASE_TAG = 1;

export class GatewayTap implements Actor<unknown> {
  private readonly inner: Actor<unknown> & { readonly accepted?: number };
  private readonly rng: Rng;
  private heldAtUs: number[] = [];
  private heldFrom: HostId[] = [];
  private heldMsg: unknown[] = [];
  private heldHead = 0;
  droppedReadings = 0;
  delayedReadings = 0;
  /** Batches sent to the store and not yet acknowledged as stored: batch → (records, sent at). */
  readonly unstored = new Map<number, { records: number; sentUs: number }>();
  /** Labelled readings accepted into the open batch, per class. */
  private openLabelled = new Map<MessageCounts, number>();
  /** Labelled readings in each batch sent to the store and not yet acknowledged, per class. */
  private readonly labelledIn = new Map<number, Map<MessageCounts, number>>();
  /** The batch the gateway last sent to its store, and how many it has sent. */
  private lastBatch = -1;
  private batchesSent = 0;
  /** The reason the gateway gave for refusing the reading it is handling (its 'iomt-reading-rejected' event). */
  private refused: RejectReason | undefined;

  constructor(
    readonly ctx: ActorContext<unknown>,
    factory: ActorFactory<unknown>,
    private readonly behaviours: readonly GatewayBehaviour[],
    private readonly labels: MessageLabels,
    /** Where the gateway forwards its device alarms (a security service), if anywhere. */
    private readonly alarmSink: () => HostId | undefined,
  ) {
    this.rng = ctx.rng.stream('attack');
    this.inner = factory(new TapContext(this)) as Actor<unknown> & { readonly accepted?: number };
  }

  onStart(): void { this.inner.onStart?.(); }
  onRecover(): void { this.inner.onRecover?.(); }

  onTimer(tag: TimerTag): void {
    if (tag === RELEASE_TAG) return this.release();
    this.inner.onTimer(tag / 2);
  }

  onMessage(from: HostId, msg: unknown): void {
    const kind = (msg as { kind?: unknown }).kind;
    if (kind === 'put-ack') {
      const ack = msg as { batch: number; stored: boolean };
      if (ack.stored) this.unstored.delete(ack.batch);
      const labelled = this.labelledIn.get(ack.batch);
      this.labelledIn.delete(ack.batch);
      if (ack.stored && labelled !== undefined) for (const [counts, n] of labelled) counts.stored += n;
    }
    if (kind !== 'reading') return this.inner.onMessage(from, msg);
    const counts = this.labels.countsOf(msg as object);
    if (counts !== undefined) counts.arrived += 1;
    const now = this.ctx.nowUs;
    for (const b of this.behaviours) {
      const decision = b.admit(now, this.rng);
      if (decision === 'drop') {
        this.droppedReadings++;
        return;
      }
      if (decision !== undefined) return this.hold(from, msg, now + decision);
    }
    // The held readings go first, in the order they came: one that overtook them would make them
    // stale to the gateway's sequence check (a window's end, or a shorter delay after a longer).
    if (this.heldHead < this.heldAtUs.length) return this.hold(from, msg, now);
    this.deliver(from, msg, counts);
  }

  /** Hold a reading until `untilUs`, or until those held before it are released if later. */
  private hold(from: HostId, msg: unknown, untilUs: number): void {
    const last = this.heldHead < this.heldAtUs.length ? this.heldAtUs[this.heldAtUs.length - 1]! : -Infinity;
    const atUs = Math.max(untilUs, last);
    this.delayedReadings++;
    this.heldAtUs.push(atUs);
    this.heldFrom.push(from);
    this.heldMsg.push(msg);
    if (atUs > last) this.ctx.setTimer(atUs - this.ctx.nowUs, RELEASE_TAG);
  }

  /** Watch what the gateway sends: its batches to the store, until acknowledged. */
  sent(to: HostId, msg: unknown, sizeBytes: number): void {
    const m = msg as { kind?: unknown; batch?: number; count?: number };
    if (m.kind === 'put' && typeof m.batch === 'number' && !this.unstored.has(m.batch)) {
      this.unstored.set(m.batch, { records: m.count ?? 0, sentUs: this.ctx.nowUs });
      // The open batch was sealed: its labelled readings wait for the store's acknowledgement.
      if (this.openLabelled.size > 0) this.labelledIn.set(m.batch, this.openLabelled);
      this.openLabelled = new Map();
      this.lastBatch = m.batch;
      this.batchesSent++;
    }
    this.ctx.send(to, msg, sizeBytes);
  }

  timer(delayUs: number, tag: TimerTag): TimerId {
    return this.ctx.setTimer(delayUs, tag * 2);
  }

  private deliver(from: HostId, msg: unknown, counts: MessageCounts | undefined): void {
    const before = this.inner.accepted ?? 0;
    const batchesBefore = this.batchesSent;
    this.refused = undefined;
    this.inner.onMessage(from, msg);
    if (counts === undefined) return;
    const accepted = (this.inner.accepted ?? 0) > before;
    if (accepted) {
      counts.accepted += 1;
      // A reading that filled the batch was sealed into it at once (sent while the gateway handled it).
      this.addLabelled(this.batchesSent > batchesBefore ? this.batchLabels(this.lastBatch) : this.openLabelled, counts);
    }
    this.labels.onProcessed?.(this.labels.className(counts), msg as object, this.ctx.nowUs, accepted, accepted ? undefined : this.refused);
  }

  private batchLabels(batch: number): Map<MessageCounts, number> {
    let labelled = this.labelledIn.get(batch);
    if (labelled === undefined) this.labelledIn.set(batch, (labelled = new Map()));
    return labelled;
  }

  private addLabelled(labelled: Map<MessageCounts, number>, counts: MessageCounts): void {
    labelled.set(counts, (labelled.get(counts) ?? 0) + 1);
  }

  /** The gateway's model events; device alarms are also forwarded to the security service. */
  emitted(event: ModelEvent): void {
    this.ctx.emit(event);
    if (event.kind === 'iomt-reading-rejected') this.refused = (event as Extract<IomtEvent, { kind: 'iomt-reading-rejected' }>).reason;
    const sink = this.alarmSink();
    if (sink === undefined || event.kind !== 'alarm') return;
    const a = event as ModelEvent & { detector: string; subject: string };
    if (!a.subject.startsWith('device:')) return;
    const alarm: SecurityAlarm = { kind: 'security-alarm', device: Number(a.subject.slice(7)), detector: a.detector, raisedUs: this.ctx.nowUs };
    this.ctx.send(sink, alarm, SECURITY_ALARM_BYTES);
  }

  private release(): void {
    const now = this.ctx.nowUs;
    while (this.heldHead < this.heldAtUs.length && this.heldAtUs[this.heldHead]! <= now) {
      const i = this.heldHead++;
      const msg = this.heldMsg[i];
      this.heldMsg[i] = undefined;
      this.deliver(this.heldFrom[i]!, msg, this.labels.countsOf(msg as object));
    }
  }
}

class TapContext implements ActorContext<unknown> {
  constructor(private readonly owner: GatewayTap) {}
  get self(): HostId { return this.owner.ctx.self; }
  get nowUs(): number { return this.owner.ctx.nowUs; }
  get rng(): Rng { return this.owner.ctx.rng; }
  send(to: HostId, msg: unknown, sizeBytes: number): void { this.owner.sent(to, msg, sizeBytes); }
  setTimer(delayUs: number, tag: TimerTag): TimerId { return this.owner.timer(delayUs, tag); }
  cancelTimer(id: TimerId): void { this.owner.ctx.cancelTimer(id); }
  cpu(costUs: number): void { this.owner.ctx.cpu(costUs); }
  cpuParallel(jobs: number, costUsEach: number): void { this.owner.ctx.cpuParallel(jobs, costUsEach); }
  emit(event: ModelEvent): void { this.owner.emitted(event); }
  emitFirst(key: EmitKey, event: ModelEvent): void { this.owner.ctx.emitFirst(key, event); }
}
