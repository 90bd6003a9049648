import { describe, expect, it } from 'vitest';
import { Network } from './network.ts';
import { lookaheadUs } from './partition.ts';
import { Rng } from './rng.ts';

const LINK = { uploadBitsPerSec: 1e9, downloadBitsPerSec: 1e9 };

/** Three regions: a to b at least 8 ms apart, b to c 3 ms, a to c 5 ms; inside each, 1 ms. */
function threeRegions(): Network {
  const floor = (us: number) => ({ kind: 'uniform' as const, min: us, max: us + 1_000 });
  const network = new Network({
    regions: ['a', 'b', 'c'],
    latencyUs: [
      [floor(1_000), floor(8_000), floor(5_000)],
      [floor(8_000), floor(1_000), floor(3_000)],
      [floor(5_000), floor(3_000), floor(1_000)],
    ],
  }, new Rng(1));
  for (const region of [0, 1, 2, 0, 1, 2]) network.addHost({ region, ...LINK });
  return network;
}

describe('the lookahead of a split', () => {
  it('is the least floor across the cut, and names the pair of regions that set it', () => {
    // Hosts of a with b on one side, c on the other: b to c (3 ms) is the narrowest crossing.
    expect(lookaheadUs(threeRegions(), [0, 0, 1, 0, 0, 1], 2)).toEqual({ widthUs: 3_000, fromRegion: 1, toRegion: 2 });
    // Cut inside region a: its own 1 ms floor is the width.
    expect(lookaheadUs(threeRegions(), [0, 0, 0, 1, 0, 0], 2)).toEqual({ widthUs: 1_000, fromRegion: 0, toRegion: 0 });
  });
});
