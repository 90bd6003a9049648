import { describe, expect, it } from 'vitest';
import { BlockTree, ChainStore, NO_BLOCK } from './chain-store.ts';
import type { Block } from './types.ts';

function block(hash: string, parent: Block, proposer = 0): Block {
  return {
    hash,
    parentHash: parent.hash,
    height: parent.height + 1,
    proposer,
    timestampUs: 0,
    merkleRoot: '',
    txs: [],
    sizeBytes: 80,
  };
}

const genesis: Block = { hash: 'g', parentHash: '', height: 0, proposer: -1, timestampUs: 0, merkleRoot: '', txs: [], sizeBytes: 80 };

describe('ChainStore, longest chain', () => {
  it('extends the head with each child of the head', () => {
    const s = new ChainStore(genesis);
    const a = block('a', genesis);
    const b = block('b', a);
    expect(s.add(a).headChange?.added.map((x) => x.hash)).toEqual(['a']);
    expect(s.add(b).outcome).toBe('connected');
    expect(s.head.hash).toBe('b');
    expect(s.confirmations('a')).toBe(2);
    expect(s.canonicalAt(1)?.hash).toBe('a');
  });

  it('keeps the first-seen head on a tie (Bitcoin Core rule)', () => {
    const s = new ChainStore(genesis);
    s.add(block('a', genesis));
    const r = s.add(block('a2', genesis));
    expect(r.outcome).toBe('connected');
    expect(r.headChange).toBeNull();
    expect(s.head.hash).toBe('a');
    expect(s.confirmations('a2')).toBe(0);
  });

  it('switches on a tie when preferOnTie says so', () => {
    const s = new ChainStore(genesis, { preferOnTie: (c) => c.proposer === 7 });
    s.add(block('a', genesis, 1));
    s.add(block('a2', genesis, 7));
    expect(s.head.hash).toBe('a2');
  });

  it('reorganises to a longer fork and reports removed and added blocks', () => {
    const s = new ChainStore(genesis);
    const a = block('a', genesis);
    const b = block('b', a);
    s.add(a);
    s.add(b);
    const x = block('x', genesis);
    const y = block('y', x);
    const z = block('z', y);
    s.add(x);
    s.add(y);
    const r = s.add(z);
    expect(r.headChange?.forkHeight).toBe(0);
    expect(r.headChange?.removed.map((q) => q.hash)).toEqual(['a', 'b']);
    expect(r.headChange?.added.map((q) => q.hash)).toEqual(['x', 'y', 'z']);
    expect(s.canonicalAt(1)?.hash).toBe('x');
    expect(s.isCanonical('a')).toBe(false);
    expect(s.canonicalAt(4)).toBeUndefined();
  });

  it('holds orphans until their parent arrives, then connects them all', () => {
    const s = new ChainStore(genesis);
    const a = block('a', genesis);
    const b = block('b', a);
    const c = block('c', b);
    expect(s.add(c).outcome).toBe('orphaned');
    expect(s.add(b).outcome).toBe('orphaned');
    expect(s.orphanCount).toBe(2);
    const r = s.add(a);
    expect(r.connected.map((q) => q.hash)).toEqual(['a', 'b', 'c']);
    expect(s.head.hash).toBe('c');
    expect(s.orphanCount).toBe(0);
  });

  it('reports duplicates and rejects a height that does not follow its parent', () => {
    const s = new ChainStore(genesis);
    const a = block('a', genesis);
    s.add(a);
    expect(s.add(a).outcome).toBe('duplicate');
    expect(s.add({ ...block('bad', a), height: 5 }).outcome).toBe('invalid');
    expect(s.has('bad')).toBe(false);
  });
});

describe('ChainStore, heaviest chain (Clique total difficulty)', () => {
  it('prefers the heavier chain over the longer one', () => {
    // EIP-225: in-turn blocks weigh 2, out-of-turn 1.
    const difficulty = (b: Block) => (b.proposer === 0 ? 2 : 1);
    const s = new ChainStore(genesis, { weight: difficulty });
    const o1 = block('o1', genesis, 1);
    const o2 = block('o2', o1, 2);
    s.add(o1);
    s.add(o2);
    expect(s.headWeight).toBe(1 + 2);
    const i1 = block('i1', genesis, 0);
    s.add(i1); // weight 3: tie with the first-seen o2, kept
    expect(s.head.hash).toBe('o2');
    s.add(block('i2', i1, 0)); // weight 5
    expect(s.head.hash).toBe('i2');
    expect(s.totalWeight('i2')).toBe(5);
  });
});

describe('BlockTree shared by replicas', () => {
  it('lets each store know only what it added', () => {
    const tree = new BlockTree(genesis);
    const s1 = new ChainStore(genesis, { tree });
    const s2 = new ChainStore(genesis, { tree });
    const a = block('a', genesis);
    s1.add(a);
    expect(s2.has('a')).toBe(false);
    expect(tree.idOf('a')).not.toBe(NO_BLOCK);
    s2.add(a);
    expect(s2.head.hash).toBe('a');
    expect(tree.size).toBe(2);
  });

  it('finds common ancestors and ancestors at a height', () => {
    const tree = new BlockTree(genesis);
    const a = tree.intern(block('a', genesis));
    const b = tree.intern(block('b', tree.block(a)));
    const x = tree.intern(block('x', tree.block(a)));
    expect(tree.commonAncestor(b, x)).toBe(a);
    expect(tree.ancestorAt(b, 0)).toBe(0);
    expect(tree.ancestorAt(b, 3)).toBe(NO_BLOCK);
    expect(tree.intern(block('o', block('missing', genesis)))).toBe(NO_BLOCK);
  });
});
