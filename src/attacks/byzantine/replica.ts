/**
 * A Byzantine replica built from honest code: a proxy between the protocol actor and the network
 * (Malachite's design), so protocols stay honest and the misbehaviour is data.
 *
 * - Equivocation is split-brain: the host runs two copies ("faces") of the honest replica. Face 0
 *   talks to one side of the honest replicas, face 1 to the other, and colluders talk face to face;
 *   client requests are split between the faces by transaction id parity, so a Byzantine leader
 *   proposes different blocks to the two sides and every Byzantine vote differs by side. This is the
 *   attack PBFT's quorum intersection defeats while f < n/3 (Castro & Liskov §4.2) and that breaks
 *   safety once f ≥ n/3. Outside its window face 1 runs as a shadow fed the same inputs, silenced.
 * - Silence drops everything the replica sends; censorship drops incoming transactions of chosen
 *   senders; delayed votes hold back chosen message kinds for a fixed time.
 *
 * A Byzantine replica's own commit reports are not passed on: safety is a property of the honest
 * replicas, and the ground truth names which ones are not.
 */
import type { Actor, ActorContext, ActorFactory, HostId, ModelEvent, Rng, TimerId, TimerTag } from '../../../sim/index.ts';
import type { GroundTruth } from '../ground-truth.ts';
import { isActive } from '../window.ts';
import type { ByzantineModes } from './behaviour.ts';
import { isFaceEnvelope, type FaceEnvelope } from './envelope.ts';

/** Timer tags are multiplexed: face timers are tag·4 + face; the release timer of held messages is 2. */
const TAG_STRIDE = 4;
const RELEASE_TAG = 2;

export interface ByzantineHostView {
  /** Replica hosts, by index; read when messages flow, after the world is installed. */
  replicaHosts(): readonly HostId[];
  readonly truth: GroundTruth;
}

export class ByzantineReplica implements Actor<unknown> {
  private readonly faces: Actor<unknown>[] = [];
  private readonly faceContexts: FaceContext[] = [];
  private heldAtUs: number[] = [];
  private heldTo: HostId[] = [];
  private heldMsg: unknown[] = [];
  private heldSize: number[] = [];
  private heldHead = 0;

  constructor(
    readonly ctx: ActorContext<unknown>,
    factory: ActorFactory<unknown>,
    private readonly modes: ByzantineModes,
    private readonly view: ByzantineHostView,
  ) {
    const faceCount = modes.equivocation.length > 0 ? 2 : 1;
    for (let f = 0; f < faceCount; f++) {
      const fc = new FaceContext(this, f, f === 0 ? ctx.rng : ctx.rng.stream('byzantine-face-1'));
      this.faceContexts.push(fc);
      this.faces.push(factory(fc));
    }
  }

  onStart(): void {
    for (const f of this.faces) f.onStart?.();
  }

  onRecover(): void {
    for (const f of this.faces) f.onRecover?.();
  }

  onTimer(tag: TimerTag): void {
    const r = ((tag % TAG_STRIDE) + TAG_STRIDE) % TAG_STRIDE;
    if (r === RELEASE_TAG) {
      this.releaseHeld();
      return;
    }
    this.faces[r]?.onTimer((tag - r) / TAG_STRIDE);
  }

  onMessage(from: HostId, msg: unknown): void {
    const now = this.ctx.nowUs;
    if (isFaceEnvelope(msg)) {
      if (this.faces.length > 1 && this.equivocating(now)) this.faces[msg.face]?.onMessage(from, msg.msg);
      else for (const f of this.faces) f.onMessage(from, msg.msg);
      return;
    }
    const tx = (msg as { tx?: { id?: unknown; sender?: unknown } } | null)?.tx;
    if (tx !== undefined && typeof tx.sender === 'number' && this.censors(tx.sender, now)) {
      if (typeof tx.id === 'number') this.view.truth.label('tx', tx.id, 'censorship', 'censored', now);
      return;
    }
    if (this.faces.length === 1 || !this.equivocating(now)) {
      for (const f of this.faces) f.onMessage(from, msg);
      return;
    }
    const eq = this.activeEquivocation(now)!;
    if (eq.colluders.has(from)) {
      // A colluder outside an envelope cannot happen; treat it like face 0's peer.
      this.faces[0]!.onMessage(from, msg);
    } else if (this.view.replicaHosts().includes(from)) {
      this.faces[eq.sideA.has(from) ? 0 : 1]!.onMessage(from, msg);
    } else if (tx !== undefined && typeof tx.id === 'number') {
      this.faces[tx.id % 2]!.onMessage(from, msg);
    } else {
      for (const f of this.faces) f.onMessage(from, msg);
    }
  }

