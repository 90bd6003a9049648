/** The engine entry: PHOLD with default parameters, 10 million measured events after 1 million of warm-up. */
import type { BenchEntry, SimulatedMetrics } from '../harness/entry.ts';
import { PHOLD_DEFAULTS, runPhold, type PholdResult } from './phold.ts';

const MEASURED_EVENTS = 10_000_000;
const WARMUP_EVENTS = 1_000_000;

export const pholdEntry: BenchEntry = {
  name: 'engine.phold',
  description: `PHOLD L=${PHOLD_DEFAULTS.processes} P=${PHOLD_DEFAULTS.eventsPerProcess} remote=${PHOLD_DEFAULTS.remoteProbability}, 10M events after 1M warm-up`,
  suites: ['quick', 'full'],
  run() {
    const r = runPhold(MEASURED_EVENTS, WARMUP_EVENTS);
    return { wallMs: r.wallMs, events: r.events, simulatedSeconds: r.simulatedUs / 1e6, metrics: pholdMetrics(r) };
  },
};

/** The deterministic part of a PHOLD run: what the golden file holds. */
export function pholdMetrics(r: PholdResult): SimulatedMetrics {
  return {
    'phold.events': r.events,
    'phold.end_time_us': r.endTimeUs,
    'phold.messages_sent': r.messagesSent,
    'phold.trace_hash': r.traceHash,
  };
}
