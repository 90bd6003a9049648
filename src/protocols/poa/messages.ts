/** Clique's wire messages: sealed blocks, requests for missing ancestors, and relayed transactions (Ethereum's devp2p gossip). */
import type { Signature } from '../../ledger/crypto.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import { kindsOf } from '../definition.ts';
import type { ReplyAuthentication } from '../reply.ts';

/** A sealed block: the signer's signature over the block hash (EIP-225 extra-data seal). */
export interface PoaBlockMessage {
  readonly kind: 'poa-block';
  readonly block: Block;
  readonly seal: Signature | undefined;
}

/** A client transaction relayed from the signer that received it to the other signers. */
export interface PoaTxMessage {
  readonly kind: 'poa-tx';
  readonly tx: Transaction;
}

/**
 * A signer holding a block whose parent it lacks asks the block's sender for the parent and its
 * ancestors (the eth protocol's GetBlockHeaders/GetBlockBodies, which geth's chain sync sends to a
 * peer announcing a chain it cannot connect).
 */
export interface PoaGetBlocksMessage {
  readonly kind: 'poa-get-blocks';
  readonly hash: string;
}

/** The requested block and up to ANCESTORS_PER_REPLY of its ancestors, oldest first, each with its seal. */
export interface PoaBlocksMessage {
  readonly kind: 'poa-blocks';
  readonly blocks: readonly PoaBlockMessage[];
}

/**
 * A signer whose head has not moved for a while tells its peers its head and total difficulty, as
 * the eth protocol's Status handshake does when peers (re)connect; a peer that does not know that
 * head and has a lighter chain asks for it (geth's chain sync toward the peer of greatest TD).
 */
export interface PoaStatusMessage {
  readonly kind: 'poa-status';
  readonly head: string;
  readonly totalDifficulty: number;
}

export type PoaMessage = PoaBlockMessage | PoaTxMessage | PoaGetBlocksMessage | PoaBlocksMessage | PoaStatusMessage;

export const POA_MESSAGE_KINDS = kindsOf<PoaMessage['kind']>({ 'poa-block': true, 'poa-tx': true, 'poa-get-blocks': true, 'poa-blocks': true, 'poa-status': true });

/** Blocks in one reply to a request for missing ancestors (geth's downloader fetches headers in batches). */
export const ANCESTORS_PER_REPLY = 64;
/** A request's hash and framing. */
export const GET_BLOCKS_BYTES = 48;
/** A status: head hash, total difficulty and framing. */
export const STATUS_BYTES = 56;

/** The 65-byte secp256k1 seal in the header's extra-data. */
export const SEAL_BYTES = 65;
export const TX_RELAY_OVERHEAD_BYTES = 32;
/** Replies are signed, as Clique authenticates what it vouches for (EIP-225 seals) with signatures (reply.ts). */
export const POA_REPLY_AUTHENTICATION: ReplyAuthentication = 'signature';

export function sealTerm(blockHash: string): string {
  return `clique-seal|${blockHash}`;
}
