import { describe, expect, it } from 'vitest';
import { chromeTrace, chromeTraceJson, type TraceEvent } from './chrome-trace.ts';
import { TraceRecorder } from './recorder.ts';

/** Two replicas of one organisation whose mempools hold 5 and 9 transactions at 1 ms. */
function twoMempools(): TraceRecorder {
  const recorder = new TraceRecorder({ fromUs: 0, toUs: Infinity, hosts: null, chartHosts: new Set() });
  recorder.observe(0, { kind: 'mempool', sizeTxs: 5 } as never, 1_000);
  recorder.observe(1, { kind: 'mempool', sizeTxs: 9 } as never, 1_000);
  return recorder;
}

const HOSTS = [
  { host: 0, label: 'replica 0', organisation: 'hospital' },
  { host: 1, label: 'replica 1', organisation: 'hospital' },
];

describe('the Chrome trace', () => {
  it('gives each host a counter of its own: viewers key a counter by process and name, not by thread', () => {
    const counters = [...chromeTrace(twoMempools(), HOSTS, {}).events()].filter((e): e is Extract<TraceEvent, { ph: 'C' }> => e.ph === 'C');
    expect(counters.map((c) => [c.pid, c.name])).toEqual([
      [1, 'mempool_txs (replica 0)'],
      [1, 'mempool_txs (replica 1)'],
    ]);
  });

  it('is written in pieces of about a MiB, never as one string, which a busy window would make too long', () => {
    const recorder = twoMempools();
    for (let i = 0; i < 30_000; i++) recorder.handled(0, 'timer', i, i + 1, -1, null, -1);
    const pieces = [...chromeTraceJson(chromeTrace(recorder, HOSTS, { seed: 1 }))];
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1.1 * 2 ** 20);
    const file = JSON.parse(pieces.join(''));
    expect(file.traceEvents.filter((e: TraceEvent) => e.ph === 'X')).toHaveLength(30_000);
    expect(file.otherData).toEqual({ seed: 1 });
  });
});
