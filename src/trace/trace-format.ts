/**
 * The trace-event format as iomtsim writes it, as a checker: the JSON Object Format with
 * `traceEvents`, each event well-typed for its phase (M metadata, X complete, s/f flow, C counter),
 * every flow finishing once, no earlier than it started, inside a slice of its thread, and every
 * thread named. It is what the
 * tests hold a written trace to; Perfetto and chrome://tracing read this subset.
 */
import { z } from 'zod';

const id = z.number().int().nonnegative();
const time = z.number().nonnegative();

const zEvent = z.discriminatedUnion('ph', [
  z.object({ ph: z.literal('M'), name: z.enum(['process_name', 'thread_name', 'process_sort_index', 'thread_sort_index']), pid: id, tid: id, args: z.record(z.string(), z.union([z.string(), z.number()])) }).strict(),
  z.object({ ph: z.literal('X'), name: z.string().min(1), cat: z.string(), ts: time, dur: time, pid: id, tid: id, args: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).strict(),
  z.object({ ph: z.literal('s'), name: z.string().min(1), cat: z.string(), id, ts: time, pid: id, tid: id }).strict(),
  z.object({ ph: z.literal('f'), name: z.string().min(1), cat: z.string(), id, ts: time, pid: id, tid: id, bp: z.literal('e') }).strict(),
  z.object({ ph: z.literal('C'), name: z.string().min(1), ts: time, pid: id, tid: id, args: z.record(z.string(), z.number()) }).strict(),
]);

const zTrace = z.object({ traceEvents: z.array(zEvent), displayTimeUnit: z.enum(['ms', 'ns']).optional(), otherData: z.record(z.string(), z.unknown()).optional() }).strict();

/** Problems with `value` as a trace-event file; empty when it is one. */
export function traceFormatProblems(value: unknown): string[] {
  const parsed = zTrace.safeParse(value);
  if (!parsed.success) return parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`);
  const problems: string[] = [];
  const starts = new Map<number, number>();
  const finished = new Set<number>();
  const named = new Set<string>();
  const used = new Set<string>();
  for (const e of parsed.data.traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name') named.add(`${e.pid}/${e.tid}`);
    if (e.ph === 'X' || e.ph === 's' || e.ph === 'f' || e.ph === 'C') used.add(`${e.pid}/${e.tid}`);
    if (e.ph === 's') {
      if (starts.has(e.id)) problems.push(`flow ${e.id} starts twice`);
      starts.set(e.id, e.ts);
    }
  }
  // Perfetto and chrome://tracing bind a flow's end (`bp: 'e'`) to a slice on its thread that
  // encloses it, and drop the arrow where there is none.
  const slicesOf = new Map<string, { ts: number; end: number }[]>();
  for (const e of parsed.data.traceEvents) {
    if (e.ph !== 'X') continue;
    const key = `${e.pid}/${e.tid}`;
    const list = slicesOf.get(key);
    if (list === undefined) slicesOf.set(key, [{ ts: e.ts, end: e.ts + e.dur }]);
    else list.push({ ts: e.ts, end: e.ts + e.dur });
  }
  for (const e of parsed.data.traceEvents) {
    if (e.ph !== 'f') continue;
    if (!(slicesOf.get(`${e.pid}/${e.tid}`) ?? []).some((x) => x.ts <= e.ts && e.ts <= x.end)) problems.push(`flow ${e.id} finishes at ${e.ts} µs on thread ${e.pid}/${e.tid}, in no slice there`);
    const start = starts.get(e.id);
    if (start === undefined) problems.push(`flow ${e.id} finishes without a start`);
    else if (e.ts < start) problems.push(`flow ${e.id} finishes at ${e.ts} µs, before it starts at ${start} µs`);
    if (finished.has(e.id)) problems.push(`flow ${e.id} finishes twice`);
    finished.add(e.id);
  }
  for (const idStarted of starts.keys()) if (!finished.has(idStarted)) problems.push(`flow ${idStarted} never finishes`);
  for (const thread of used) if (!named.has(thread)) problems.push(`thread ${thread} has events but no thread_name`);
  return problems;
}
