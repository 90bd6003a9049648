/**
 * The proof-of-work network checks (pow-network.ts) can fail. Their full runs (600 nodes, 10 runs
 * × 300 blocks per block size) take tens of seconds, so these tests run the check's own run2016 on
 * fewer runs or nodes, and judge the result with the check's own verdicts (judgeStaleRate,
 * judgeStaleTrend), which its run() applies.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../../sim/index.ts';
import type { Estimate } from '../stats.ts';
import { BITCOIN_2016_BLOCK_BYTES, DECADES, FIRST_SEED, judgeStaleRate, judgeStaleTrend, MEASURED_STALE_RATE, NODES_2016, pooledStaleRate, run2016, STALE_BLOCKS } from './pow-network.ts';
import { withReplacedProperty } from './testing/replaced-property.ts';

interface Setting {
  readonly nodes: number;
  readonly blocks: number;
  readonly runs: number;
}

/** Stale blocks over mined blocks on `runs` runs of the check's run2016, at its first seeds. */
const staleRate = (blockSizeBytes: number, s: Setting): Estimate =>
  pooledStaleRate(Array.from({ length: s.runs }, (_, k) => run2016(blockSizeBytes, FIRST_SEED + k, s.nodes, s.blocks)));

/** The trend check's verdict, 2 MB against 100 kB blocks. */
const trend = (s: Setting) => judgeStaleTrend(staleRate(100_000, s), staleRate(2_000_000, s), '');

/** Run `fn` on links that put every message on the wire in no time (testing/replaced-property.ts). */
function withLinksThatDoNotSerialize<T>(fn: () => T): T {
  return withReplacedProperty(Network.prototype, 'serializationNs', (shipped) => ({ ...shipped, value: () => 0 }), fn);
}

/** 100 nodes and 2 runs × 1,000 blocks per size: enough for the shipped model to show the trend. */
const SMALL_TREND: Setting = { nodes: 100, blocks: 1_000, runs: 2 };

describe('proof-of-work network checks', () => {
  it('the stale-rate check fails, its whole 95 % interval above ×√10, when block sizes are taken in bits for bytes (8× the blocks)', () => {
    // Two of the check's ten runs, on its 600-node network with its seeds.
    const r = judgeStaleRate(staleRate(8 * BITCOIN_2016_BLOCK_BYTES, { nodes: NODES_2016, blocks: STALE_BLOCKS, runs: 2 }), '');
    expect(r.passed).toBe(false);
    // Failed by the value, not by too few samples: the interval lies entirely above the band.
    expect(r.ci95![0]).toBeGreaterThan(MEASURED_STALE_RATE * 10 ** DECADES);
  });

  it('the trend check passes on a smaller network as shipped: 2 MB blocks go stale more often than 100 kB ones by over 3 SE', () => {
    expect(trend(SMALL_TREND).passed).toBe(true);
  });

  it('the trend check fails on the same network when links do not serialize blocks: size no longer matters', () => {
    const r = withLinksThatDoNotSerialize(() => trend(SMALL_TREND));
    expect(r.passed).toBe(false);
    // Nothing else in these runs depends on the block size: both sizes give the same stale blocks.
    expect(r.simulated).toBe(0);
  });
});
