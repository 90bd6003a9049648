/**
 * Chained HotStuff's messages (Yin et al., PODC 2019, §5 and the event-driven form of §6,
 * Algorithms 4–5). A node is a block plus the view it was proposed in and the QC it carries
 * (`justify`); nodes are immutable and shared by every replica that receives them.
 */
import { SIGNATURE_BYTES, type Signature } from '../../ledger/crypto.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import { kindsOf } from '../definition.ts';
import type { ReplyAuthentication } from '../reply.ts';

/** A quorum certificate: a quorum of votes (fault-model.ts) for one node (§4.2, "Quorum certificates"). */
export interface QuorumCert {
  readonly view: number;
  readonly blockHash: string;
  /** The votes' signatures (a threshold signature in the paper; one per voter here). */
  readonly sigs: readonly Signature[];
}

export interface HsNode {
  readonly block: Block;
  readonly view: number;
  readonly justify: QuorumCert;
  readonly proposer: number;
  readonly sig: Signature | undefined;
}

/** Algorithm 4, onPropose: the leader broadcasts ⟨generic, b_new⟩. */
export interface HsProposal {
  readonly kind: 'hs-proposal';
  readonly node: HsNode;
}

/**
 * Algorithm 4, onReceiveProposal: a replica sends its vote to the leader of the next view. Client
 * transactions the replica holds ride along, so the next leader can propose them.
 */
export interface HsVote {
  readonly kind: 'hs-vote';
  readonly view: number;
  readonly blockHash: string;
  readonly voter: number;
  readonly sig: Signature | undefined;
  readonly txs: readonly Transaction[];
}

/**
 * Algorithm 5, onNextSyncView: after a view timeout, ⟨new-view, qc_high⟩, here to every replica
 * (DiemBFT's round synchronisation, replica.ts). The next leader's copy also carries the sender's
 * vote for the last node it voted for, whose QC the failed leader would have formed: with
 * round-robin leaders the vote would otherwise be lost, and a three-chain would need four
 * consecutive live leaders instead of three.
 */
export interface HsNewView {
  readonly kind: 'hs-new-view';
  readonly view: number;
  readonly qc: QuorumCert;
  readonly sender: number;
  readonly lastVote: HsVote | undefined;
  readonly txs: readonly Transaction[];
}

/** Block synchronisation: ask a peer for a node and its ancestors above `aboveHeight`. */
export interface HsFetch {
  readonly kind: 'hs-fetch';
  readonly blockHash: string;
  readonly aboveHeight: number;
  readonly requester: number;
}

export interface HsNodes {
  readonly kind: 'hs-nodes';
  /** Ascending height. */
  readonly nodes: readonly HsNode[];
}

export type HotStuffMessage = HsProposal | HsVote | HsNewView | HsFetch | HsNodes;

export const HOTSTUFF_MESSAGE_KINDS = kindsOf<HotStuffMessage['kind']>({ 'hs-proposal': true, 'hs-vote': true, 'hs-new-view': true, 'hs-fetch': true, 'hs-nodes': true });

/** Votes and new-views carry the sender's client transactions to the next leader (replica.ts, takeForForwarding). */
export const HOTSTUFF_FORWARDED_TRANSACTIONS = {
  kinds: ['hs-vote', 'hs-new-view'] satisfies (HsVote | HsNewView)['kind'][],
  field: 'txs' satisfies keyof HsVote & keyof HsNewView,
} as const;

/** View, hash and per-field integers. */
export const HEADER_BYTES = 48;
/** Replies are signed like every other HotStuff message, votes included (reply.ts). */
export const HOTSTUFF_REPLY_AUTHENTICATION: ReplyAuthentication = 'signature';

export function qcBytes(qc: QuorumCert): number {
  return 40 + qc.sigs.length * SIGNATURE_BYTES;
}

export function nodeBytes(node: HsNode): number {
  return node.block.sizeBytes + 8 + SIGNATURE_BYTES + qcBytes(node.justify);
}

export function txsBytes(txs: readonly Transaction[]): number {
  let size = 0;
  for (let i = 0; i < txs.length; i++) size += txs[i]!.sizeBytes;
  return size;
}

/** Canonical terms the signatures cover (§4.2: votes sign ⟨type, viewNumber, node⟩). */
export function voteTerm(view: number, blockHash: string): string {
  return `hs-vote|${view}|${blockHash}`;
}

export function proposalTerm(view: number, blockHash: string, justifyView: number, justifyHash: string): string {
  return `hs-proposal|${view}|${blockHash}|${justifyView}|${justifyHash}`;
}
