import { describe, expect, it } from 'vitest';
import { blockWork, mineBlock, nextDifficulty, powGenesis } from './block.ts';
import { runPowNetwork } from './network-run.ts';
import { POW_DEFAULTS } from './params.ts';
import type { PowBlock } from './types.ts';

/** A chain of `n` blocks on genesis, one every `gapUs`, all at difficulty `d`. */
function chain(n: number, gapUs: number, d = 1): PowBlock {
  let b = powGenesis();
  for (let i = 1; i <= n; i++) b = mineBlock(b, 0, i * gapUs, d, 1000, 250, i);
  return b;
}

describe('PoW blocks and difficulty', () => {
  it('hashes a block once, from its header fields, with SHA-256', () => {
    const g = powGenesis();
    const a = mineBlock(g, 3, 1_000, 1, 1000, 250, 0);
    const b = mineBlock(g, 3, 1_000, 1, 1000, 250, 1);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toBe(b.hash);
    expect(mineBlock(g, 3, 1_000, 1, 1000, 250, 0).hash).toBe(a.hash);
    expect(a.totalWork).toBe(2);
    expect(blockWork(a)).toBe(1);
  });

  it('keeps the difficulty fixed when retargeting is off', () => {
    expect(nextDifficulty(chain(20, 1), 0, 600)).toBe(1);
  });

  it('doubles the difficulty when a period took half the expected time (Bitcoin retarget)', () => {
    // Blocks 1..9 came every 300 µs against a 600 µs target: the block at height 10 retargets.
    const tip = chain(9, 300);
    expect(nextDifficulty(tip, 10, 600)).toBeCloseTo(2, 12);
    expect(nextDifficulty(chain(8, 300), 10, 600)).toBe(1);
  });

  it('clamps a retarget to a factor of 4', () => {
    expect(nextDifficulty(chain(9, 10), 10, 600)).toBe(4);
    expect(nextDifficulty(chain(9, 100_000), 10, 600)).toBe(0.25);
  });

  it('retargets in a network run and keeps the mean interval near the target', () => {
    // Equal hash power already mines at the target rate, so retargets only correct noise.
    const nodes = 10;
    const r = runPowNetwork({
      seed: 3,
      network: { regions: ['all'], latencyUs: { kind: 'fixed', value: 10_000 } },
      placements: Array.from({ length: nodes }, () => ({ region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity })),
      params: { ...POW_DEFAULTS, blockIntervalUs: 10_000_000, retargetBlocks: 50, compactBlockShare: 0 },
      hashPower: new Float64Array(nodes).fill(1),
      stopAfterHeight: 400,
      maxDurationUs: Number.MAX_SAFE_INTEGER,
    });
    const main = r.collector.mainChain();
    expect(main.some((b) => b.difficulty !== 1)).toBe(true);
    expect(r.metrics['pow.block_interval_s']!.value).toBeGreaterThan(8);
    expect(r.metrics['pow.block_interval_s']!.value).toBeLessThan(12);
  });
});
