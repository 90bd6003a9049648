import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm.ts';

describe("Holm's step-down correction", () => {
  it('multiplies the k-th smallest p by (m − k + 1), keeps the order monotone and the input order', () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
  });
});
