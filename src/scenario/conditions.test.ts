import { describe, expect, it } from 'vitest';
import { holds, type ComparisonOp } from './conditions.ts';

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
