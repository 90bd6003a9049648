/** Model events of Clique replicas, for the PoA collector (fork and stale rates). */
import type { ModelEvent } from '../../../sim/index.ts';
import type { Block } from '../../ledger/types.ts';

/**
 * A signer sealed a block (every sealed block, stale or not). Reported from every face of an
 * equivocating signer: each face's block is a real block peers build on, so the collector must see
 * it to weigh the chains above it.
 */
export interface PoaSealedEvent extends ModelEvent {
  readonly kind: 'poa-sealed';
  readonly ofEveryFace: true;
  readonly block: Block;
  readonly difficulty: number;
}

/** A replica's head moved to another branch, dropping `depth` blocks of its old chain. */
export interface PoaReorgEvent extends ModelEvent {
  readonly kind: 'poa-reorg';
  readonly depth: number;
  /** Of those, blocks it had already treated as final (a finality violation). */
  readonly committedRemoved: number;
}
