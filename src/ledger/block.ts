/**
 * Blocks: a header (parent hash, height, proposer, timestamp, Merkle root) over a list of
 * transactions. The block hash is SHA-256 over the header; the Merkle root commits to every
 * transaction's content through its leaf digest, so changing any field of any transaction, or the
 * header, changes the hash.
 *
 * Blocks are frozen when built. `verifyBlock` recomputes the digests once per block object and
 * remembers the result: replicas in one simulation share message objects, so a tampered block is
 * always a different object and is always recomputed, while honest copies cost one computation in
 * wall time (each replica is still charged the modelled CPU time of hashing).
 */
import { bytesToHex, sha256, ZERO_HASH } from './hash.ts';
import type { HostId } from '../../sim/index.ts';
import { merkleRoot } from './merkle.ts';
import type { Block, Transaction } from './types.ts';

/** Bytes of a serialized header: two 32-byte hashes plus height, proposer, timestamp, tx count. */
export const BLOCK_HEADER_BYTES = 96;

/** Bytes of transactions a block of at most `blockSizeMaxBytes` holds: what its header leaves. */
export function blockTxBytesMax(blockSizeMaxBytes: number): number {
  return blockSizeMaxBytes - BLOCK_HEADER_BYTES;
}

const encoder = new TextEncoder();

/**
 * A transaction's Merkle leaf: the UTF-8 bytes of its canonical encoding (every field), so the
 * leaf hash SHA-256(0x00 ‖ leaf) commits to the whole transaction.
 */
export function txLeaf(tx: Transaction): Uint8Array {
  return encoder.encode(`${tx.id}|${tx.sender}|${tx.sizeBytes}|${tx.payloadDigest}|${tx.submittedUs}`);
}

/** Merkle root over the block's transactions, in block order. */
export function txMerkleRoot(txs: readonly Transaction[]): string {
  return merkleRoot(txs.map(txLeaf));
}

export interface BlockHeader {
  readonly parentHash: string;
  readonly height: number;
  readonly proposer: HostId;
  readonly timestampUs: number;
  readonly merkleRoot: string;
}

export function headerHash(h: BlockHeader): string {
  return bytesToHex(sha256(encoder.encode(`${h.parentHash}|${h.height}|${h.proposer}|${h.timestampUs}|${h.merkleRoot}`)));
}

export function blockSizeBytes(txs: readonly Transaction[]): number {
  let size = BLOCK_HEADER_BYTES;
  for (let i = 0; i < txs.length; i++) size += txs[i]!.sizeBytes;
  return size;
}

const verified = new WeakSet<Block>();

export interface BlockFields {
  readonly parentHash: string;
  readonly height: number;
  readonly proposer: HostId;
  readonly timestampUs: number;
  readonly txs: readonly Transaction[];
}

/** Builds and freezes a block; its hash and Merkle root are real SHA-256. */
export function buildBlock(f: BlockFields): Block {
  const txs = Object.freeze(f.txs.slice());
  const root = txMerkleRoot(txs);
  const header: BlockHeader = { parentHash: f.parentHash, height: f.height, proposer: f.proposer, timestampUs: f.timestampUs, merkleRoot: root };
  const block: Block = Object.freeze({ hash: headerHash(header), ...header, txs, sizeBytes: blockSizeBytes(txs) });
  verified.add(block);
  return block;
}

/** True when the block's hash, Merkle root and size match its contents (recomputed). */
export function verifyBlock(block: Block): boolean {
  if (verified.has(block)) return true;
  const ok =
    block.merkleRoot === txMerkleRoot(block.txs) &&
    block.hash === headerHash(block) &&
    block.sizeBytes === blockSizeBytes(block.txs);
  if (ok && Object.isFrozen(block) && Object.isFrozen(block.txs)) verified.add(block);
  return ok;
}

/** SHA-256 invocations to hash a block: the header plus the Merkle tree (n leaves, n − 1 nodes). */
export function blockHashOperations(txCount: number): number {
  return 1 + (txCount === 0 ? 1 : 2 * txCount - 1);
}

/** Height 0, no transactions, all-zero hashes: the common root every replica's chain starts from. */
export const GENESIS_BLOCK: Block = Object.freeze({
  hash: ZERO_HASH,
  parentHash: ZERO_HASH,
  height: 0,
  proposer: -1,
  timestampUs: 0,
  merkleRoot: ZERO_HASH,
  txs: Object.freeze([]) as readonly Transaction[],
  sizeBytes: 0,
});
