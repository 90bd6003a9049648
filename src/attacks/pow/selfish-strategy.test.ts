import { describe, expect, it } from 'vitest';
import { SelfishMiningStrategy } from './selfish-strategy.ts';

// Each test walks one branch of Eyal & Sirer's Algorithm 1.
describe('SelfishMiningStrategy (Eyal & Sirer 2014, Algorithm 1)', () => {
  it('withholds its first block', () => {
    const s = new SelfishMiningStrategy();
    expect(s.onPoolBlock()).toEqual({ kind: 'wait' });
    expect(s.privateHeight - s.publicHeight).toBe(1);
  });

  it('adopts the public chain when others find a block with no lead', () => {
    const s = new SelfishMiningStrategy();
    expect(s.onPublicBlock(1)).toEqual({ kind: 'adopt' });
    expect(s.privateHeight).toBe(1);
  });

  it('publishes its block to race when the lead of one is matched, and wins the tie with its next block', () => {
    const s = new SelfishMiningStrategy();
    s.onPoolBlock();
    expect(s.onPublicBlock(1)).toEqual({ kind: 'publish', upToHeight: 1 });
    expect(s.onPoolBlock()).toEqual({ kind: 'publish', upToHeight: 2 });
    expect(s.privateBranchLength).toBe(0);
  });

  it('publishes everything when a lead of two shrinks to one', () => {
    const s = new SelfishMiningStrategy();
    s.onPoolBlock();
    s.onPoolBlock();
    expect(s.onPublicBlock(1)).toEqual({ kind: 'publish', upToHeight: 2 });
    expect(s.publicHeight).toBe(2);
  });

  it('publishes one block at a time when far ahead', () => {
    const s = new SelfishMiningStrategy();
    for (let i = 0; i < 4; i++) s.onPoolBlock();
    expect(s.onPublicBlock(1)).toEqual({ kind: 'publish', upToHeight: 1 });
    expect(s.onPublicBlock(2)).toEqual({ kind: 'publish', upToHeight: 2 });
    expect(s.onPublicBlock(3)).toEqual({ kind: 'publish', upToHeight: 4 });
  });

  it('ignores a public block that does not lengthen the public chain', () => {
    const s = new SelfishMiningStrategy();
    s.onPoolBlock();
    s.onPublicBlock(1);
    expect(s.onPublicBlock(1)).toEqual({ kind: 'wait' });
  });
});
