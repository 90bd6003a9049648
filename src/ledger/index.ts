/** Ledger: transactions, mempool, blocks, Merkle trees, hashing, the crypto cost model. */
export * from './types.ts';
export * from './hash.ts';
export * from './merkle.ts';
export * from './packed-merkle.ts';
export * from './sha256-into.ts';
export * from './block.ts';
export * from './mempool.ts';
export * from './txid-set.ts';
export * from './crypto.ts';
export * from './events.ts';
