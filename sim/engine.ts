/**
 * The discrete-event engine: one pending-event queue, the network, the hosts and their actors.
 *
 * Determinism: every event is ordered by (time, scheduling time, source, source sequence), all
 * randomness comes from the engine's seeded Rng family, and nothing here reads the wall clock. The
 * engine keeps no global state, so two engines run side by side in one process.
 *
 * Tie order: events at one microsecond run in the order they were scheduled, as SimPy's rule has
 * it, except that two scheduled at the same microsecond by different sources go by source index.
 * An event's source is the host whose handler scheduled it (the sender of a message; the host
 * itself for its timers, its start and its wake-ups) or the control source (`at`, index 0), and
 * each source numbers what it schedules. Unlike a global insertion sequence, this order does not
 * depend on how the hosts' handlers interleaved, so a subset of the hosts can compute the order of
 * its own events without the others (Shadow orders by source the same way; docs/references.md).
 *
 * Processing model: a host processes one event at a time. `cpu(costUs)` in a handler keeps the host
 * busy; an event that reaches a busy host joins that host's wait list and is served in arrival
 * order when the host is free (a single-server FIFO queue per host). One internal wake event per
 * busy host drives the list, so waiting work is not re-sorted through the heap, and a crash can
 * drop it. Messages sent during a handler leave when the work charged so far is done.
 *
 * Crashes: a crashed host loses its queued work, its timers and the events waiting for it, and
 * with them the messages it sent that had not yet left: queued behind that work or on its uplink,
 * their first bit still in the host when it stopped. Their departure was fixed at send time, so
 * each message carries it and its sender's incarnation then, and is dropped where it would
 * arrive if its sender crashed after sending it and before it left. Checking there, rather than
 * finding the messages at the crash, costs nothing per crash and holds for a message already handed
 * to another partition, whose engine runs the same crash at the same time.
 *
 * Cores: that serial server is the host's protocol thread, because a replica's state machine
 * handles one message at a time. A host may have several cores (`HostPlacement.cores`), used in
 * fork-join by `cpuParallel(jobs, costUsEach)`: independent jobs of one handler (the signature
 * checks of a batch, which real replicas hand to a verification pool) are spread over the cores by
 * list scheduling and the handler waits for all of them, so the host stays busy for the makespan
 * ⌈jobs / cores⌉ · costUsEach. This is the k-server queue in the form that keeps the state machine
 * serial: the cores serve the jobs a handler forks, never two events at once, so events still wait
 * in one FIFO per host. Serial `cpu` work runs on core 0; busy time is accounted per core.
 */
import type { Actor, ActorContext, ActorFactory } from './actor.ts';
import { badArgument, unknownHost } from './errors.ts';
import { FirstEmissions, type EmitKey } from './first-emissions.ts';
import { DROPPED, Network, type HostPlacement, type NetworkConfig } from './network.ts';
import { emptyBatch, emptyEmitted, type CrossingBatch, type EmittedBatch, type PartitionPlan } from './partition.ts';
import { EventQueue, SLOT_LIMIT } from './queue.ts';
import { Rng } from './rng.ts';
import { TraceHash } from './trace.ts';
import type { EngineTracer, HandledKind } from './tracer.ts';
import type { HostId, ModelEvent, ModelEventObserver, TimerId, TimerTag } from './types.ts';

/** Event kinds, as stored in the queue and mixed into the trace hash. */
export const EventKind = { start: 0, deliver: 1, timer: 2, control: 3, cancelled: 4, wake: 5, receive: 6 } as const;
const K_START = EventKind.start;
const K_DELIVER = EventKind.deliver;
const K_TIMER = EventKind.timer;
const K_CONTROL = EventKind.control;
const K_CANCELLED = EventKind.cancelled;
const K_WAKE = EventKind.wake;
const K_RECEIVE = EventKind.receive;
const NO_SLOT = -1;
/** A source's sequence numbers fill the low 33 bits of a key; the source index (control 0, host h at h + 1) the rest. */
const SOURCE_SEQ_SPAN = 2 ** 33;
/** Keys stay exact doubles (below 2^53), which bounds the number of hosts. */
const MAX_HOSTS = 2 ** 20 - 1;

export interface EngineOptions {
  readonly seed: number;
  /** Network model; by default one region with zero latency and unconstrained links. */
  readonly network?: NetworkConfig;
  /** Bound on pending events; exceeding it throws a SimError naming the time. */
  readonly maxPendingEvents?: number;
  /** Run only one partition's hosts (sim/partition.ts); by default the engine runs every host. */
  readonly partition?: PartitionPlan;
}

export const DEFAULT_MAX_PENDING_EVENTS = 8_000_000;

/** Stands in for the actor of a host that another partition runs (never called). */
const RUNS_ELSEWHERE: Actor<unknown> = Object.freeze({
  onMessage(): void {
    throw new Error('a partition handled an event of a host it does not run');
  },
  onTimer(): void {
    throw new Error('a partition handled an event of a host it does not run');
  },
});

