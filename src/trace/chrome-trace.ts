/**
 * A recorded window as Chrome trace-event JSON (the "JSON Object Format" of the Trace Event Format
 * that chrome://tracing and Perfetto open): one process per organisation (the host's network
 * region), one thread per host, a complete event (`X`) per processor slice, a flow (`s` → `f`) per
 * delivered message from a zero-length send mark on the sender to the receiver's handling slice
 * (or a zero-length receive mark where `--hosts` leaves the receiver's slices out),
 * and counters (`C`) for mempool occupancy. Times are virtual microseconds, as the format wants.
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
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Readonly<Record<string, string | number>>;
}

export function chromeTrace(recorder: TraceRecorder, hosts: readonly TraceHost[], otherData: Readonly<Record<string, string | number>>): ChromeTrace {
  const organisations = [...new Set(hosts.map((h) => h.organisation))];
  const pidOf = new Map(organisations.map((o, i) => [o, i + 1]));
  const where = new Map(hosts.map((h) => [h.host, { pid: pidOf.get(h.organisation)!, tid: h.host + 1 }]));
  const at = (host: number): { pid: number; tid: number } => where.get(host) ?? { pid: 0, tid: host + 1 };
  const events: TraceEvent[] = [];
  for (const [organisation, pid] of pidOf) {
    events.push({ ph: 'M', name: 'process_name', pid, tid: 0, args: { name: organisation } });
    events.push({ ph: 'M', name: 'process_sort_index', pid, tid: 0, args: { sort_index: pid } });
  }
  for (const h of hosts) {
    const { pid, tid } = at(h.host);
    events.push({ ph: 'M', name: 'thread_name', pid, tid, args: { name: h.label } });
    events.push({ ph: 'M', name: 'thread_sort_index', pid, tid, args: { sort_index: tid } });
  }
  for (const s of recorder.slices) events.push({ ph: 'X', name: s.name, cat: 'cpu', ts: s.startUs, dur: Math.max(0, s.endUs - s.startUs), ...at(s.host) });
  for (const f of recorder.flows) {
    const sender = at(f.from);
    events.push({ ph: 'X', name: `send ${f.name}`, cat: 'send', ts: f.departUs, dur: 0, ...sender, args: { to: f.to, bytes: f.sizeBytes } });
    if (f.deliverUs === null) continue;
    events.push({ ph: 's', name: f.name, cat: 'message', id: f.id, ts: f.departUs, ...sender });
    // A flow's end binds only to a slice that encloses it: to a host whose slices are not kept it
    // ends on a zero-length receive mark, as one from such a host starts on its send mark.
    if (!f.receiverKept) events.push({ ph: 'X', name: `receive ${f.name}`, cat: 'receive', ts: f.deliverUs, dur: 0, ...at(f.to), args: { from: f.from } });
    events.push({ ph: 'f', name: f.name, cat: 'message', id: f.id, ts: f.deliverUs, bp: 'e', ...at(f.to) });
  }
  for (const c of recorder.counters) events.push({ ph: 'C', name: c.name, ts: c.timeUs, ...at(c.host), args: { [c.name]: c.value } });
  return { traceEvents: events, displayTimeUnit: 'ms', otherData };
}
