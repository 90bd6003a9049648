/** `iomtsim validate --seed-offset N`: the stochastic checks run on other seeds, the exact ones do not move. */
import { describe, expect, it } from 'vitest';
import { selectChecks } from './index.ts';

const runOne = (id: string, seedOffset: number) => selectChecks({ quick: true, only: [id], seedOffset })[0]!.run();

describe('validation seed offset', () => {
  it('moves an estimate drawn from random numbers (the selfish-mining race)', () => {
    const shipped = runOne('selfish-mining.revenue.a0.3-g0', 0);
    const shifted = runOne('selfish-mining.revenue.a0.3-g0', 1_000);
    expect(shifted.expected).toBe(shipped.expected);
    expect(shifted.simulated).not.toBe(shipped.simulated);
  });

  it('leaves a check with nothing to draw exactly as it was (incast on fixed latencies)', () => {
    expect(runOne('cost.incast.k10', 1_000)).toEqual(runOne('cost.incast.k10', 0));
  });
});
