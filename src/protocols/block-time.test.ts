/** The block-time rule's bounds (CometBFT's PBTS timely predicate, docs/references.md §13), at their edges. */
import { describe, expect, it } from 'vitest';
import { aheadOfClock, timely, validBlockTime } from './block-time.ts';

const BOUNDS = { blockTimePrecision: 505_000, blockTimeMessageDelay: 15_000_000 };
const STAMP_US = 100_000_000;

describe('block time', () => {
  it('is timely from precision before the stamp to message delay plus precision after it, and not beyond', () => {
    expect(timely(STAMP_US, STAMP_US - 505_000, BOUNDS)).toBe(true);
    expect(timely(STAMP_US, STAMP_US - 505_001, BOUNDS)).toBe(false);
    expect(timely(STAMP_US, STAMP_US + 15_505_000, BOUNDS)).toBe(true);
    expect(timely(STAMP_US, STAMP_US + 15_505_001, BOUNDS)).toBe(false);
  });

  it('is valid only no earlier than the parent\'s stamp, where the parent is known', () => {
    expect(validBlockTime(STAMP_US, STAMP_US, STAMP_US, BOUNDS)).toBe(true);
    expect(validBlockTime(STAMP_US, STAMP_US + 1, STAMP_US, BOUNDS)).toBe(false);
    expect(validBlockTime(STAMP_US, undefined, STAMP_US, BOUNDS)).toBe(true);
    expect(validBlockTime(STAMP_US, undefined, STAMP_US + 16_000_000, BOUNDS)).toBe(false);
  });

  it('is ahead of the clock (a future block in Clique) only past the precision', () => {
    expect(aheadOfClock(STAMP_US + 505_000, STAMP_US, 505_000)).toBe(false);
    expect(aheadOfClock(STAMP_US + 505_001, STAMP_US, 505_000)).toBe(true);
  });
});