  // ---- called by the faces ----

  outgoing(face: number, to: HostId, msg: unknown, sizeBytes: number): void {
    const now = this.ctx.nowUs;
    let out: unknown = msg;
    const eq = this.activeEquivocation(now);
    if (this.faces.length > 1) {
      if (eq === undefined) {
        if (face !== 0) return; // the shadow face stays silent outside the window
      } else if (eq.colluders.has(to)) {
        const env: FaceEnvelope = { kind: 'byzantine-face', face, msg };
        out = env;
      } else if (this.view.replicaHosts().includes(to)) {
        if ((eq.sideA.has(to) ? 0 : 1) !== face) return;
      } else if (face !== 0) {
        return; // clients hear one face only
      }
    }
    for (const s of this.modes.silence) if (isActive(s, now)) return;
    for (const d of this.modes.delay) {
      if (isActive(d, now) && (d.kinds.size === 0 || d.kinds.has(messageKind(msg)))) {
        this.hold(now + d.delayUs, to, out, sizeBytes, d.delayUs);
        return;
      }
    }
    this.ctx.send(to, out, sizeBytes);
  }

  emitFrom(face: number, event: ModelEvent): void {
    if (face !== 0 || event.kind === 'commit') return;
    this.ctx.emit(event);
  }

  // ---- internals ----

  private equivocating(now: number): boolean {
    return this.activeEquivocation(now) !== undefined;
  }

  private activeEquivocation(now: number) {
    for (const e of this.modes.equivocation) if (isActive(e, now)) return e;
    return undefined;
  }

  private censors(sender: HostId, now: number): boolean {
    for (const c of this.modes.censorship) if (isActive(c, now) && c.senders.has(sender)) return true;
    return false;
  }

  /** Held messages leave in order; a constant delay keeps the queue sorted by release time. */
  private hold(releaseUs: number, to: HostId, msg: unknown, sizeBytes: number, delayUs: number): void {
    this.heldAtUs.push(releaseUs);
    this.heldTo.push(to);
    this.heldMsg.push(msg);
    this.heldSize.push(sizeBytes);
    this.ctx.setTimer(delayUs, RELEASE_TAG);
  }

  private releaseHeld(): void {
    const now = this.ctx.nowUs;
    while (this.heldHead < this.heldAtUs.length && this.heldAtUs[this.heldHead]! <= now) {
      const i = this.heldHead++;
      this.ctx.send(this.heldTo[i]!, this.heldMsg[i], this.heldSize[i]!);
      this.heldMsg[i] = undefined;
    }
    if (this.heldHead === this.heldAtUs.length) {
      this.heldAtUs = [];
      this.heldTo = [];
      this.heldMsg = [];
      this.heldSize = [];
      this.heldHead = 0;
    }
  }

  wrapTimer(face: number, tag: TimerTag): TimerTag {
    return tag * TAG_STRIDE + face;
  }
}

function messageKind(msg: unknown): string {
  const k = (msg as { kind?: unknown } | null)?.kind;
  return typeof k === 'string' ? k : '';
}

/** What one face (one copy of the honest replica) sees as its context. */
class FaceContext implements ActorContext<unknown> {
  constructor(
    private readonly owner: ByzantineReplica,
    private readonly face: number,
    readonly rng: Rng,
  ) {}
  get self(): HostId {
    return this.owner.ctx.self;
  }
  get nowUs(): number {
    return this.owner.ctx.nowUs;
  }
  send(to: HostId, msg: unknown, sizeBytes: number): void {
    this.owner.outgoing(this.face, to, msg, sizeBytes);
  }
  setTimer(delayUs: number, tag: TimerTag): TimerId {
    return this.owner.ctx.setTimer(delayUs, this.owner.wrapTimer(this.face, tag));
  }
  cancelTimer(id: TimerId): void {
    this.owner.ctx.cancelTimer(id);
  }
  cpu(costUs: number): void {
    this.owner.ctx.cpu(costUs);
  }
  emit(event: ModelEvent): void {
    this.owner.emitFrom(this.face, event);
  }
}
