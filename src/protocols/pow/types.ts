/**
 * Nakamoto proof-of-work: blocks, relay messages and the model events nodes emit.
 *
 * Relay messages are flyweights: each block carries, from the moment it is mined, the one immutable
 * message object of each kind that names it, so relaying a block to thousands of peers allocates
 * nothing (the hot path of the 6,000-node SimBlock network).
 */
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import type { Block } from '../../ledger/types.ts';
import type { CommitEvent } from '../types.ts';
import { kindsOf } from '../definition.ts';

/** Bitcoin P2P: 24-byte message header + 1-byte count + one 36-byte inventory vector. */
export const INV_SIZE_BYTES = 61;
/** getdata has the same shape as inv. */
export const GETDATA_SIZE_BYTES = 61;
/** BIP 152 getblocktxn: header, block hash, a short list of missing indexes. */
export const GETBLOCKTXN_SIZE_BYTES = 64;
/** version/verack handshake plus BIP 152 sendcmpct, as one message. */
export const CONNECT_SIZE_BYTES = 150;

export const PowMsgType = { inv: 0, getdata: 1, block: 2, cmpctBlock: 3, getBlockTxn: 4, blockTxn: 5, connect: 6 } as const;
export type PowMsgType = (typeof PowMsgType)[keyof typeof PowMsgType];

/** A relay message about one block (inv, getdata, block, compact block, getblocktxn, blocktxn). */
export interface PowBlockMessage {
  readonly kind: 'pow';
  readonly type: Exclude<PowMsgType, typeof PowMsgType.connect>;
  readonly block: PowBlock;
}

/** Opening a connection (Bitcoin's version handshake) with BIP 152's sendcmpct flag. */
export interface PowConnectMessage {
  readonly kind: 'pow';
  readonly type: typeof PowMsgType.connect;
  readonly compactBlocks: boolean;
}

export type PowMessage = PowBlockMessage | PowConnectMessage;

/** One kind for every relay message; `type` tells inv, getdata, block and the rest apart. */
export const POW_MESSAGE_KINDS = kindsOf<PowMessage['kind']>({ pow: true });

export const CONNECT_COMPACT: PowConnectMessage = { kind: 'pow', type: PowMsgType.connect, compactBlocks: true };
export const CONNECT_FULL: PowConnectMessage = { kind: 'pow', type: PowMsgType.connect, compactBlocks: false };

/** Emitted by a node the first time it connects a block to its tree (propagation metrics). */
export interface PowReceivedEvent extends ModelEvent {
  readonly kind: 'pow-received';
  readonly block: PowBlock;
}

/** Emitted by the miner when it finds a block. */
export interface PowMinedEvent extends ModelEvent {
  readonly kind: 'pow-mined';
  readonly block: PowBlock;
}

/**
 * Emitted when a node gets the block itself from the peer it asked after the block's announcement
 * (not when it fetches it later as the missing parent of another block): the arrivals SimBlock
 * counts (simulator/Simulator.arriveBlock), from which the propagation metrics are measured.
 */
export interface PowArrivedEvent extends ModelEvent {
  readonly kind: 'pow-arrived';
  readonly block: PowBlock;
}

/** Emitted when a node's head moves to another branch; `depth` blocks left its canonical chain. */
export interface PowReorgEvent extends ModelEvent {
  readonly kind: 'pow-reorg';
  readonly depth: number;
  /** Blocks this node had already committed (k-deep) that left its chain: > 0 breaks finality. */
  readonly committedRemoved: number;
}

export interface PowBlock extends Block {
  /** Work relative to the initial difficulty (1 while difficulty is fixed). */
  readonly difficulty: number;
  /** Work of the chain ending here, genesis included: the fork-choice weight. */
  readonly totalWork: number;
  /** The parent block object: a simulation shortcut for "the header chain names it". */
  readonly parent: PowBlock | null;
  /** Synthetic transactions the block carries (not materialised): (size − header) / tx size. */
  readonly txCount: number;
  readonly msgInv: PowBlockMessage;
  readonly msgGetdata: PowBlockMessage;
  readonly msgBlock: PowBlockMessage;
  readonly msgCmpct: PowBlockMessage;
  readonly msgGetBlockTxn: PowBlockMessage;
  readonly msgBlockTxn: PowBlockMessage;
  readonly received: PowReceivedEvent;
  readonly arrived: PowArrivedEvent;
  readonly commit: CommitEvent;
  /** Miner host, kept numeric for metrics. */
  readonly miner: HostId;
}
