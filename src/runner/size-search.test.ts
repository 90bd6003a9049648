/** The search alone, on verdicts given by a threshold: which values it probes and what it answers. */
import { describe, expect, it } from 'vitest';
import { nextBracketValue, nextInside, searchBoundary } from './size-search.ts';

/** A search on verdicts from `passes`, with margins from `margin` (none: NaN, so it bisects). */
async function search(lo: number, hi: number, minimize: boolean, passes: (v: number) => boolean, margin: (v: number) => number = () => NaN) {
  const probed: number[] = [];
  const out = await searchBoundary(lo, hi, minimize, async (v) => {
    probed.push(v);
    return { passed: passes(v), margin: margin(v) };
  });
  return { ...out.result!, status: out.status, probed };
}

/** A p99 latency that stays near 47 ms until close to capacity, then climbs steeply (ms). */
const latency = (v: number) => 47 + 200 * Math.exp((v - 12_614.5) / 60);

describe('searchBoundary', () => {
  it('maximizing, doubles from the lower end until a probe fails, then bisects between the last pass and it', async () => {
    const r = await search(100, 200_000, false, (v) => v <= 6_789);
    expect(r.probed.slice(0, 8)).toEqual([100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800]);
    expect(Math.max(...r.probed)).toBe(12_800);
    expect(r.answer).toBe(6_789);
    expect(r.probed.length).toBe(8 + Math.ceil(Math.log2(6_400)));
  });

  it('minimizing, doubles until a probe passes, then bisects between the last failure and it', async () => {
    const r = await search(1, 1_000, true, (v) => v >= 37);
    expect(r.probed.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(r.answer).toBe(37);
  });

  it('stops at the upper end when every value passes, and answers it', async () => {
    const r = await search(3, 20, false, () => true);
    expect(r.probed).toEqual([3, 6, 12, 20]);
    expect(r.answer).toBe(20);
  });

  it('answers none after one probe when the lower end already fails (maximizing), or the upper end still fails (minimizing)', async () => {
    expect((await search(5, 50, false, () => false)).probed).toEqual([5]);
    expect((await search(5, 50, false, () => false)).answer).toBeNull();
    const min = await search(5, 50, true, () => false);
    expect(min.probed).toEqual([5, 10, 20, 40, 50]);
    expect(min.answer).toBeNull();
  });

  it('steps from 0 to 1, then doubles', () => {
    expect([0, 1, 2, 3].map(nextBracketValue)).toEqual([1, 2, 4, 6]);
  });

  it('reports a probe that could not finish as a failed search', async () => {
    expect((await searchBoundary(1, 10, false, async (v) => (v < 4 ? { passed: true, margin: -1 } : undefined))).status).toBe('failed');
  });

  it('with margins, interpolates to the same boundary in far fewer probes than bisection', async () => {
    const passes = (v: number) => latency(v) <= 250;
    const bisected = await search(100, 200_000, false, passes);
    const interpolated = await search(100, 200_000, false, passes, (v) => Math.log(latency(v) / 250));
    expect(interpolated.answer).toBe(bisected.answer);
    expect(passes(interpolated.answer!)).toBe(true);
    expect(passes(interpolated.answer! + 1)).toBe(false);
    expect(interpolated.probed.length).toBeLessThanOrEqual(bisected.probed.length - 3);
  });

  it('misleading margins cost at most twice bisection: a step that does not halve the bracket is followed by a bisection', async () => {
    const passes = (v: number) => v <= 70_000;
    const r = await search(100, 200_000, false, passes, (v) => (passes(v) ? -1e-9 : 1e9));
    expect(r.answer).toBe(70_000);
    const bracketProbes = 11;
    expect(r.probed.length - bracketProbes).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(102_400 - 51_200)) + 1);
  });

  it('interpolates strictly inside the bracket, and takes the middle without usable margins', () => {
    expect(nextInside({ value: 0, margin: -1 }, { value: 100, margin: 3 })).toBe(25);
    expect(nextInside({ value: 0, margin: -1e-12 }, { value: 100, margin: 5 })).toBe(1);
    expect(nextInside({ value: 0, margin: -5 }, { value: 100, margin: 1e-12 })).toBe(99);
    expect(nextInside({ value: 0, margin: NaN }, { value: 100, margin: 3 })).toBe(50);
  });
});
