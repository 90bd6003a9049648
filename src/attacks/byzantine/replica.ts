/**
 * A Byzantine replica built from honest code: a proxy between the protocol actor and the network
 * (Malachite's design), so protocols stay honest and the misbehaviour is data. The proxy knows no
 * attack by name: each Byzantine attack hands it a behaviour (src/attacks/byzantine/behaviour.ts)
 * that drops what arrives, drops or holds what leaves, sets what the protocol lets it set before
 * each event (beforeHandling), or splits the replica into faces.
 *
 * - A split brain runs several copies ("faces") of the honest replica; the behaviour decides which
 *   face hears each message and which face's messages reach each peer, and faces of colluding
 *   replicas talk face to face in envelopes. Outside its window the extra faces run as shadows fed
 *   the same inputs, silenced (equivocation: src/attacks/byzantine/equivocation.ts). A face may
 *   run with one of the protocol's named levers, engaged while the split is active, and faces may
 *   hear what the others send, after the event that sent it (src/attacks/byzantine/stale-qc.ts).
 * - Incoming drops are checked before split routing; outgoing drops before holds; held messages
 *   leave in order.
 *
 * A Byzantine replica's own commit reports are not passed on: safety is a property of the honest
 * replicas, and the ground truth names which ones are not.
 */
import type { Actor, ActorContext, ActorFactory, EmitKey, HostId, ModelEvent, Rng, TimerId, TimerTag } from '../../../sim/index.ts';
import { hasByzantineLevers } from '../../protocols/definition.ts';
import type { ByzantineBehaviour, SplitBrain } from './behaviour.ts';
import { isFaceEnvelope, type FaceEnvelope } from './envelope.ts';

/**
 * A model event that reports a thing the emitting replica put into the world (a sealed block), as
 * opposed to its own view of it: a Byzantine replica passes it on from every face that may speak.
 */
export interface OfEveryFace {
  readonly ofEveryFace: true;
}

function isOfEveryFace(event: ModelEvent): boolean {
  return (event as Partial<OfEveryFace>).ofEveryFace === true;
}

/** Timer tags are multiplexed: face timers are tag·4 + face (faces 0..2); the release timer of held and shared messages is 3. */
const TAG_STRIDE = 4;
const RELEASE_TAG = TAG_STRIDE - 1;

export class ByzantineReplica implements Actor<unknown> {
  private readonly faces: Actor<unknown>[] = [];
  private readonly faceContexts: FaceContext[] = [];
  private heldAtUs: number[] = [];
  private heldTo: HostId[] = [];
  private heldMsg: unknown[] = [];
  private heldSize: number[] = [];
  private heldHead = 0;
  /** Messages faces sent that the other faces hear once the sending event is over. */
  private sharedFrom: number[] = [];
  private sharedMsg: unknown[] = [];
  /** A model event from this host, as a behaviour reports what it does (ByzantineBehaviour.dropsIncoming). */
  private readonly emitFromHost = (event: ModelEvent): void => this.ctx.emit(event);

  constructor(
    readonly ctx: ActorContext<unknown>,
    factory: ActorFactory<unknown>,
    private readonly behaviours: readonly ByzantineBehaviour[],
  ) {
    const faceCount = Math.max(1, ...behaviours.map((b) => b.split?.faces ?? 1));
    if (faceCount > RELEASE_TAG) throw new RangeError(`a Byzantine replica runs at most ${RELEASE_TAG} faces, asked for ${faceCount}`);
    for (let f = 0; f < faceCount; f++) {
      const fc = new FaceContext(this, f, f === 0 ? ctx.rng : ctx.rng.stream(`byzantine-face-${f}`));
      this.faceContexts.push(fc);
      const face = factory(fc);
      for (const b of behaviours) {
        const lever = b.split?.lever?.(f);
        if (lever === undefined) continue;
        // The scenario check (the attack's checkProtocol) rejects a protocol without the lever first.
        if (!hasByzantineLevers(face)) throw new Error(`a Byzantine face needs the protocol lever '${lever}', but the replica has no levers`);
        const split = b.split!;
        face.pullByzantineLever(lever, () => split.isActive(ctx.nowUs));
      }
      this.faces.push(face);
    }
  }

  onStart(): void {
    this.beforeHandling();
    for (const f of this.faces) f.onStart?.();
  }

  onRecover(): void {
    // What it held when it crashed is lost with the crash, as a host's queued messages are.
    this.heldAtUs = [];
    this.heldTo = [];
    this.heldMsg = [];
    this.heldSize = [];
    this.heldHead = 0;
    this.sharedFrom = [];
    this.sharedMsg = [];
    this.beforeHandling();
    for (const f of this.faces) f.onRecover?.();
  }

  onTimer(tag: TimerTag): void {
    const r = ((tag % TAG_STRIDE) + TAG_STRIDE) % TAG_STRIDE;
    this.beforeHandling();
    if (r === RELEASE_TAG) {
      this.releaseHeld();
      this.deliverShared();
      return;
    }
    this.faces[r]?.onTimer((tag - r) / TAG_STRIDE);
  }

