import { describe, expect, it } from 'vitest';
import { verdictCells } from './verdict.ts';

describe("an expectation's verdict cells", () => {
  it('counts only the replications that defined the metric where there are too few for an interval', () => {
    // Three replications, two of which committed nothing: the mean is the one value left, no interval.
    const cells = verdictCells({ observed: 412, ci95: null, n: 3, failedReplications: 2, undefinedIn: { replications: 2, of: 3 } }, 500);
    expect(cells.interval).toBe('none (n=1)');
    expect(cells.breaking).toBe('2 of 3');
  });

  it("prints the interval's ends on their side of the expectation's bound, never rounded onto it", () => {
    // `>= 90` judged on the interval fails on a low end of 89.996, which four digits would print as 90.
    const cells = verdictCells({ observed: 92.5, ci95: [89.996, 95], n: 3, failedReplications: 1, rule: 'interval' }, 90);
    expect(cells.interval).toBe('[89.996, 95]');
  });
});
