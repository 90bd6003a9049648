import { describe, expect, it } from 'vitest';
import { actingAttacks, attackActs } from './acting-attacks.ts';

describe('which attacks act in a run', () => {
  it('an attack acts when its window opens before the end, not at it or after', () => {
    expect([attackActs({ start: 4_999_999 }, 5_000_000), attackActs({ start: 5_000_000 }, 5_000_000), attackActs({ start: 6_000_000 }, 5_000_000)]).toEqual([true, false, false]);
  });

  it('keeps the acting attacks in the order given', () => {
    const attacks = [{ start: 0, k: 0 }, { start: 9, k: 1 }, { start: 3, k: 2 }];
    expect(actingAttacks(attacks, 5).map((a) => a.k)).toEqual([0, 2]);
  });
});
