/**
 * A recorded window as Chrome trace-event JSON (the "JSON Object Format" of the Trace Event Format
 * that chrome://tracing and Perfetto open): one process per organisation (the host's network
 * region), one thread per host, a complete event (`X`) per processor slice, a flow (`s` → `f`) per
 * delivered message from a zero-length send mark on the sender to the receiver's handling slice
 * (or a zero-length receive mark where `--hosts` leaves the receiver's slices out),
 * and counters (`C`) for mempool occupancy, one per host. Times are virtual microseconds, as the
 * format wants. The events are made one at a time, for a writer to stream: a busy window holds
 * millions, more than one string can (V8 caps a string near 2^29 characters).
 */
import type { TraceRecorder } from './recorder.ts';

export interface TraceHost {
  readonly host: number;
  readonly label: string;
  /** The organisation (network region) the host belongs to. */
  readonly organisation: string;
}

export type TraceEvent =
  | { readonly ph: 'M'; readonly name: 'process_name' | 'thread_name' | 'process_sort_index' | 'thread_sort_index'; readonly pid: number; readonly tid: number; readonly args: Readonly<Record<string, string | number>> }
  | { readonly ph: 'X'; readonly name: string; readonly cat: string; readonly ts: number; readonly dur: number; readonly pid: number; readonly tid: number; readonly args?: Readonly<Record<string, string | number>> }
  | { readonly ph: 's' | 'f'; readonly name: string; readonly cat: 'message'; readonly id: number; readonly ts: number; readonly pid: number; readonly tid: number; readonly bp?: 'e' }
  | { readonly ph: 'C'; readonly name: string; readonly ts: number; readonly pid: number; readonly tid: number; readonly args: Readonly<Record<string, number>> };

export interface ChromeTrace {
  /** The `traceEvents`, made afresh on each call. */
  readonly events: () => Iterable<TraceEvent>;
  readonly displayTimeUnit: 'ms';
  readonly otherData: Readonly<Record<string, string | number>>;
}

export function chromeTrace(recorder: TraceRecorder, hosts: readonly TraceHost[], otherData: Readonly<Record<string, string | number>>): ChromeTrace {
  return { events: () => traceEvents(recorder, hosts), displayTimeUnit: 'ms', otherData };
}

function* traceEvents(recorder: TraceRecorder, hosts: readonly TraceHost[]): Generator<TraceEvent> {
  const organisations = [...new Set(hosts.map((h) => h.organisation))];
  const pidOf = new Map(organisations.map((o, i) => [o, i + 1]));
  const where = new Map(hosts.map((h) => [h.host, { pid: pidOf.get(h.organisation)!, tid: h.host + 1 }]));
  const at = (host: number): { pid: number; tid: number } => where.get(host) ?? { pid: 0, tid: host + 1 };
  const labelOf = new Map(hosts.map((h) => [h.host, h.label]));
  for (const [organisation, pid] of pidOf) {
    yield { ph: 'M', name: 'process_name', pid, tid: 0, args: { name: organisation } };
    yield { ph: 'M', name: 'process_sort_index', pid, tid: 0, args: { sort_index: pid } };
  }
  for (const h of hosts) {
    const { pid, tid } = at(h.host);
    yield { ph: 'M', name: 'thread_name', pid, tid, args: { name: h.label } };
    yield { ph: 'M', name: 'thread_sort_index', pid, tid, args: { sort_index: tid } };
  }
  for (const s of recorder.slices) yield { ph: 'X', name: s.name, cat: 'cpu', ts: s.startUs, dur: Math.max(0, s.endUs - s.startUs), ...at(s.host) };
  for (const f of recorder.flows) {
    const sender = at(f.from);
    yield { ph: 'X', name: `send ${f.name}`, cat: 'send', ts: f.departUs, dur: 0, ...sender, args: { to: f.to, bytes: f.sizeBytes } };
    if (f.deliverUs === null) continue;
    yield { ph: 's', name: f.name, cat: 'message', id: f.id, ts: f.departUs, ...sender };
    // A flow's end binds only to a slice that encloses it: to a host whose slices are not kept it
    // ends on a zero-length receive mark, as one from such a host starts on its send mark.
    if (!f.receiverKept) yield { ph: 'X', name: `receive ${f.name}`, cat: 'receive', ts: f.deliverUs, dur: 0, ...at(f.to), args: { from: f.from } };
    yield { ph: 'f', name: f.name, cat: 'message', id: f.id, ts: f.deliverUs, bp: 'e', ...at(f.to) };
  }
  // A counter track is one per process and name (tid is not part of it, in Perfetto as in
  // chrome://tracing): the host's label in the name keeps the hosts of one organisation apart.
  for (const c of recorder.counters) {
    const name = `${c.name} (${labelOf.get(c.host) ?? `host ${c.host}`})`;
    yield { ph: 'C', name, ts: c.timeUs, ...at(c.host), args: { [c.name]: c.value } };
  }
}

/** Gathered into pieces of about this many characters: one write per event would be slow, one string for all too large. */
const PIECE_CHARS = 1 << 20;

/**
 * `trace` as one line of JSON (a viewer needs no layout, and indenting made a busy window's file
 * nearly twice as large), in pieces made as they are consumed.
 */
export function* chromeTraceJson(trace: ChromeTrace): Generator<string> {
  let piece = '{"traceEvents":[';
  let first = true;
  for (const event of trace.events()) {
    piece += (first ? '' : ',') + JSON.stringify(event);
    first = false;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}],"displayTimeUnit":${JSON.stringify(trace.displayTimeUnit)},"otherData":${JSON.stringify(trace.otherData)}}\n`;
}
