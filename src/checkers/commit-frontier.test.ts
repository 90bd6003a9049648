import { describe, expect, it } from 'vitest';
import { CommitFrontier, forgetThrough } from './commit-frontier.ts';

describe('CommitFrontier', () => {
  it('is the lowest height every replica has committed, and moves only when the slowest one does', () => {
    const f = new CommitFrontier([3, 5, 7]);
    expect(f.advance(3, 1)).toBe(false);
    expect(f.advance(5, 2)).toBe(false);
    expect(f.height).toBe(-Infinity);
    expect(f.advance(7, 4)).toBe(true);
    expect(f.height).toBe(1);
    expect(f.advance(5, 3)).toBe(false);
    expect(f.advance(3, 5)).toBe(true);
    expect(f.height).toBe(3);
  });

  it('ignores hosts that are not replicas, heights a replica has passed, and never moves without replicas', () => {
    const f = new CommitFrontier([0, 1]);
    f.advance(0, 4);
    expect(f.advance(9, 10)).toBe(false);
    f.advance(1, 4);
    expect(f.advance(1, 2)).toBe(false);
    expect(f.height).toBe(4);
    const none = new CommitFrontier([]);
    expect(none.advance(0, 100)).toBe(false);
    expect(none.height).toBe(-Infinity);
  });
});

describe('forgetThrough', () => {
  it('deletes the keys at or below the height, in insertion order, and reports each', () => {
    const m = new Map([[1, 'a'], [2, 'b'], [3, 'c']]);
    const gone: number[] = [];
    forgetThrough(m, 2, (k) => gone.push(k));
    expect(gone).toEqual([1, 2]);
    expect([...m.keys()]).toEqual([3]);
  });
});
