/**
 * Records a window of one run for a timeline: the processor slices of each host, every message as
 * a flow from its departure to its delivery, mempool occupancy as a counter, and commits. It is the
 * engine's tracer (sim/tracer.ts) and a model-event observer at once.
 */
import type { EngineTracer, HandledKind, HostId, ModelEvent } from '../../sim/index.ts';

export interface TraceWindow {
  readonly fromUs: number;
  readonly toUs: number;
  /** Only these hosts (either end of a message counts); null: every host. */
  readonly hosts: ReadonlySet<HostId> | null;
}

export interface Slice {
  readonly host: HostId;
  /** The message kind handled, `timer` or `start`. */
  readonly name: string;
  readonly startUs: number;
  readonly endUs: number;
}

export interface Flow {
  readonly id: number;
  readonly from: HostId;
  readonly to: HostId;
  readonly name: string;
  readonly sizeBytes: number;
  readonly departUs: number;
  /** When the receiver handled it; null when it was lost or is still in flight at the window's end. */
  deliverUs: number | null;
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
  readonly flows: Flow[] = [];
  readonly counters: CounterSample[] = [];
  readonly commits: CommitMark[] = [];
  /** Flows sent but not yet handled, by message object and receiver (one object may go to many). */
  private readonly inFlight = new Map<unknown, Flow[]>();
  private nextId = 1;

  constructor(private readonly window: TraceWindow) {}

  private inWindow(timeUs: number): boolean {
    return timeUs >= this.window.fromUs && timeUs <= this.window.toUs;
  }

  private watched(host: HostId): boolean {
    return this.window.hosts === null || this.window.hosts.has(host);
  }

  sent(from: HostId, to: HostId, msg: unknown, sizeBytes: number, departUs: number, arrivalUs: number): void {
    if (!this.inWindow(departUs) || !(this.watched(from) || this.watched(to))) return;
    const flow: Flow = { id: this.nextId++, from, to, name: messageName(msg), sizeBytes, departUs, deliverUs: null, receiverKept: this.watched(to) };
    this.flows.push(flow);
    if (arrivalUs < 0) return;
    const pending = this.inFlight.get(msg);
    if (pending === undefined) this.inFlight.set(msg, [flow]);
    else pending.push(flow);
  }

  handled(host: HostId, kind: HandledKind, startUs: number, busyUntilUs: number, from: HostId, msg: unknown): void {
    if (kind === 'deliver') {
      const pending = this.inFlight.get(msg);
      const i = pending?.findIndex((f) => f.to === host && f.from === from) ?? -1;
      if (pending !== undefined && i >= 0) {
        pending[i]!.deliverUs = startUs;
        pending.splice(i, 1);
        if (pending.length === 0) this.inFlight.delete(msg);
      }
    }
    if (!this.inWindow(startUs) || !this.watched(host)) return;
    this.slices.push({ host, name: kind === 'deliver' ? messageName(msg) : kind, startUs, endUs: busyUntilUs });
  }

  /** A model-event observer: mempool occupancy and commits. */
  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    if (!this.inWindow(timeUs) || !this.watched(host)) return;
    if (event.kind === 'mempool') this.counters.push({ host, name: 'mempool_txs', timeUs, value: (event as ModelEvent & { readonly sizeTxs: number }).sizeTxs });
    else if (event.kind === 'commit') {
      const block = (event as ModelEvent & { readonly block?: { readonly height?: number } }).block;
      this.commits.push({ host, timeUs, height: block?.height ?? -1 });
    }
  };
}
