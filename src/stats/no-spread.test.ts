import { describe, expect, it } from 'vitest';
import { relabellingExtremeP, signFlipExtremeP } from './no-spread.ts';

describe('the exact permutation p of samples with no spread', () => {
  it('is 2^(1−n) for n equal non-zero paired differences: 2 of the 2^n sign patterns are as extreme', () => {
    expect([2, 3, 6].map(signFlipExtremeP)).toEqual([0.5, 0.25, 0.03125]);
  });

  it('is 2 / C(nA + nB, nA) for two constant, unequal samples, at most 1', () => {
    // C(4, 2) = 6, C(6, 3) = 20, C(10, 5) = 252, C(3, 1) = 3.
    expect([relabellingExtremeP(2, 2), relabellingExtremeP(3, 3), relabellingExtremeP(5, 5), relabellingExtremeP(1, 2), relabellingExtremeP(1, 1)]).toEqual([1 / 3, 0.1, 2 / 252, 2 / 3, 1]);
  });
});
