/**
 * The SimBlock agreement check can fail. Its own run (4 replications of 50 blocks on 6,000 nodes)
 * takes about 14 s, so these tests judge shorter replications of the same scenario, through the
 * check's own replication and verdict, at its first seeds.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Network } from '../../../sim/index.ts';
import { FIRST_SEED, judge, replicate, SIMBLOCK } from './simblock-agreement.ts';

const BLOCKS = 10;
const runs = () => [replicate(FIRST_SEED, BLOCKS), replicate(FIRST_SEED + 1, BLOCKS)];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SimBlock agreement check', () => {
  it('passes as shipped on the short replications, both at 50 % and 90 % of nodes', () => {
    const rs = runs();
    expect([judge(SIMBLOCK.p50, rs.map((r) => r.p50Ms), '50 %').passed, judge(SIMBLOCK.p90, rs.map((r) => r.p90Ms), '90 %').passed]).toEqual([true, true]);
  });

  it('fails when a block costs no time on the wire (links that do not serialize), both at 50 % and 90 % of nodes', () => {
    vi.spyOn(Network.prototype as unknown as { serializationUs(bytes: number, bps: number): number }, 'serializationUs').mockReturnValue(0);
    const rs = runs();
    const p50 = judge(SIMBLOCK.p50, rs.map((r) => r.p50Ms), '50 %');
    const p90 = judge(SIMBLOCK.p90, rs.map((r) => r.p90Ms), '90 %');
    expect([p50.passed, p90.passed]).toEqual([false, false]);
    expect(p50.simulated).toBeLessThan(SIMBLOCK.p50.meanMs);
    expect(p90.simulated).toBeLessThan(SIMBLOCK.p90.meanMs);
  });
});
