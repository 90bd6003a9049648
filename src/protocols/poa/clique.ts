/**
 * Clique's rules (EIP-225, "Clique proof-of-authority consensus protocol"), as pure functions of the
 * signer list and the chain. Signers are sorted ascending; here signer i is replica i.
 */
import type { BlockTree } from '../../ledger/chain-store.ts';
import type { Block } from '../../ledger/types.ts';

/** Difficulty of an in-turn block (DIFF_INTURN) and of an out-of-turn one (DIFF_NOTURN). */
export const DIFF_IN_TURN = 2;
export const DIFF_NO_TURN = 1;

/** In turn when BLOCK_NUMBER % SIGNER_COUNT == SIGNER_INDEX. */
export function inTurn(height: number, signerIndex: number, signerCount: number): boolean {
  return height % signerCount === signerIndex;
}

export function difficulty(height: number, signerIndex: number, signerCount: number): number {
  return inTurn(height, signerIndex, signerCount) ? DIFF_IN_TURN : DIFF_NO_TURN;
}

/** A signer may sign at most one of every ⌊N/2⌋ + 1 consecutive blocks (SIGNER_LIMIT). */
export function signerLimit(signerCount: number): number {
  return Math.floor(signerCount / 2) + 1;
}

/** Blocks on top before a block is final: `confirmations`, or the signer-limit window where it is 0. */
export function confirmationDepth(confirmations: number, signerCount: number): number {
  return confirmations > 0 ? confirmations : signerLimit(signerCount);
}

/**
 * Whether `signerIndex` signed one of the last ⌊N/2⌋ blocks of the chain ending at `parentId`, so
 * that it may not sign the block on top of it. `signerOf` maps a block's proposer to its index.
 */
export function signedRecently(tree: BlockTree, parentId: number, signerIndex: number, signerCount: number, signerOf: (proposer: number) => number): boolean {
  let id = parentId;
  for (let k = 0; k < signerLimit(signerCount) - 1; k++) {
    if (tree.heightOf(id) === 0) return false;
    if (signerOf(tree.block(id).proposer) === signerIndex) return true;
    id = tree.parentOf(id);
  }
  return false;
}

/**
 * Out-of-turn signers delay sealing by a random time so the in-turn block usually wins the race:
 * up to (⌊N/2⌋ + 1) wiggle units, as geth's Clique engine draws it (EIP-225 suggests a delay
 * proportional to the signer count).
 */
export function wiggleBoundUs(signerCount: number, wiggleUs: number): number {
  return signerLimit(signerCount) * wiggleUs;
}

/** The rules that choose between heads of equal total difficulty (consensus.poa.forkChoice). */
export const FORK_CHOICES = ['geth', 'eip-3436'] as const;

/**
 * EIP-3436 between heads of equal total difficulty: the lower block, then the block whose signer's
 * in-turn slot is most recent, the smallest (height − signer index) mod N (0 for an in-turn block),
 * then the lowest hash as an unsigned integer. True when `candidate` wins over `head`; every tie is
 * broken the same way at every signer, so signers never stay split over equal heads.
 */
export function eip3436Prefers(candidate: Block, head: Block, signerIndexOf: (block: Block) => number, signerCount: number): boolean {
  if (candidate.height !== head.height) return candidate.height < head.height;
  const slot = (b: Block) => (((b.height - signerIndexOf(b)) % signerCount) + signerCount) % signerCount;
  const c = slot(candidate);
  const h = slot(head);
  if (c !== h) return c < h;
  // Equal-length lower-case hex digests order as the integers they spell.
  return candidate.hash < head.hash;
}
