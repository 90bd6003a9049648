/**
 * Proof-of-work blocks: the genesis, mining a child, and the difficulty of the next block.
 * A block's hash is real SHA-256 over its header fields, computed once when it is mined; relay
 * messages and model events are created with it (see types.ts) and shared by every node.
 */
import type { HostId } from '../../../sim/index.ts';
import { sha256Hex } from '../../ledger/hash.ts';
import { txMerkleRoot } from '../../ledger/block.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import type { CommitEvent } from '../types.ts';
import { PowMsgType, type PowArrivedEvent, type PowBlock, type PowBlockMessage, type PowReceivedEvent } from './types.ts';

/** Bitcoin block header (version, parent, Merkle root, time, bits, nonce). */
export const HEADER_SIZE_BYTES = 80;

export interface MintSpec {
  readonly parent: PowBlock | null;
  readonly hash: string;
  readonly height: number;
  readonly miner: HostId;
  readonly timestampUs: number;
  readonly difficulty: number;
  readonly sizeBytes: number;
  readonly txSizeBytes: number;
  readonly txs: readonly Transaction[];
  readonly merkleRoot: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function mint(s: MintSpec): PowBlock {
  // Blocks are full (a busy network): submitted transactions first, synthetic ones fill the rest.
  const txCount = Math.max(s.txs.length, Math.floor((s.sizeBytes - HEADER_SIZE_BYTES) / s.txSizeBytes));
  // Every field is set here, in one order, so all blocks share one shape; the flyweights that
  // point back at the block are filled in just below.
  const b: Mutable<PowBlock> = {
    hash: s.hash,
    parentHash: s.parent === null ? '' : s.parent.hash,
    height: s.height,
    proposer: s.miner,
    timestampUs: s.timestampUs,
    merkleRoot: s.merkleRoot,
    txs: s.txs,
    sizeBytes: s.sizeBytes,
    difficulty: s.difficulty,
    totalWork: (s.parent === null ? 0 : s.parent.totalWork) + s.difficulty,
    parent: s.parent,
    txCount,
    miner: s.miner,
    msgInv: PENDING_MESSAGE,
    msgGetdata: PENDING_MESSAGE,
    msgBlock: PENDING_MESSAGE,
    msgCmpct: PENDING_MESSAGE,
    msgGetBlockTxn: PENDING_MESSAGE,
    msgBlockTxn: PENDING_MESSAGE,
    received: PENDING_RECEIVED,
    arrived: PENDING_ARRIVED,
    commit: PENDING_COMMIT,
  };
  b.msgInv = { kind: 'pow', type: PowMsgType.inv, block: b };
  b.msgGetdata = { kind: 'pow', type: PowMsgType.getdata, block: b };
  b.msgBlock = { kind: 'pow', type: PowMsgType.block, block: b };
  b.msgCmpct = { kind: 'pow', type: PowMsgType.cmpctBlock, block: b };
  b.msgGetBlockTxn = { kind: 'pow', type: PowMsgType.getBlockTxn, block: b };
  b.msgBlockTxn = { kind: 'pow', type: PowMsgType.blockTxn, block: b };
  b.received = { kind: 'pow-received', block: b };
  b.arrived = { kind: 'pow-arrived', block: b };
  b.commit = { kind: 'commit', block: b };
  return b;
}

// Placeholders while a block's own flyweights are being built (never visible outside mint).
const PENDING_MESSAGE = {} as PowBlockMessage;
const PENDING_RECEIVED = {} as PowReceivedEvent;
const PENDING_ARRIVED = {} as PowArrivedEvent;
const PENDING_COMMIT = {} as CommitEvent;

/** The genesis every node starts from; identical across nodes, built by each. */
export function powGenesis(): PowBlock {
  return mint({
    parent: null,
    hash: sha256Hex('iomtsim:pow:genesis'),
    height: 0,
    miner: -1,
    timestampUs: 0,
    difficulty: 1,
    sizeBytes: HEADER_SIZE_BYTES,
    txSizeBytes: 1,
    txs: [],
    merkleRoot: coinbaseRoot(-1, 0, 0),
  });
}

/** Mine a block on `parent`. `nonce` makes two blocks of one miner at one time distinct. */
export function mineBlock(
  parent: PowBlock,
  miner: HostId,
  timestampUs: number,
  difficulty: number,
  sizeBytes: number,
  txSizeBytes: number,
  nonce: number,
  txs: readonly Transaction[] = NO_TXS,
): PowBlock {
  const height = parent.height + 1;
  const merkleRoot = txs.length > 0 ? txMerkleRoot(txs) : coinbaseRoot(miner, height, timestampUs);
  return mint({
    parent,
    hash: sha256Hex(`${parent.hash}:${height}:${miner}:${timestampUs}:${difficulty}:${nonce}:${merkleRoot}`),
    height,
    miner,
    timestampUs,
    difficulty,
    sizeBytes,
    txSizeBytes,
    txs,
    merkleRoot,
  });
}

/**
 * Submitted transactions are committed to by a real Merkle root; the synthetic filler is not
 * materialised, so a block without submitted transactions commits to its coinbase (miner, position).
 */
function coinbaseRoot(miner: HostId, height: number, timestampUs: number): string {
  return sha256Hex(`coinbase:${miner}:${height}:${timestampUs}`);
}

const NO_TXS: readonly Transaction[] = [];

/** Largest change of difficulty in one retarget (Bitcoin: a factor of 4 either way). */
const RETARGET_CLAMP = 4;

/**
 * Difficulty of a block mined on `parent`: fixed when `retargetBlocks` is 0; otherwise, at every
 * multiple of `retargetBlocks`, scaled by expected over actual time of the last period, clamped
 * to [1/4, 4] (Bitcoin's rule, pow.cpp CalculateNextWorkRequired).
 */
export function nextDifficulty(parent: PowBlock, retargetBlocks: number, blockIntervalUs: number): number {
  const height = parent.height + 1;
  if (retargetBlocks === 0 || height % retargetBlocks !== 0) return parent.difficulty;
  let first: PowBlock = parent;
  while (first.height > height - retargetBlocks && first.parent !== null) first = first.parent;
  const actualUs = Math.max(1, parent.timestampUs - first.timestampUs);
  const expectedUs = (parent.height - first.height) * blockIntervalUs;
  let ratio = expectedUs / actualUs;
  if (ratio > RETARGET_CLAMP) ratio = RETARGET_CLAMP;
  if (ratio < 1 / RETARGET_CLAMP) ratio = 1 / RETARGET_CLAMP;
  return parent.difficulty * ratio;
}

/** Fork-choice weight of a block: its work, so the heaviest chain is the one with most work. */
export function blockWork(block: Block): number {
  return (block as Partial<PowBlock>).difficulty ?? 1;
}
