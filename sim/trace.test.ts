import { describe, expect, it } from 'vitest';
import { TraceHash } from './trace.ts';
import { randomTrafficEngine } from './testing/helpers.ts';

const HORIZON_US = 200_000;

describe('trace hash', () => {
  it('is equal for two runs of the same model and seed', () => {
    const a = randomTrafficEngine(7);
    const b = randomTrafficEngine(7);
    a.run(HORIZON_US);
    b.run(HORIZON_US);
    expect(a.eventsProcessed).toBeGreaterThan(1_000);
    expect(a.traceHash()).toBe(b.traceHash());
  });

  it('differs for a different seed', () => {
    const a = randomTrafficEngine(7);
    const b = randomTrafficEngine(8);
    a.run(HORIZON_US);
    b.run(HORIZON_US);
    expect(a.traceHash()).not.toBe(b.traceHash());
  });

  it('does not depend on how the run is sliced', () => {
    const whole = randomTrafficEngine(7);
    whole.run(HORIZON_US);
    const sliced = randomTrafficEngine(7);
    for (let t = 0; t <= HORIZON_US; t += 3_333) sliced.run(t);
    sliced.run(HORIZON_US);
    expect(sliced.traceHash()).toBe(whole.traceHash());
  });

  it('gives two engines interleaved in one process the same results as each alone', () => {
    const alone7 = randomTrafficEngine(7);
    alone7.run(HORIZON_US);
    const alone9 = randomTrafficEngine(9);
    alone9.run(HORIZON_US);
    const x = randomTrafficEngine(7);
    const y = randomTrafficEngine(9);
    for (let t = 0; t <= HORIZON_US; t += 1_000) {
      x.run(t);
      y.run(t);
    }
    expect([x.traceHash(), x.eventsProcessed, x.network.bytesSent[3]]).toEqual([alone7.traceHash(), alone7.eventsProcessed, alone7.network.bytesSent[3]]);
    expect([y.traceHash(), y.eventsProcessed]).toEqual([alone9.traceHash(), alone9.eventsProcessed]);
  });

  it('changes when any one field of one event changes', () => {
    const base = [[10, 1, 2, 3], [20, 2, 3, 4]] as const;
    const digest = (evs: readonly (readonly [number, number, number, number])[]) => {
      const h = new TraceHash();
      for (const [t, k, f, to] of evs) h.mix(t, k, f, to);
      return h.digest();
    };
    const ref = digest(base);
    for (let field = 0; field < 4; field++) {
      const changed = base.map((e, i) => (i === 1 ? e.map((v, j) => (j === field ? v + 1 : v)) : e)) as unknown as typeof base;
      expect(digest(changed)).not.toBe(ref);
    }
    expect(digest([...base, [0, 0, 0, 0]])).not.toBe(ref);
  });

  it('changes when two events of one destination swap, not when two destinations interleave differently', () => {
    type Ev = readonly [number, number, number, number];
    const digest = (evs: readonly Ev[]) => {
      const h = new TraceHash();
      for (const [t, k, f, to] of evs) h.mix(t, k, f, to);
      return h.digest();
    };
    const a1: Ev = [10, 1, 2, 3], a2: Ev = [20, 1, 2, 3], b1: Ev = [10, 1, 0, 4];
    expect(digest([a2, a1, b1])).not.toBe(digest([a1, a2, b1]));
    expect(digest([a1, b1, a2])).toBe(digest([b1, a1, a2]));
  });

  it('gives the same digest when each destination\'s stream was computed elsewhere and absorbed', () => {
    const whole = randomTrafficEngine(7);
    whole.run(HORIZON_US);
    const combined = new TraceHash();
    for (let to = -1; to < whole.hostCount; to++) combined.absorb(to, whole.trace.stream(to));
    expect(combined.digest()).toBe(whole.traceHash());
    expect(combined.count).toBe(whole.eventsProcessed);
    // One host's stream missing changes it.
    const partial = new TraceHash();
    for (let to = -1; to < whole.hostCount; to++) if (to !== 5) partial.absorb(to, whole.trace.stream(to));
    expect(partial.digest()).not.toBe(whole.traceHash());
  });

  it('distinguishes times beyond 2^32 µs', () => {
    const a = new TraceHash();
    a.mix(2 ** 32 + 5, 1, 0, 0);
    const b = new TraceHash();
    b.mix(5, 1, 0, 0);
    expect(a.digest()).not.toBe(b.digest());
  });
});
