import { describe, expect, it } from 'vitest';
import { relabellingExtremeP, signFlipExtremeP } from './no-spread.ts';

describe('the exact permutation p of samples with no spread', () => {
  it('is 2^(1−n) for n equal non-zero paired differences: 2 of the 2^n sign patterns are as extreme', () => {
    expect([2, 3, 6].map(signFlipExtremeP)).toEqual([0.5, 0.25, 0.03125]);
  });

  it('is 2 / C(nA + nB, nA) for two constant, unequal samples of equal sizes, at most 1', () => {
    // C(4, 2) = 6, C(6, 3) = 20, C(10, 5) = 252, C(2, 1) = 2.
    expect([relabellingExtremeP(2, 2), relabellingExtremeP(3, 3), relabellingExtremeP(5, 5), relabellingExtremeP(1, 1)]).toEqual([1 / 3, 0.1, 2 / 252, 1]);
  });

  it('is 1 / C(nA + nB, nA) for unequal sizes, where the mirror split is not as extreme (permutation.test.ts counts them by brute force)', () => {
    // C(5, 3) = 10, C(7, 2) = 21, C(3, 1) = 3.
    expect([relabellingExtremeP(3, 2), relabellingExtremeP(2, 5), relabellingExtremeP(1, 2)]).toEqual([0.1, 1 / 21, 1 / 3]);
  });
});
