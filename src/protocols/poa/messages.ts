/** Clique's wire messages: sealed blocks and relayed transactions (Ethereum's devp2p gossip). */
import type { Signature } from '../../ledger/crypto.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import { kindsOf } from '../definition.ts';

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

export type PoaMessage = PoaBlockMessage | PoaTxMessage;

export const POA_MESSAGE_KINDS = kindsOf<PoaMessage['kind']>({ 'poa-block': true, 'poa-tx': true });

/** The 65-byte secp256k1 seal in the header's extra-data. */
export const SEAL_BYTES = 65;
export const TX_RELAY_OVERHEAD_BYTES = 32;

export function sealTerm(blockHash: string): string {
  return `clique-seal|${blockHash}`;
}