  onMessage(from: HostId, msg: unknown): void {
    const now = this.ctx.nowUs;
    this.beforeHandling();
    if (isFaceEnvelope(msg)) {
      if (this.faces.length > 1 && this.activeSplit(now) !== undefined) this.faces[msg.face]?.onMessage(from, msg.msg);
      else for (const f of this.faces) f.onMessage(from, msg.msg);
      return;
    }
    for (const b of this.behaviours) if (b.dropsIncoming?.(from, msg, now, this.emitFromHost) === true) return;
    let seen = msg;
    for (const b of this.behaviours) if (b.rewritesIncoming !== undefined) seen = b.rewritesIncoming(from, seen, now, this.emitFromHost, this.faces[0]);
    const split = this.faces.length > 1 ? this.activeSplit(now) : undefined;
    const face = split === undefined ? 'all' : split.faceFor(from, seen);
    if (face === 'all') for (const f of this.faces) f.onMessage(from, seen);
    else this.faces[face]!.onMessage(from, seen);
  }

  // ---- called by the faces ----

  outgoing(face: number, to: HostId, msg: unknown, sizeBytes: number): void {
    const now = this.ctx.nowUs;
    let out: unknown = msg;
    if (this.faces.length > 1) {
      const split = this.activeSplit(now);
      if (split === undefined) {
        if (face !== 0) return; // the shadow faces stay silent outside the window
      } else {
        if (split.sharesSent?.(face, to) === true) this.share(face, msg);
        const route = split.route(face, to);
        if (route === 'drop') return;
        if (route === 'envelope') {
          const env: FaceEnvelope = { kind: 'byzantine-face', face, msg };
          out = env;
        }
      }
    }
    for (const b of this.behaviours) if (b.dropsOutgoing?.(to, msg, now) === true) return;
    for (const b of this.behaviours) {
      const holdUs = b.holdsOutgoing?.(to, msg, now);
      if (holdUs !== undefined) {
        this.hold(now + holdUs, to, out, sizeBytes, holdUs);
        return;
      }
    }
    this.ctx.send(to, out, sizeBytes);
  }

  emitFrom(face: number, event: ModelEvent, firstKey?: EmitKey): void {
    if (event.kind === 'commit') return;
    // The other faces mirror face 0's view (mempool, reorgs, replies), so their reports would count
    // this replica twice; but a thing a face makes and sends while the split is active (a sealed
    // block) exists in the world whatever face made it, and observers that track such things (the
    // PoA collector's chain) lose every later block built on it if it goes unreported. Shadow faces
    // outside the window send nothing, so what they make stays unreported.
    if (face !== 0 && !(isOfEveryFace(event) && this.activeSplit(this.ctx.nowUs) !== undefined)) return;
    if (firstKey === undefined) this.ctx.emit(event);
    else this.ctx.emitFirst(firstKey, event);
  }

  // ---- internals ----

  private beforeHandling(): void {
    for (const b of this.behaviours) {
      if (b.beforeHandling === undefined) continue;
      for (const f of this.faces) b.beforeHandling(this.ctx.nowUs, this.emitFromHost, f);
    }
  }

  private activeSplit(now: number): SplitBrain | undefined {
    for (const b of this.behaviours) if (b.split?.isActive(now) === true) return b.split;
    return undefined;
  }

  /** Once per message (a proposal goes to many peers), delivered when the sending event is over. */
  private share(face: number, msg: unknown): void {
    if (this.sharedMsg.includes(msg)) return;
    if (this.sharedMsg.length === 0) this.ctx.setTimer(0, RELEASE_TAG);
    this.sharedFrom.push(face);
    this.sharedMsg.push(msg);
  }

  private deliverShared(): void {
    if (this.sharedMsg.length === 0) return;
    const from = this.sharedFrom;
    const msgs = this.sharedMsg;
    this.sharedFrom = [];
    this.sharedMsg = [];
    for (let i = 0; i < msgs.length; i++) {
      for (let k = 0; k < this.faces.length; k++) if (k !== from[i]) this.faces[k]!.onMessage(this.ctx.self, msgs[i]);
    }
  }

  /**
   * Held messages leave at their release times, those due at one time in the order they were held:
   * the queue is kept sorted by release time, a message placed after every one due no later (one
   * behaviour's constant delay appends; behaviours of different delays interleave).
   */
  private hold(releaseUs: number, to: HostId, msg: unknown, sizeBytes: number, delayUs: number): void {
    let i = this.heldAtUs.length;
    while (i > this.heldHead && this.heldAtUs[i - 1]! > releaseUs) i--;
    this.heldAtUs.splice(i, 0, releaseUs);
    this.heldTo.splice(i, 0, to);
    this.heldMsg.splice(i, 0, msg);
    this.heldSize.splice(i, 0, sizeBytes);
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
  cpuParallel(jobs: number, costUsEach: number): void {
    this.owner.ctx.cpuParallel(jobs, costUsEach);
  }
  emit(event: ModelEvent): void {
    this.owner.emitFrom(this.face, event);
  }
  emitFirst(key: EmitKey, event: ModelEvent): void {
    this.owner.emitFrom(this.face, event, key);
  }
}
