/**
 * Sans-I/O actors (the etcd/raft pattern): a protocol replica, device, gateway or client reacts to
 * messages and timers and acts only through its context. The engine is the driver that turns those
 * calls into events; a unit test can drive an actor with a scripted context instead.
 */
import type { EmitKey } from './first-emissions.ts';
import type { Rng } from './rng.ts';
import type { HostId, ModelEvent, TimerId, TimerTag } from './types.ts';

export interface ActorContext<M = unknown> {
  /** This actor's host. */
  readonly self: HostId;
  /** Current virtual time, integer microseconds. */
  readonly nowUs: number;
  /** This actor's own random stream. */
  readonly rng: Rng;
  /** Send over the network model; departs once the work charged with `cpu` so far is done. */
  send(to: HostId, msg: M, sizeBytes: number): void;
  /** Fire `onTimer(tag)` after `delayUs` (≥ 0). */
  setTimer(delayUs: number, tag: TimerTag): TimerId;
  /** Cancel a pending timer; cancelling a fired or cancelled timer is a no-op. */
  cancelTimer(id: TimerId): void;
  /** Charge modelled processing time: the host is busy, and its next events wait. */
  cpu(costUs: number): void;
  /**
   * Charge `jobs` independent pieces of work of `costUsEach` µs (the signature checks of a batch)
   * spread over the host's cores; the handler waits for all of them (fork-join), so the host is
   * busy for ⌈jobs / cores⌉ · costUsEach. On one core this is `cpu(jobs · costUsEach)`.
   */
  cpuParallel(jobs: number, costUsEach: number): void;
  /** Report something for metrics, checkers and traces. */
  emit(event: ModelEvent): void;
  /**
   * `emit`, unless some host already emitted an event of this kind with this key: for what every
   * replica reports alike (a transaction's outcome, by its id), observers get the first report, at
   * its time, and the run carries no copy per replica (sim/first-emissions.ts).
   */
  emitFirst(key: EmitKey, event: ModelEvent): void;
}

export interface Actor<M = unknown> {
  /** Called once, at the time the host was added (time 0 for a scenario's hosts). */
  onStart?(): void;
  onMessage(from: HostId, msg: M): void;
  onTimer(tag: TimerTag): void;
  /** Called when a crashed host comes back; its timers were lost with the crash. */
  onRecover?(): void;
}

/** The context calls a wrapper may replace; everything else is the wrapped context's. */
export type ContextOverrides<M> = Partial<Pick<ActorContext<M>, 'send' | 'setTimer' | 'cancelTimer' | 'cpu' | 'cpuParallel' | 'emit' | 'emitFirst'>>;

/**
 * A context that forwards to `ctx` except for the calls in `overrides` (which may call `ctx`
 * themselves): for wrappers that watch or alter what an actor does (test spies, proxies).
 */
export function forwardingContext<M>(ctx: ActorContext<M>, overrides: ContextOverrides<M>): ActorContext<M> {
  return {
    get self() {
      return ctx.self;
    },
    get nowUs() {
      return ctx.nowUs;
    },
    get rng() {
      return ctx.rng;
    },
    send: overrides.send ?? ((to, msg, sizeBytes) => ctx.send(to, msg, sizeBytes)),
    setTimer: overrides.setTimer ?? ((delayUs, tag) => ctx.setTimer(delayUs, tag)),
    cancelTimer: overrides.cancelTimer ?? ((id) => ctx.cancelTimer(id)),
    cpu: overrides.cpu ?? ((costUs) => ctx.cpu(costUs)),
    cpuParallel: overrides.cpuParallel ?? ((jobs, costUsEach) => ctx.cpuParallel(jobs, costUsEach)),
    emit: overrides.emit ?? ((event) => ctx.emit(event)),
    emitFirst: overrides.emitFirst ?? ((key, event) => ctx.emitFirst(key, event)),
  };
}

/** Builds an actor around the context the engine made for its host. */
export type ActorFactory<M = unknown> = (ctx: ActorContext<M>) => Actor<M>;