// The bits of one double, as two 32-bit words, to step to its neighbour (nextAbove) without the
// allocation a BigInt step would make: the coordinator of a split run calls run() per replayed event.
const stepF64 = new Float64Array(1);
const stepWords = new Uint32Array(stepF64.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * The least double above `x` (`x` itself when Infinity or NaN): `t <= x` exactly when
 * `t < nextAbove(x)`, so an inclusive end becomes an exclusive one, whatever the times.
 */
function nextAbove(x: number): number {
  if (x === Infinity || x !== x) return x;
  if (x === 0) return Number.MIN_VALUE;
  stepF64[0] = x;
  // Positive doubles order as their bit patterns, negative ones in reverse: one step of the 64-bit
  // pattern up for a positive x, down for a negative one, carried across the two words.
  if (x > 0) {
    stepWords[LOW] = (stepWords[LOW]! + 1) >>> 0;
    if (stepWords[LOW] === 0) stepWords[HIGH] = (stepWords[HIGH]! + 1) >>> 0;
  } else {
    if (stepWords[LOW] === 0) stepWords[HIGH] = (stepWords[HIGH]! - 1) >>> 0;
    stepWords[LOW] = (stepWords[LOW]! - 1) >>> 0;
  }
  return stepF64[0]!;
}

export class Engine {
  readonly rng: Rng;
  readonly network: Network;
  readonly trace = new TraceHash();
  nowUs = 0;
  eventsProcessed = 0;
  /** Sees every send and handled event (`iomtsim trace`); null in ordinary runs. */
  tracer: EngineTracer | null = null;

  private readonly queue: EventQueue;
  private readonly actors: Actor<unknown>[] = [];
  private readonly contexts: HostContext[] = [];
  /** The name of each host's random stream (and of its latency stream, `net:<name>`), by host. */
  private readonly streamNames: string[] = [];
  private cpuFreeUs = new Float64Array(16);
  private cpuBusyUsTotal = new Float64Array(16);
  // Per-core busy time: host h's cores are coreBusyUs[coreOffset[h] .. coreOffset[h] + coreCount[h]).
  private coreCount = new Int32Array(16);
  private coreOffset = new Int32Array(16);
  private coreBusyUs = new Float64Array(16);
  private coresPlaced = 0;
  // Parallel work still queued per host with more than one core, as (startUs, rounds, extra, costUsEach)
  // per cpuParallel call, so the work a core has performed by a time can be told from what was charged.
  private readonly parallelQueued: (number[] | undefined)[] = [];
  private incarnation = new Int32Array(16);
  /** Each host's crash times, µs, by the incarnation each crash ended (undefined for a host never crashed). */
  private readonly crashTimesUs: (number[] | undefined)[] = [];
  // Next ordering key of each host's events (see the tie order above) and of control events.
  private nextKey = new Float64Array(16);
  private nextControlKey = 0;
  /** Crashes of each host not yet recovered (overlapping crashes nest): a host is up at 0. */
  private crashes = new Int32Array(16);
  // Busy-host wait lists (slots linked through queue.next) and whether a wake is scheduled.
  private waitHead = new Int32Array(16).fill(NO_SLOT);
  private waitTail = new Int32Array(16).fill(NO_SLOT);
  private wakePending = new Uint8Array(16);
  private readonly observers: ModelEventObserver[] = [];
  private readonly exporters: ((h: HostId, event: ModelEvent) => ModelEvent)[] = [];
  private readonly firstEmissions = new FirstEmissions();
  private stopped = false;
  // Partitioned runs: which partition runs each host, 1 where it is this one, and the messages
  // for each other partition's hosts since they were last taken. Null when this engine runs all.
  private readonly plan: PartitionPlan | null;
  private hostPartition = new Int32Array(16);
  private owned: Uint8Array | null = null;
  private readonly outbox: CrossingBatch[] = [];
  // What this partition's hosts emitted since last taken, for the coordinator's observers.
  private emitted: EmittedBatch | null = null;
  // Keys of the event being handled (the wake's for an event served from a busy host's list); -1
  // while the world is being built, before every event.
  private handledKey = -1;
  private handledKey2 = -1;

  constructor(options: EngineOptions) {
    this.rng = new Rng(options.seed);
    this.network = new Network(
      options.network ?? { regions: ['default'], latencyUs: { kind: 'fixed', value: 0 } },
      this.rng.stream('network'),
    );
    this.queue = new EventQueue(options.maxPendingEvents ?? DEFAULT_MAX_PENDING_EVENTS);
    this.plan = options.partition ?? null;
    if (this.plan !== null) {
      const { count, self } = this.plan;
      if (!(Number.isInteger(count) && count >= 1)) throw badArgument('partition.count', 'a positive integer', count);
      if (!(Number.isInteger(self) && self >= 0 && self < count)) throw badArgument('partition.self', `an index in 0..${count - 1}`, self);
      this.owned = new Uint8Array(16);
      this.emitted = emptyEmitted();
      for (let p = 0; p < count; p++) this.outbox.push(emptyBatch());
    }
  }

  /** The name of host `h`'s random stream: what keeps its draws when other hosts are added (docs/architecture.md, "Randomness"). */
  streamName(h: HostId): string {
    return this.streamNames[h]!;
  }

  get hostCount(): number {
    return this.actors.length;
  }

  /** Events not yet processed, including those waiting at busy hosts and cancelled timers not yet reached. */
  get pendingEvents(): number {
    return this.queue.inUse;
  }

  /**
   * Place a host in the network and build its actor. The actor's `onStart` runs at the current
   * time, after events already scheduled for it. `streamName` names the actor's rng stream.
   */
  addHost<M>(placement: HostPlacement, factory: ActorFactory<M>, streamName?: string): HostId {
    const cores = placement.cores ?? 1;
    if (!(Number.isInteger(cores) && cores >= 1)) throw badArgument('host.cores', 'a positive integer', cores);
    if (this.actors.length >= MAX_HOSTS) throw badArgument('host count', `at most ${MAX_HOSTS} hosts`, this.actors.length + 1);
    const h = this.network.addHost(placement, streamName);
    if (h === this.crashes.length) this.growHosts();
    this.nextKey[h] = (h + 1) * SOURCE_SEQ_SPAN;
    this.placeCores(h, cores);
    const ctx = new HostContext(this, h, this.rng.stream(streamName ?? `host:${h}`));
    this.contexts.push(ctx);
    this.streamNames.push(streamName ?? `host:${h}`);
    // A partition builds only the actors it runs: another partition's host handles nothing here.
    const runsHere = this.plan === null || this.placeInPartition(h);
    this.actors.push(runsHere ? (factory(ctx as ActorContext<M>) as Actor<unknown>) : RUNS_ELSEWHERE);
    if (!runsHere) return h;
    const slot = this.queue.allocate(this.nowUs);
    this.queue.kind[slot] = K_START;
    this.queue.host[slot] = h;
    this.queue.from[slot] = h;
    this.queue.push(slot, this.nowUs, this.nowUs, this.nextKey[h]!++);
    return h;
  }

  /** Record which partition runs `h`; true when it is this engine's. */
  private placeInPartition(h: HostId): boolean {
    const { count, self, partitionOf } = this.plan!;
    if (partitionOf === undefined) {
      // A coordinator's engine: no host runs here, and none sends from here.
      this.hostPartition[h] = -1;
      this.owned![h] = 0;
      return false;
    }
    const p = partitionOf(h);
    if (!(Number.isInteger(p) && p >= 0 && p < count)) throw badArgument(`partition of host ${h}`, `an index in 0..${count - 1}`, p);
    this.hostPartition[h] = p;
    this.owned![h] = p === self ? 1 : 0;
    return p === self;
  }

  /** Whether this engine runs `h`'s events (always, unless the engine runs one partition). */
  runsHost(h: HostId): boolean {
    return this.owned === null || this.owned[h] === 1;
  }

  /** The partition of each host so far (a partitioned engine only). */
  hostPartitions(): Int32Array {
    return this.hostPartition.slice(0, this.actors.length);
  }

  /**
   * The messages sent to partition `p`'s hosts since the last call, in the order they were sent;
   * the caller hands them to that partition's `receiveCrossing`.
   */
  takeCrossing(p: number): CrossingBatch {
    const batch = this.outbox[p]!;
    this.outbox[p] = emptyBatch();
    return batch;
  }

  /**
   * Queue messages another partition sent to this one's hosts. Each must arrive at or after now, the
   * end of the window just run (`runBefore`, which leaves the events at its end for the next window):
   * the window was no wider than the lookahead, so one that does not means the lookahead was wrong,
   * and the run stops rather than reorder time.
   */
  receiveCrossing(batch: CrossingBatch): void {
    const q = this.queue;
    for (let i = 0; i < batch.atUs.length; i++) {
      const atUs = batch.atUs[i]!;
      const to = batch.to[i]!;
      if (!(atUs >= this.nowUs)) throw badArgument(`arrival of a message from host ${batch.from[i]} to host ${to}`, `a time at or after the window's end (${this.nowUs} µs)`, atUs);
      if (this.owned![to] !== 1) throw badArgument(`receiver of a crossing message`, `a host of partition ${this.plan!.self}`, to);
      const slot = q.allocate(this.nowUs);
      q.kind[slot] = batch.kind[i]!;
      q.host[slot] = to;
      q.from[slot] = batch.from[i]!;
      q.tag[slot] = batch.sizeBytes[i]!;
      q.departNs[slot] = batch.departNs[i]!;
      q.senderIncarnation[slot] = batch.senderIncarnation[i]!;
      q.refs[slot] = batch.msg[i];
      q.push(slot, atUs, batch.scheduledUs[i]!, batch.key[i]!);
    }
  }

  /**
   * A partitioned engine keeps what its hosts emit for the coordinator, which merges the
   * partitions' records (sim/partition.ts); a control callback's emission about no host of this
   * partition is recorded by the partition that runs the host, one about no host (-1) by the first.
   */
  private recordEmitted(h: HostId, event: ModelEvent, firstKey: EmitKey | null): void {
    if (h >= 0 ? this.owned![h] !== 1 : this.plan!.self !== 0) return;
    const b = this.emitted!;
    b.firstKey.push(firstKey);
    b.atUs.push(this.nowUs);
    b.key.push(this.handledKey);
    b.key2.push(this.handledKey2);
    b.host.push(h);
    let exported = event;
    for (let i = 0; i < this.exporters.length; i++) exported = this.exporters[i]!(h, exported);
    b.event.push(exported);
  }

  /** What this partition's hosts emitted since the last call (a partitioned engine only). */
  takeEmitted(): EmittedBatch {
    const b = this.emitted!;
    this.emitted = emptyEmitted();
    return b;
  }

  /** Time of the earliest pending event here; Infinity when none. */
  nextEventUs(): number {
    return this.queue.peekTime();
  }

  /** The actor of host `h` (one this engine runs: a partition builds no other). */
  actor<A extends Actor<never>>(h: HostId): A {
    const a = this.actors[h];
    if (a === undefined) throw unknownHost(h, this.actors.length);
    if (a === RUNS_ELSEWHERE) {
      const where = this.hostPartition[h]! < 0 ? "a partition's engine, not in this coordinator's" : `partition ${this.hostPartition[h]} of a split run, not in this engine's (${this.plan!.self})`;
      throw new RangeError(`host ${h}: its actor runs in ${where}`);
    }
    return a as unknown as A;
  }

  /**
   * Watch every model event (metrics collectors, checkers, trace writers). A partitioned engine
   * does not call its observers: the coordinator replays the partitions' events to its own.
   */
  observe(observer: ModelEventObserver): void {
    this.observers.push(observer);
  }

  /**
   * Let `fn` rewrite what this partition's hosts emit before it goes to the coordinator, adding
   * what only the partition running the host can read (a replica's state digest). One engine's
   * observers read that state themselves, so a one-engine run never calls it.
   */
  exportEmitted(fn: (h: HostId, event: ModelEvent) => ModelEvent): void {
    this.exporters.push(fn);
  }

  /** Run `fn` at `timeUs` (faults, measurement windows). Not for per-message work. */
  at(timeUs: number, fn: () => void): void {
    if (!(timeUs >= this.nowUs)) throw badArgument('engine.at time', `a time ≥ now (${this.nowUs} µs)`, timeUs);
    const slot = this.queue.allocate(this.nowUs);
    this.queue.kind[slot] = K_CONTROL;
    this.queue.host[slot] = -1;
    this.queue.from[slot] = -1;
    this.queue.refs[slot] = fn;
    this.queue.push(slot, Math.round(timeUs), this.nowUs, this.nextControlKey++);
  }

  /**
   * Process the events before `endUs` (t < endUs) in order, until none is left before it or `stop()`
   * is called; when it stops for time, the clock advances to `endUs`. This is how a run of a
   * scenario covers [0, duration): an event at the end itself never runs, as in SimPy, whose
   * `run(until)` leaves the events at `until` unprocessed, and as every window a run measures is
   * half-open (a run's metrics count [warm-up, duration)). Otherwise an event due at the end (a
   * device's reading, an attack's tick, a timer of period dividing the duration) would act at the
   * last instant, with nothing after it to see what it did: a reading counted as sent that can never
   * arrive. Running to successive ends processes the same events in the same order as one run to
   * the last, and a run that stops at an end is the run whose duration that end is.
   */
  runBefore(endUs: number): void {
    this.process(endUs, endUs, Infinity, Infinity);
  }

  /**
   * Process events in order until the queue is empty, the next event is later than `untilUs`, or
   * `stop()` is called: unlike `runBefore`, the events at `untilUs` itself run. When it stops for
   * time, the clock advances to `untilUs`. With `untilKey` and `untilKey2`, events at `untilUs`
   * itself run only up to those keys: a partitioned run's coordinator, whose engine runs control
   * callbacks alone, runs them up to each event it replays (sim/partition.ts), so its observers
   * meet the state those callbacks set where one engine's do.
   */
  run(untilUs = Infinity, untilKey = Infinity, untilKey2 = Infinity): void {
    this.process(nextAbove(untilUs), untilUs, untilKey, untilKey2);
  }

  /** Process the events before `endUs`; those at `untilUs` (the latest among them) only up to the keys given. */
  private process(endUs: number, untilUs: number, untilKey: number, untilKey2: number): void {
    const q = this.queue;
    const crashes = this.crashes;
    // Only a partitioned engine records the keys of the event being handled (for its emissions).
    const recordKeys = this.emitted !== null;
    const bounded = untilKey !== Infinity;
    this.stopped = false;
    while (q.size > 0) {
      const t = q.peekTime();
      if (t >= endUs) break;
      if (bounded && t === untilUs && this.isAfterKeys(q.peekSlot(), untilKey, untilKey2)) break;
      const slot = q.pop();
      if (recordKeys) {
        this.handledKey = q.order[slot]!;
        this.handledKey2 = q.order2[slot]!;
      }
      const kind = q.kind[slot]!;
      if (kind >= K_CONTROL) {
        if (kind === K_CONTROL) this.dispatch(slot, kind, -1, t);
        else if (kind === K_CANCELLED) q.release(slot);
        else if (kind === K_WAKE) this.serveWaiting(slot, t);
        else this.receiveAtDownlink(slot, t);
      } else {
        const h = q.host[slot]!;
        if (kind === K_DELIVER && this.lostWithSender(slot)) continue;
        if (crashes[h] !== 0 || (kind === K_TIMER && q.from[slot] !== this.incarnation[h])) {
          // A crashed host loses what reaches it, and timers set before a crash never fire.
          if (kind === K_DELIVER) this.network.dropHostDown(q.from[slot]!);
          q.release(slot);
          continue;
        }
        if (this.cpuFreeUs[h]! > t || this.waitHead[h] !== NO_SLOT) this.enqueueWaiting(h, slot, t);
        else this.dispatch(slot, kind, h, t);
      }
      if (this.stopped) break;
    }
    if (!this.stopped && untilUs !== Infinity && this.nowUs < untilUs) this.nowUs = untilUs;
  }

  /**
   * Drop and release a message (one arriving) whose sender crashed after sending it and before it
   * left; the first crash after the send decides, later ones being later still.
   */
  private lostWithSender(slot: number): boolean {
    const q = this.queue;
    const from = q.from[slot]!;
    const sentIncarnation = q.senderIncarnation[slot]!;
    if (sentIncarnation === this.incarnation[from]) return false;
    // A message leaving at the crash's microsecond left: the work ahead of it was done (coreQueuedUs).
    if (this.crashTimesUs[from]![sentIncarnation]! * 1_000 >= q.departNs[slot]!) return false;
    this.network.dropSenderCrashed(from, q.tag[slot]!);
    q.release(slot);
    return true;
  }

  private isAfterKeys(slot: number, key: number, key2: number): boolean {
    const k = this.queue.order[slot]!;
    return k > key || (k === key && this.queue.order2[slot]! > key2);
  }

  /** Process one event at `t`: advance the clock, hash it, hand it to its actor or callback. */
  private dispatch(slot: number, kind: number, h: HostId, t: number): void {
    const q = this.queue;
    this.nowUs = t;
    this.eventsProcessed++;
    const from = q.from[slot]!;
    this.trace.mix(t, kind, from, h);
    switch (kind) {
      case K_DELIVER: {
        const msg = q.refs[slot];
        const size = q.tag[slot]!;
        const sendKey = q.order2[slot]!;
        q.release(slot);
        this.network.delivered(h, size);
        this.actors[h]!.onMessage(from, msg);
        if (this.tracer !== null) this.traceHandled(h, 'deliver', t, from, msg, sendKey);
        break;
      }
      case K_TIMER: {
        const tag = q.tag[slot]!;
        q.release(slot);
        this.actors[h]!.onTimer(tag);
        if (this.tracer !== null) this.traceHandled(h, 'timer', t, -1, null, -1);
        break;
      }
      case K_START:
        q.release(slot);
        this.actors[h]!.onStart?.();
        if (this.tracer !== null) this.traceHandled(h, 'start', t, -1, null, -1);
        break;
      default: {
        const fn = q.refs[slot] as () => void;
        q.release(slot);
        fn();
      }
    }
  }

  private traceHandled(h: HostId, kind: HandledKind, t: number, from: HostId, msg: unknown, sendKey: number): void {
    const busy = this.cpuFreeUs[h]!;
    this.tracer!.handled(h, kind, t, busy > t ? busy : t, from, msg, sendKey);
  }

  /** A wake event: the host is free, so serve the head of its wait list. */
  private serveWaiting(wakeSlot: number, t: number): void {
    const q = this.queue;
    const h = q.host[wakeSlot]!;
    const stale = q.from[wakeSlot] !== this.incarnation[h];
    q.release(wakeSlot);
    if (stale) return;
    this.wakePending[h] = 0;
    const free = this.cpuFreeUs[h]!;
    if (free > t) {
      // Work was charged outside the list's turn (an `at` callback called into the actor).
      this.scheduleWake(h, free, t);
      return;
    }
    const slot = this.waitHead[h]!;
    if (slot === NO_SLOT) return;
    const next = q.next[slot]!;
    this.waitHead[h] = next;
    if (next === NO_SLOT) this.waitTail[h] = NO_SLOT;
    const kind = q.kind[slot]!;
    if (kind === K_CANCELLED) q.release(slot);
    else this.dispatch(slot, kind, h, t);
    if (this.waitHead[h] !== NO_SLOT && this.wakePending[h] === 0) {
      const freeAfter = this.cpuFreeUs[h]!;
      this.scheduleWake(h, freeAfter > t ? freeAfter : t, t);
    }
  }

  /**
   * A message's first bit reaches its receiver's downlink: queue it there and reschedule the same
   * slot as its delivery, when the last bit arrives. A host that is down, or a full queue, loses it here.
   */
  private receiveAtDownlink(slot: number, t: number): void {
    const q = this.queue;
    if (this.lostWithSender(slot)) return;
    const h = q.host[slot]!;
    if (this.crashes[h] !== 0) {
      this.network.dropHostDown(q.from[slot]!);
      q.release(slot);
      return;
    }
    const lastBitUs = this.network.receive(q.from[slot]!, h, q.tag[slot]!, t);
    if (lastBitUs === DROPPED) {
      q.release(slot);
      return;
    }
    q.kind[slot] = K_DELIVER;
    // The delivery keeps the key the message was sent with.
    q.push(slot, lastBitUs, q.order[slot]!, q.order2[slot]!);
  }

  /** Append an event that reached a busy host to its wait list (FIFO by arrival). */
  private enqueueWaiting(h: HostId, slot: number, t: number): void {
    const q = this.queue;
    q.next[slot] = NO_SLOT;
    const tail = this.waitTail[h]!;
    if (tail === NO_SLOT) this.waitHead[h] = slot;
    else q.next[tail] = slot;
    this.waitTail[h] = slot;
    if (this.wakePending[h] === 0) {
      const free = this.cpuFreeUs[h]!;
      this.scheduleWake(h, free > t ? free : t, t);
    }
  }

  /**
   * Wake `h` at `timeUs`; `scheduledUs` is the time of the event that asks (the clock may still
   * show the last event handled, which another partition's engine would not have handled).
   */
  private scheduleWake(h: HostId, timeUs: number, scheduledUs: number): void {
    const q = this.queue;
    const slot = q.allocate(scheduledUs);
    q.kind[slot] = K_WAKE;
    q.host[slot] = h;
    q.from[slot] = this.incarnation[h]!;
    // Busy time may end at a fractional µs; the host wakes at the next whole µs.
    q.push(slot, Math.ceil(timeUs), scheduledUs, this.nextKey[h]!++);
    this.wakePending[h] = 1;
  }

  /** Stop `run` after the event being processed. */
  stop(): void {
    this.stopped = true;
  }

  /** Whether the last `run` ended at `stop()`, not at its horizon or with no events left. */
  get stoppedEarly(): boolean {
    return this.stopped;
  }

  // ---- called through HostContext ----

  /**
   * Route a message and schedule its delivery. Returns when it reaches `to` (where `to`'s downlink
   * queues, when its first bit reaches that queue: see Network.route), or DROPPED; one scheduled
   * may still be lost, its receiver down when it arrives or its sender crashed before it left. Actors see
   * `void` through their context; a model that must know, as SimBlock's one-transfer-at-a-time
   * block server does, is lent this method by its run.
   */
  send(from: HostId, to: HostId, msg: unknown, sizeBytes: number): number {
    if (to < 0 || to >= this.actors.length) throw unknownHost(to, this.actors.length);
    const busy = this.cpuFreeUs[from]!;
    // The processor's busy time is kept exact (costs may be fractional µs); the message leaves at
    // the next whole µs, so event times stay integers.
    const departUs = busy > this.nowUs ? Math.ceil(busy) : this.nowUs;
    const arrivalUs = this.network.route(from, to, sizeBytes, departUs);
    // The key this send's delivery will carry (its source sequence, taken below once it is routed).
    if (this.tracer !== null) this.tracer.sent(from, to, msg, sizeBytes, this.nowUs, departUs, arrivalUs, this.nextKey[from]!);
    if (arrivalUs === DROPPED) return DROPPED;
    if (this.owned !== null && this.owned[to] === 0) {
      this.handOver(from, to, msg, sizeBytes, arrivalUs);
      return arrivalUs;
    }
    const q = this.queue;
    const slot = q.allocate(this.nowUs);
    // Through the receiver's downlink queue first where it has one.
    q.kind[slot] = this.network.queuesAt(to) ? K_RECEIVE : K_DELIVER;
    q.host[slot] = to;
    q.from[slot] = from;
    q.tag[slot] = sizeBytes;
    q.departNs[slot] = this.network.departedNs;
    q.senderIncarnation[slot] = this.incarnation[from]!;
    q.refs[slot] = msg;
    q.push(slot, arrivalUs, this.nowUs, this.nextKey[from]!++);
    return arrivalUs;
  }

  /** A message for another partition's host: kept, with its key, until the window ends. */
  private handOver(from: HostId, to: HostId, msg: unknown, sizeBytes: number, arrivalUs: number): void {
    const b = this.outbox[this.hostPartition[to]!]!;
    b.atUs.push(arrivalUs);
    b.scheduledUs.push(this.nowUs);
    b.key.push(this.nextKey[from]!++);
    b.kind.push(this.network.queuesAt(to) ? K_RECEIVE : K_DELIVER);
    b.to.push(to);
    b.from.push(from);
    b.sizeBytes.push(sizeBytes);
    b.departNs.push(this.network.departedNs);
    b.senderIncarnation.push(this.incarnation[from]!);
    b.msg.push(msg);
  }

  setTimer(h: HostId, delayUs: number, tag: TimerTag): TimerId {
    if (!(delayUs >= 0)) throw badArgument('setTimer delay', 'a number of µs ≥ 0', delayUs);
    const q = this.queue;
    const slot = q.allocate(this.nowUs);
    q.kind[slot] = K_TIMER;
    q.host[slot] = h;
    q.from[slot] = this.incarnation[h]!;
    q.tag[slot] = tag;
    q.push(slot, this.nowUs + Math.round(delayUs), this.nowUs, this.nextKey[h]!++);
    return q.gen[slot]! * SLOT_LIMIT + slot;
  }

  cancelTimer(id: TimerId): void {
    const slot = id % SLOT_LIMIT;
    const gen = Math.floor(id / SLOT_LIMIT);
    const q = this.queue;
    if (q.gen[slot] === gen && q.kind[slot] === K_TIMER) q.kind[slot] = K_CANCELLED;
  }

  cpu(h: HostId, costUs: number): void {
    if (!(costUs >= 0)) throw badArgument('cpu cost', 'a number of µs ≥ 0', costUs);
    const free = this.cpuFreeUs[h]!;
    this.cpuFreeUs[h] = (free > this.nowUs ? free : this.nowUs) + costUs;
    this.cpuBusyUsTotal[h]! += costUs;
    this.coreBusyUs[this.coreOffset[h]!]! += costUs;
  }

  cpuParallel(h: HostId, jobs: number, costUsEach: number): void {
    if (!(Number.isInteger(jobs) && jobs >= 0)) throw badArgument('cpuParallel jobs', 'an integer ≥ 0', jobs);
    if (!(costUsEach >= 0)) throw badArgument('cpuParallel cost', 'a number of µs ≥ 0', costUsEach);
    const k = this.coreCount[h]!;
    const rounds = Math.floor(jobs / k);
    const extra = jobs - rounds * k; // the first `extra` cores take one job more
    const free = this.cpuFreeUs[h]!;
    const startUs = free > this.nowUs ? free : this.nowUs;
    this.cpuFreeUs[h] = startUs + (extra > 0 ? rounds + 1 : rounds) * costUsEach;
    this.cpuBusyUsTotal[h]! += jobs * costUsEach;
    const base = this.coreOffset[h]!;
    const core = this.coreBusyUs;
    for (let i = 0; i < k; i++) core[base + i]! += (i < extra ? rounds + 1 : rounds) * costUsEach;
    if (k > 1 && jobs > 0) this.queueParallel(h, startUs, rounds, extra, costUsEach);
  }

  private queueParallel(h: HostId, startUs: number, rounds: number, extra: number, costUsEach: number): void {
    let q = this.parallelQueued[h];
    if (q === undefined) this.parallelQueued[h] = q = [];
    // Drop calls whose work has ended: the queue stays as long as the host's backlog.
    let done = 0;
    while (done < q.length && q[done]! + (q[done + 2]! > 0 ? q[done + 1]! + 1 : q[done + 1]!) * q[done + 3]! <= this.nowUs) done += 4;
    if (done > 0) q.splice(0, done);
    q.push(startUs, rounds, extra, costUsEach);
  }

  /** Work charged to core `core` of `h` that is still queued after now, in µs. */
  private coreQueuedUs(h: HostId, core: number): number {
    const now = this.nowUs;
    // Core 0 takes the largest share of every parallel call and all serial work, and a host's queued
    // work runs back to back from now, so core 0 is busy until the host is free.
    if (core === 0) return Math.max(0, this.cpuFreeUs[h]! - now);
    const q = this.parallelQueued[h];
    if (q === undefined) return 0;
    let queuedUs = 0;
    for (let i = 0; i < q.length; i += 4) {
      const startUs = q[i]!;
      const shareUs = (core < q[i + 2]! ? q[i + 1]! + 1 : q[i + 1]!) * q[i + 3]!;
      const endUs = startUs + shareUs;
      if (endUs > now) queuedUs += endUs - (startUs > now ? startUs : now);
    }
    return queuedUs;
  }

  /**
   * Show this engine's observers an event that a host running in another engine emitted at
   * `timeUs` (the coordinator of a partitioned run; sim/partition.ts). The clock follows.
   */
  replayToObservers(h: HostId, event: ModelEvent, timeUs: number): void {
    this.nowUs = timeUs;
    const obs = this.observers;
    for (let i = 0; i < obs.length; i++) obs[i]!(h, event, timeUs);
  }

  emit(h: HostId, event: ModelEvent): void {
    if (this.emitted !== null) {
      this.recordEmitted(h, event, null);
      return;
    }
    const obs = this.observers;
    for (let i = 0; i < obs.length; i++) obs[i]!(h, event, this.nowUs);
  }

  /** `emit`, unless an event of this kind with this key was emitted before (ActorContext.emitFirst). */
  emitFirst(h: HostId, key: EmitKey, event: ModelEvent): void {
    if (!this.firstEmissions.admit(event.kind, key)) return;
    if (this.emitted !== null) {
      this.recordEmitted(h, event, key);
      return;
    }
    const obs = this.observers;
    for (let i = 0; i < obs.length; i++) obs[i]!(h, event, this.nowUs);
  }

  // ---- faults and introspection ----

  /**
   * Crash a host: it loses queued work, pending timers and every message until it recovers. Crashes
   * that overlap in time (two attacks on one host) nest: the host stays down until each has
   * recovered it.
   */
  crash(h: HostId): void {
    this.checkHost(h);
    if (this.crashes[h]!++ > 0) return;
    if (this.tracer !== null) this.tracer.crashed(h, this.nowUs);
    // Messages it sent that leave after now are lost (lostWithSender); its uplink is free.
    (this.crashTimesUs[h] ??= [])[this.incarnation[h]!] = this.nowUs;
    this.network.senderCrashed(h, this.nowUs);
    this.incarnation[h]! += 1; // invalidates its timers, its pending wake and its messages not yet sent
    // Queued work is lost with the crash: it was charged but is never performed.
    for (let c = 0; c < this.coreCount[h]!; c++) {
      const lostUs = this.coreQueuedUs(h, c);
      this.coreBusyUs[this.coreOffset[h]! + c]! -= lostUs;
      this.cpuBusyUsTotal[h]! -= lostUs;
    }
    this.parallelQueued[h] = undefined;
    this.cpuFreeUs[h] = this.nowUs;
    const q = this.queue;
    for (let slot = this.waitHead[h]!; slot !== NO_SLOT; ) {
      const next = q.next[slot]!;
      if (q.kind[slot] === K_DELIVER) this.network.dropHostDown(q.from[slot]!);
      q.release(slot);
      slot = next;
    }
    this.waitHead[h] = NO_SLOT;
    this.waitTail[h] = NO_SLOT;
    this.wakePending[h] = 0;
  }

  /** Undo one `crash`: once none is left the host is back, and its actor's `onRecover` runs now. */
  recover(h: HostId): void {
    this.checkHost(h);
    if (this.crashes[h] === 0 || --this.crashes[h]! > 0) return;
    // Another partition's copy of the host recovers its actor there.
    if (this.runsHost(h)) this.actors[h]!.onRecover?.();
  }

  isUp(h: HostId): boolean {
    return this.crashes[h] === 0;
  }

  /** Total processing time charged to `h`, in µs, summed over its cores. */
  cpuBusyUs(h: HostId): number {
    return this.cpuBusyUsTotal[h]!;
  }

  /** Number of processor cores of `h`. */
  cores(h: HostId): number {
    this.checkHost(h);
    return this.coreCount[h]!;
  }

  /** Processing time charged to core `core` of `h`, in µs (core 0 also runs the serial work). */
  cpuCoreBusyUs(h: HostId, core: number): number {
    this.checkHost(h);
    const k = this.coreCount[h]!;
    if (!(Number.isInteger(core) && core >= 0 && core < k)) throw badArgument('core', `an index in 0..${k - 1}`, core);
    return this.coreBusyUs[this.coreOffset[h]! + core]!;
  }

  /**
   * Processing time core `core` of `h` has performed by now, in µs: what was charged less what is
   * still queued. A saturated host's backlog reaches past the end of a measurement window; counting
   * it as charged would put utilisation above 1.
   */
  cpuCoreDoneUs(h: HostId, core: number): number {
    return this.cpuCoreBusyUs(h, core) - this.coreQueuedUs(h, core);
  }

  /** Hex digest of every processed event so far: equal digests mean identical runs. */
  traceHash(): string {
    return this.trace.digest();
  }

  private checkHost(h: HostId): void {
    if (!(Number.isInteger(h) && h >= 0 && h < this.actors.length)) throw unknownHost(h, this.actors.length);
  }

  private placeCores(h: HostId, cores: number): void {
    const offset = this.coresPlaced;
    this.coresPlaced += cores;
    if (this.coresPlaced > this.coreBusyUs.length) {
      let cap = this.coreBusyUs.length * 2;
      while (cap < this.coresPlaced) cap *= 2;
      const b = new Float64Array(cap); b.set(this.coreBusyUs); this.coreBusyUs = b;
    }
    this.coreCount[h] = cores;
    this.coreOffset[h] = offset;
  }

  private growHosts(): void {
    const cap = this.crashes.length * 2;
    const f64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    this.cpuFreeUs = f64(this.cpuFreeUs);
    this.cpuBusyUsTotal = f64(this.cpuBusyUsTotal);
    const inc = new Int32Array(cap); inc.set(this.incarnation); this.incarnation = inc;
    this.nextKey = f64(this.nextKey);
    const count = new Int32Array(cap); count.set(this.coreCount); this.coreCount = count;
    const offset = new Int32Array(cap); offset.set(this.coreOffset); this.coreOffset = offset;
    const crashes = new Int32Array(cap); crashes.set(this.crashes); this.crashes = crashes;
    const head = new Int32Array(cap).fill(NO_SLOT); head.set(this.waitHead); this.waitHead = head;
    const tail = new Int32Array(cap).fill(NO_SLOT); tail.set(this.waitTail); this.waitTail = tail;
    const wake = new Uint8Array(cap); wake.set(this.wakePending); this.wakePending = wake;
    const part = new Int32Array(cap); part.set(this.hostPartition); this.hostPartition = part;
    if (this.owned !== null) { const owned = new Uint8Array(cap); owned.set(this.owned); this.owned = owned; }
  }
}

/** The context an actor sees: a thin, allocation-free view of the engine bound to one host. */
class HostContext implements ActorContext<unknown> {
  constructor(
    private readonly engine: Engine,
    readonly self: HostId,
    readonly rng: Rng,
  ) {}
  get nowUs(): number {
    return this.engine.nowUs;
  }
  send(to: HostId, msg: unknown, sizeBytes: number): void {
    this.engine.send(this.self, to, msg, sizeBytes);
  }
  setTimer(delayUs: number, tag: TimerTag): TimerId {
    return this.engine.setTimer(this.self, delayUs, tag);
  }
  cancelTimer(id: TimerId): void {
    this.engine.cancelTimer(id);
  }
  cpu(costUs: number): void {
    this.engine.cpu(this.self, costUs);
  }
  cpuParallel(jobs: number, costUsEach: number): void {
    this.engine.cpuParallel(this.self, jobs, costUsEach);
  }
  emit(event: ModelEvent): void {
    this.engine.emit(this.self, event);
  }
  emitFirst(key: EmitKey, event: ModelEvent): void {
    this.engine.emitFirst(this.self, key, event);
  }
}

