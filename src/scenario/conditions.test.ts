import { describe, expect, it } from 'vitest';
import { holds, holdsThroughout, parseCondition, type ComparisonOp } from './conditions.ts';

describe('holds', () => {
  // Each operator against a bound of 5, observed below, at and above it: the boundary is where a
  // strict and a non-strict comparison, or == and !=, part.
  const table: readonly [ComparisonOp, below: boolean, equal: boolean, above: boolean][] = [
    ['==', false, true, false],
    ['!=', true, false, true],
    ['<=', true, true, false],
    ['>=', false, true, true],
    ['<', true, false, false],
    ['>', false, false, true],
  ];

  it.each(table)('%s 5 holds for 4, 5 and 6 as %s, %s and %s', (op, below, equal, above) => {
    const condition = { op, value: 5 };
    expect([holds(condition, 4), holds(condition, 5), holds(condition, 6)]).toEqual([below, equal, above]);
  });

  it('> with an observed value equal to the bound is false', () => {
    expect(holds({ op: '>', value: 0 }, 0)).toBe(false);
  });

  it('!= with an observed value equal to the bound is false', () => {
    expect(holds({ op: '!=', value: 2000 }, 2000)).toBe(false);
  });
});

describe('holdsThroughout', () => {
  it('judges an interval on its far end from the bound, and == and != on the whole of it', () => {
    const c = (text: string) => parseCondition(text)!;
    expect([holdsThroughout(c('<= 5'), 1, 5), holdsThroughout(c('<= 5'), 1, 5.1), holdsThroughout(c('< 5'), 1, 5)]).toEqual([true, false, false]);
    expect([holdsThroughout(c('>= 5'), 5, 9), holdsThroughout(c('>= 5'), 4.9, 9), holdsThroughout(c('> 5'), 5, 9)]).toEqual([true, false, false]);
    expect([holdsThroughout(c('== 0'), 0, 0), holdsThroughout(c('== 0'), 0, 0.5)]).toEqual([true, false]);
    expect([holdsThroughout(c('!= 2'), 3, 4), holdsThroughout(c('!= 2'), 1, 3), holdsThroughout(c('!= 2'), 0, 1)]).toEqual([true, false, true]);
  });

  it('does not hold != on an interval that ends at the value, which it holds', () => {
    const c = (text: string) => parseCondition(text)!;
    expect([holdsThroughout(c('!= 2'), 2, 3), holdsThroughout(c('!= 2'), 1, 2)]).toEqual([false, false]);
  });
});
