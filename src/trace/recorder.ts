/**
 * Records a window of one run for a timeline: the processor slices of each host, every message as
 * a flow from its departure to its delivery, mempool occupancy as a counter, and commits. It is the
 * engine's tracer (sim/tracer.ts) and a model-event observer at once.
 */
import type { EngineTracer, HandledKind, HostId, ModelEvent } from '../../sim/index.ts';

export interface TraceWindow {
  /** The window is [fromUs, toUs), by the time a host handled an event or sent a message, as a run covers [0, duration). */
  readonly fromUs: number;
  readonly toUs: number;
  /** Only these hosts (either end of a message counts); null: every host. */
  readonly hosts: ReadonlySet<HostId> | null;
  /**
   * The sequence chart's lanes (the consensus replicas): their messages to one another and their
   * commits are kept whatever `hosts` keeps, for the chart (`chartFlows`, `commits`).
   */
  readonly chartHosts: ReadonlySet<HostId>;
}

export interface Slice {
  readonly host: HostId;
  /** The message kind handled, `timer` or `start`. */
  readonly name: string;
  readonly startUs: number;
  /** When the host's processor was free again, or when it crashed. */
  readonly endUs: number;
}

export interface Flow {
  readonly id: number;
  readonly from: HostId;
  readonly to: HostId;
  readonly name: string;
  readonly sizeBytes: number;
  /** When the sender's handler sent it (what the window and the run's metrics go by). */
  readonly sentUs: number;
  readonly departUs: number;
  /** When the receiver handled it; null when it was lost or is still in flight at the window's end. */
  deliverUs: number | null;
  /** Whether either end is a kept host (`--hosts`): the flows of the trace file. */
  readonly kept: boolean;
  /** Whether the receiver's slices are kept (`--hosts`): where not, the flow ends on a mark of its own. */
  readonly receiverKept: boolean;
}

export interface CounterSample {
  readonly host: HostId;
  readonly name: string;
  readonly timeUs: number;
  readonly value: number;
}

export interface CommitMark {
  readonly host: HostId;
  readonly timeUs: number;
  readonly height: number;
}

/** A message's name in a timeline: its `kind` (every protocol message has one), else its class. */
export function messageName(msg: unknown): string {
  if (msg !== null && typeof msg === 'object') {
    const kind = (msg as { readonly kind?: unknown }).kind;
    if (typeof kind === 'string') return kind;
    return (msg as object).constructor?.name ?? 'message';
  }
  return typeof msg;
}

export class TraceRecorder implements EngineTracer {
  readonly slices: Slice[] = [];
  /** Messages with an end among the kept hosts, sent in the window or delivered in it. */
  readonly flows: Flow[] = [];
  /** Messages between two of the chart's hosts, sent in the window or delivered in it. */
  readonly chartFlows: Flow[] = [];
  readonly counters: CounterSample[] = [];
  readonly commits: CommitMark[] = [];
  /**
   * Sends that may still be delivered, by send key: those of the window, and those before it whose
   * delivery may fall inside it (recorded only then). A lost copy stays here under its own key,
   * so a resend of the same message is matched to its own delivery.
   */
  private readonly inFlight = new Map<number, { readonly flow: Flow; readonly recorded: boolean }>();
  /** The index in `slices` of each host's latest slice, which a crash cuts short. */
  private readonly lastSlice = new Map<HostId, number>();
  private nextId = 1;

  constructor(private readonly window: TraceWindow) {}

  private watched(host: HostId): boolean {
    return this.window.hosts === null || this.window.hosts.has(host);
  }

  private charted(from: HostId, to: HostId): boolean {
    return from !== to && this.window.chartHosts.has(from) && this.window.chartHosts.has(to);
  }

  private record(flow: Flow): void {
    if (flow.kept) this.flows.push(flow);
    if (this.charted(flow.from, flow.to)) this.chartFlows.push(flow);
  }

  sent(from: HostId, to: HostId, msg: unknown, sizeBytes: number, sentUs: number, departUs: number, arrivalUs: number, sendKey: number): void {
    if (sentUs >= this.window.toUs) return;
    const kept = this.watched(from) || this.watched(to);
    if (!kept && !this.charted(from, to)) return;
    const before = sentUs < this.window.fromUs;
    // A message lost on the way, sent before the window, shows nowhere in it.
    if (before && arrivalUs < 0) return;
    const flow: Flow = { id: this.nextId++, from, to, name: messageName(msg), sizeBytes, sentUs, departUs, deliverUs: null, kept, receiverKept: this.watched(to) };
    if (!before) this.record(flow);
    if (arrivalUs >= 0) this.inFlight.set(sendKey, { flow, recorded: !before });
  }

  handled(host: HostId, kind: HandledKind, startUs: number, busyUntilUs: number, from: HostId, msg: unknown, sendKey: number): void {
    if (kind === 'deliver') {
      const pending = this.inFlight.get(sendKey);
      if (pending !== undefined) {
        this.inFlight.delete(sendKey);
        // One sent before the window and delivered in it is recorded now, so it has its arrow.
        if (startUs >= this.window.fromUs && startUs < this.window.toUs) {
          pending.flow.deliverUs = startUs;
          if (!pending.recorded) this.record(pending.flow);
        }
      }
    }
    // A slice that began before the window and runs into it is part of what the window shows.
    if (startUs >= this.window.toUs || !(busyUntilUs > this.window.fromUs || startUs >= this.window.fromUs) || !this.watched(host)) return;
    this.lastSlice.set(host, this.slices.length);
    this.slices.push({ host, name: kind === 'deliver' ? messageName(msg) : kind, startUs, endUs: busyUntilUs });
  }

  /** A crashed host stops: the work its latest slice had left is lost with the crash (sim/engine.ts, crash). */
  crashed(host: HostId, timeUs: number): void {
    const i = this.lastSlice.get(host);
    if (i === undefined) return;
    const slice = this.slices[i]!;
    if (slice.endUs > timeUs) this.slices[i] = { ...slice, endUs: timeUs };
  }

  /** A model-event observer: mempool occupancy and commits. */
  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    if (timeUs < this.window.fromUs || timeUs >= this.window.toUs) return;
    if (event.kind === 'mempool') {
      if (this.watched(host)) this.counters.push({ host, name: 'mempool_txs', timeUs, value: (event as ModelEvent & { readonly sizeTxs: number }).sizeTxs });
    } else if (event.kind === 'commit' && (this.watched(host) || this.window.chartHosts.has(host))) {
      const block = (event as ModelEvent & { readonly block?: { readonly height?: number } }).block;
      this.commits.push({ host, timeUs, height: block?.height ?? -1 });
    }
  };
}
