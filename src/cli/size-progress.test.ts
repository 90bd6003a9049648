import { describe, expect, it } from 'vitest';
import type { ProbeProgress } from '../runner/index.ts';
import { describeProbe, describeVerdict, sizeProgressReporter } from './size-progress.ts';

const progress = (over: Partial<ProbeProgress> = {}): ProbeProgress => ({
  key: 'workload.rateTps', value: 800, probesDone: 3, durationUs: 10_000_000, elapsedMs: 12_000,
  replications: [{ state: 'running', simulatedUs: 6_500_000 }, { state: 'pending', simulatedUs: 0 }],
  slos: [{ slo: 'consensus.commit_latency_ms.p99 <= 250', now: 84.21, atLeast: 3.1, limit: 250, undefinedIn: 0 }],
  ...over,
});

/** A stream that records what is written, on a terminal or not. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, s: { isTTY, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream };
}

describe('size progress', () => {
  it('names the probe, its value, each replication\'s simulated time and each SLO so far with its final floor', () => {
    expect(describeProbe(progress())).toBe('probe 4: workload.rateTps=800 · rep 1/2 6.5/10.0 s, rep 2/2 waiting · consensus.commit_latency_ms.p99 <= 250: 84.2 so far, final ≥ 3.10 · elapsed 12s');
  });

  it('leaves each verdict on a line of its own', () => {
    expect(describeVerdict(progress({ probesDone: 4, verdict: 'misses (stopped early)' }))).toContain('probe 4: workload.rateTps=800 misses (stopped early)');
  });

  it('says which replication stopped the probe by leaving which SLO metric undefined', () => {
    const stoppedEarly = { replication: 1, atUs: 10_000_000, slo: 'consensus.commit_latency_ms.p99 <= 250', undefinedMetric: 'consensus.commit_latency_ms.p99' };
    expect(describeVerdict(progress({ probesDone: 4, verdict: 'misses (stopped early)', stoppedEarly }))).toContain('probe 4: workload.rateTps=800 misses (stopped early: replication 1 left consensus.commit_latency_ms.p99 undefined) · ');
  });

  it('shows the SLO a probe stopped on for a metric left undefined as judged, not as still running', () => {
    const stoppedEarly = { replication: 1, atUs: 10_000_000, slo: 'consensus.commit_latency_ms.p99 <= 250', undefinedMetric: 'consensus.commit_latency_ms.p99' };
    const replications = [{ state: 'finished' as const, simulatedUs: 10_000_000 }, { state: 'finished' as const, simulatedUs: 10_000_000 }, { state: 'pending' as const, simulatedUs: 0 }];
    const slos = [{ slo: 'consensus.commit_latency_ms.p99 <= 250', now: 84.21, atLeast: null, limit: 250, undefinedIn: 1, finalOf: 2 }];
    const line = describeVerdict(progress({ probesDone: 4, verdict: 'misses (stopped early)', stoppedEarly, replications, slos }));
    expect(line).toContain(' · consensus.commit_latency_ms.p99 <= 250: 84.2 where defined, undefined in 1 of 2 replications · ');
  });

  it('rewrites one line in place on a terminal and ends it at a verdict', () => {
    const { written, s } = stream(true);
    const r = sizeProgressReporter(s, () => 0);
    r.onProbeProgress(progress());
    r.onProbeProgress(progress({ probesDone: 4, verdict: 'meets' }));
    r.finish();
    expect(written[0]!.startsWith('\rprobe 4:')).toBe(true);
    expect(written[0]!.endsWith('\x1b[K')).toBe(true);
    expect(written[1]!.endsWith('\n')).toBe(true);
    expect(written).toHaveLength(2);
  });

  it('prints plain lines elsewhere: when a replication changes state, every few seconds, and the verdict', () => {
    const { written, s } = stream(false);
    let t = 0;
    const r = sizeProgressReporter(s, () => t);
    r.onProbeProgress(progress());
    t = 1_000;
    r.onProbeProgress(progress());
    t = 6_000;
    r.onProbeProgress(progress());
    r.onProbeProgress(progress({ replications: [{ state: 'finished', simulatedUs: 10_000_000 }, { state: 'running', simulatedUs: 0 }] }));
    r.onProbeProgress(progress({ probesDone: 4, verdict: 'meets' }));
    expect(written.filter((l) => l.startsWith('progress: '))).toHaveLength(3);
    expect(written.at(-1)).toMatch(/^probe 4: workload.rateTps=800 meets/);
    expect(written.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });
});

describe('size progress values near the SLO limit', () => {
  const finished = [{ state: 'finished' as const, simulatedUs: 10_000_000 }, { state: 'finished' as const, simulatedUs: 10_000_000 }];

  it('once every replication has finished, shows the final mean alone, with no bound and no "so far"', () => {
    const line = describeVerdict(progress({ probesDone: 4, verdict: 'meets', replications: finished, slos: [{ slo: 'consensus.commit_latency_ms.p99 <= 80', now: 56.49, atLeast: null, limit: 80, undefinedIn: 0 }] }));
    expect(line).toContain('consensus.commit_latency_ms.p99 <= 80: 56.5 · ');
  });

  it('says how many finished replications left the metric undefined, beside a mean that meets the bound', () => {
    const line = describeVerdict(progress({ probesDone: 1, verdict: 'misses', replications: finished, slos: [{ slo: 'consensus.commit_latency_ms.p99 <= 80', now: 56.49, atLeast: null, limit: 80, undefinedIn: 1 }] }));
    expect(line).toContain('consensus.commit_latency_ms.p99 <= 80: 56.5 where defined, undefined in 1 of 2 replications · ');
  });

  it('never rounds a value onto the limit: 999.833 against >= 1000 prints below 1000', () => {
    const line = describeVerdict(progress({ probesDone: 14, verdict: 'misses', replications: finished, slos: [{ slo: 'consensus.throughput_tps >= 1000', now: 999.833, atLeast: null, limit: 1000, undefinedIn: 0 }] }));
    expect(line).toContain('consensus.throughput_tps >= 1000: 999.8 · ');
  });

  it('never rounds a value across the limit: 999.87 against >= 999.9 prints below 999.9', () => {
    const line = describeProbe(progress({ slos: [{ slo: 'consensus.throughput_tps >= 999.9', now: 999.87, atLeast: null, limit: 999.9, undefinedIn: 0 }] }));
    expect(line).toContain('consensus.throughput_tps >= 999.9: 999.87 so far');
  });

  it('never rounds a bound onto the limit: a final mean of at least 80.004 against <= 80 prints above 80', () => {
    const line = describeProbe(progress({ slos: [{ slo: 'consensus.commit_latency_ms.p99 <= 80', now: 90, atLeast: 80.004, limit: 80, undefinedIn: 0 }] }));
    expect(line).toContain('final ≥ 80.004');
  });
});
