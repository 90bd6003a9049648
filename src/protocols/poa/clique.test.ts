/** EIP-225's rules as pure functions. */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { BlockTree } from '../../ledger/chain-store.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { Block } from '../../ledger/types.ts';
import { DIFF_IN_TURN, DIFF_NO_TURN, difficulty, eip3436Prefers, inTurn, signedRecently, signerLimit, wiggleBoundUs } from './clique.ts';

const genesis: Block = { hash: ZERO_HASH, parentHash: ZERO_HASH, height: 0, proposer: -1, timestampUs: 0, merkleRoot: ZERO_HASH, txs: [], sizeBytes: 0 };

/** A chain whose block at height k (k ≥ 1) was signed by signers[k − 1]. */
function chainOf(signers: readonly number[]): { tree: BlockTree; headId: number } {
  const tree = new BlockTree(genesis);
  let parent = genesis;
  let id = 0;
  signers.forEach((s, k) => {
    parent = buildBlock({ parentHash: parent.hash, height: k + 1, proposer: s, timestampUs: (k + 1) * 1000, txs: [] });
    id = tree.intern(parent);
  });
  return { tree, headId: id };
}

describe('Clique rules (EIP-225)', () => {
  it('in turn when BLOCK_NUMBER % SIGNER_COUNT == SIGNER_INDEX, with difficulty 2; otherwise 1', () => {
    expect(inTurn(14, 0, 7)).toBe(true);
    expect(inTurn(15, 1, 7)).toBe(true);
    expect(inTurn(15, 0, 7)).toBe(false);
    expect(difficulty(15, 1, 7)).toBe(DIFF_IN_TURN);
    expect(difficulty(15, 2, 7)).toBe(DIFF_NO_TURN);
  });

  it('the signer limit is ⌊N/2⌋ + 1', () => {
    expect([1, 2, 3, 4, 5, 7, 10].map(signerLimit)).toEqual([1, 2, 2, 3, 3, 4, 6]);
  });

  it('a signer of one of the last ⌊N/2⌋ blocks may not sign the next one', () => {
    // N = 7: the window is the last 3 blocks.
    const { tree, headId } = chainOf([1, 2, 3, 4, 5]);
    const signerOf = (p: number) => p;
    expect(signedRecently(tree, headId, 5, 7, signerOf)).toBe(true);
    expect(signedRecently(tree, headId, 3, 7, signerOf)).toBe(true);
    expect(signedRecently(tree, headId, 2, 7, signerOf)).toBe(false);
    expect(signedRecently(tree, headId, 6, 7, signerOf)).toBe(false);
  });

  it('near genesis only the blocks that exist count', () => {
    const { tree, headId } = chainOf([4]);
    expect(signedRecently(tree, headId, 4, 7, (p) => p)).toBe(true);
    expect(signedRecently(tree, 0, 4, 7, (p) => p)).toBe(false);
  });

  it('out-of-turn wiggle is bounded by (⌊N/2⌋ + 1) × 500 ms', () => {
    expect(wiggleBoundUs(7, 500_000)).toBe(2_000_000);
  });
});

describe('EIP-3436 between heads of equal total difficulty', () => {
  // Four signers; a block's proposer is its signer index.
  const at = (height: number, signer: number, hash: string): Block => ({ ...genesis, height, proposer: signer, hash });
  const prefers = (candidate: Block, head: Block) => eip3436Prefers(candidate, head, (b) => b.proposer, 4);

  it('takes the lower block first', () => {
    expect(prefers(at(5, 0, 'ff'), at(6, 1, '00'))).toBe(true);
    expect(prefers(at(6, 1, '00'), at(5, 0, 'ff'))).toBe(false);
  });

  it('then the block whose signer was in turn most recently: (height − index) mod N smallest', () => {
    // Height 6: signer 2 is in turn (slot 0), signer 1 was one block ago (slot 1), signer 3 three ago (slot 3).
    expect(prefers(at(6, 2, 'ff'), at(6, 1, '00'))).toBe(true);
    expect(prefers(at(6, 1, 'ff'), at(6, 3, '00'))).toBe(true);
    expect(prefers(at(6, 3, '00'), at(6, 1, 'ff'))).toBe(false);
  });

  it('then the lower hash, so the same two heads are ordered alike at every signer', () => {
    expect(prefers(at(6, 1, '0a'), at(6, 1, '0b'))).toBe(true);
    expect(prefers(at(6, 1, '0b'), at(6, 1, '0a'))).toBe(false);
  });
});
