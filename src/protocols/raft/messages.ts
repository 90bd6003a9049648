/**
 * Raft's RPCs (Ongaro & Ousterhout, ATC 2014, Figure 2), as one-way messages: a request and its
 * reply travel separately, so each is one network message. A log entry carries one block (a batch of
 * client transactions); its log index is the block's height.
 */
import type { Block } from '../../ledger/types.ts';
import { kindsOf } from '../definition.ts';
import type { ReplyAuthentication } from '../reply.ts';

export interface RaftEntry {
  readonly term: number;
  readonly block: Block;
}

/** AppendEntries RPC (§5.3); with no entries it is a heartbeat (§5.2). */
export interface AppendEntries {
  readonly kind: 'raft-append';
  readonly term: number;
  /** Replica index of the leader, so followers can redirect clients (§8). */
  readonly leader: number;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly RaftEntry[];
  readonly leaderCommit: number;
}

export interface AppendEntriesReply {
  readonly kind: 'raft-append-reply';
  readonly term: number;
  readonly from: number;
  readonly success: boolean;
  /** On success, the last index known to match the leader's log. */
  readonly matchIndex: number;
  /** On failure, where the leader should retry from (the follower's hint, §5.3 "optimization"). */
  readonly retryIndex: number;
  /** prevLogIndex of the AppendEntries answered, so the leader can tell stale rejections. */
  readonly rejectedPrevIndex: number;
}

/** RequestVote RPC (§5.2, §5.4.1). */
export interface RequestVote {
  readonly kind: 'raft-request-vote';
  readonly term: number;
  readonly candidate: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

export interface RequestVoteReply {
  readonly kind: 'raft-vote';
  readonly term: number;
  readonly from: number;
  readonly granted: boolean;
}

/**
 * Pre-vote (Ongaro's dissertation §9.6): would the receiver grant a vote at `term` (the sender's
 * current term + 1)? Asked before an election; answering it changes no state.
 */
export interface PreVote {
  readonly kind: 'raft-pre-vote';
  readonly term: number;
  readonly candidate: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/** The answer: granted at the asked term, or refused at the receiver's own. */
export interface PreVoteReply {
  readonly kind: 'raft-pre-vote-reply';
  readonly term: number;
  readonly from: number;
  readonly granted: boolean;
}

export type RaftMessage = AppendEntries | AppendEntriesReply | RequestVote | RequestVoteReply | PreVote | PreVoteReply;

export const RAFT_MESSAGE_KINDS = kindsOf<RaftMessage['kind']>({
  'raft-append': true,
  'raft-append-reply': true,
  'raft-request-vote': true,
  'raft-vote': true,
  'raft-pre-vote': true,
  'raft-pre-vote-reply': true,
});

/** Wire sizes: fixed fields as 8-byte integers; entries add their term and the block. */
export const RPC_HEADER_BYTES = 48;
export const ENTRY_OVERHEAD_BYTES = 8;
/**
 * Raft has no authentication of its own; deployed, its RPCs and client replies travel over TLS
 * (docs/references.md §6): one MAC each, in framing that no Raft message's size counts (reply.ts).
 */
export const RAFT_REPLY_AUTHENTICATION: ReplyAuthentication = 'channel-mac';

export function appendEntriesBytes(entries: readonly RaftEntry[]): number {
  let size = RPC_HEADER_BYTES;
  for (let i = 0; i < entries.length; i++) size += ENTRY_OVERHEAD_BYTES + entries[i]!.block.sizeBytes;
  return size;
}
