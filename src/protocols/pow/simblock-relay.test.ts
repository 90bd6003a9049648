import { describe, expect, it } from 'vitest';
import { Rng } from '../../../sim/index.ts';
import { bitcoin2015OutboundPeers, simblockFailedCompactBytes } from './simblock-relay.ts';

const DRAWS = 20_000;

function meanAndSe(draw: () => number): { mean: number; se: number; min: number; max: number } {
  const xs = Array.from({ length: DRAWS }, draw);
  const mean = xs.reduce((a, b) => a + b, 0) / DRAWS;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (DRAWS - 1);
  return { mean, se: Math.sqrt(variance / DRAWS), min: Math.min(...xs), max: Math.max(...xs) };
}

describe("SimBlock's relay tables", () => {
  it("draws outbound links from 1 to 20 with the 2015 distribution's mean of 8.645", () => {
    const rng = new Rng(3);
    const d = meanAndSe(() => bitcoin2015OutboundPeers(rng));
    expect(d.min).toBe(1);
    expect(d.max).toBe(20);
    expect(Math.abs(d.mean - 8.645)).toBeLessThan(4 * d.se);
  });

  it("sends a churning server's table share (mean 8.72 %, from 1 % to 96 %) and a steady server's 1 %", () => {
    const rng = new Rng(4);
    const d = meanAndSe(() => simblockFailedCompactBytes(rng, 100_000, true) / 100_000);
    expect(d.min).toBe(0.01);
    expect(d.max).toBe(0.96);
    expect(Math.abs(d.mean - 8243 / 94_500)).toBeLessThan(4 * d.se);
    expect(simblockFailedCompactBytes(rng, 535_000, false)).toBe(5350);
  });
});
