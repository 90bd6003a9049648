/**
 * What the AnchorRegistry keeps per replica: a reference to each anchored root, the anchoring
 * transaction's own string, which every replica executing that transaction shares.
 */
import { describe, expect, it } from 'vitest';
import { liveBytes } from '../../sim/testing/collect-garbage.ts';
import { AnchorRegistry } from './anchor.ts';

const GATEWAY = 7;
const REPLICAS = 16;
const BATCHES = 20_000;

describe('AnchorRegistry', () => {
  it("holds a root a replica anchored as a reference to the transaction's string, not a copy", async () => {
    const roots = Array.from({ length: BATCHES }, (_, b) => b.toString(16).padStart(64, '0'));
    const anchorAll = (r: AnchorRegistry) => {
      for (const [batch, root] of roots.entries()) r.anchor({ gateway: GATEWAY, batch, root, readings: 1, pointer: 'cid' }, GATEWAY);
    };
    // Once before measuring, so that what running the code the first time leaves behind is gone.
    anchorAll(new AnchorRegistry(new Set([GATEWAY])));
    const replicas = Array.from({ length: REPLICAS }, () => new AnchorRegistry(new Set([GATEWAY])));
    const before = await liveBytes();
    for (const r of replicas) anchorAll(r);
    const heldBytes = (await liveBytes()) - before;
    expect(replicas[3]!.root(GATEWAY, 1_234)).toBe(roots[1_234]);
    // 16 replicas × 32,768 slots (the doubling past 20,000 batches) × 8-byte references = 4.2 MB;
    // a 32-byte copy of each root and a byte of presence is 17.3 MB.
    expect(heldBytes).toBeLessThan(8_000_000);
  });
});
