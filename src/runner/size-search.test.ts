/** The search alone, on verdicts given by a threshold: which values it probes and what it answers. */
import { describe, expect, it } from 'vitest';
import { nextBracketValue, searchBoundary } from './size-search.ts';

async function search(lo: number, hi: number, minimize: boolean, passes: (v: number) => boolean) {
  const probed: number[] = [];
  const out = await searchBoundary(lo, hi, minimize, async (v) => {
    probed.push(v);
    return passes(v);
  });
  return { ...out.result!, status: out.status, probed };
}

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
    expect((await searchBoundary(1, 10, false, async (v) => (v < 4 ? true : undefined))).status).toBe('failed');
  });
});
