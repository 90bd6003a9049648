import { describe, expect, it } from 'vitest';
import { GroundTruth } from './ground-truth.ts';

describe('GroundTruth', () => {
  it('answers whether an entity is labelled at a time, inside its window only', () => {
    const gt = new GroundTruth();
    const l = gt.label('host', 3, 'crash', 'crashed', 1_000);
    gt.close(l, 5_000);
    expect([gt.isLabelledAt('host', 3, 999), gt.isLabelledAt('host', 3, 1_000), gt.isLabelledAt('host', 3, 4_999), gt.isLabelledAt('host', 3, 5_000)]).toEqual([false, true, true, false]);
    expect(gt.isLabelledAt('host', 4, 2_000)).toBe(false);
  });

  it('lists Byzantine replica hosts once each and writes open windows as null', () => {
    const gt = new GroundTruth();
    gt.label('host', 1, 'silence', 'byzantine-replica', 0);
    gt.label('host', 1, 'equivocation', 'byzantine-replica', 0);
    gt.label('host', 2, 'crash', 'crashed', 0);
    expect(gt.byzantineHosts()).toEqual([1]);
    expect(gt.toJSON()[0]!.toUs).toBeNull();
  });
});
