/**
 * The node query protocol: how gateways, stores, clients and security services learn the committed
 * state of their organisation's consortium node, by message only (actors share no memory,
 * docs/architecture.md "Core concepts"). Two patterns, both over the organisation's authenticated
 * channel to its own node (mutual TLS, as Fabric's peers and CometBFT's RPC are deployed; one
 * HMAC-SHA-256 tag per message, docs/references.md §6):
 *
 * - Query and answer. A query names the height the asker knows is committed (`afterHeight`, from
 *   its f + 1 matching replies); the node holds it until it has executed that height itself, then
 *   answers from its state. That hold is the node's notification of the new height: nobody polls.
 * - Subscription and notices. A gateway subscribes to the registry changes of its devices, a store
 *   to the access decisions about its patients and the revocations of their consents, a monitor to
 *   the audit log. The node pushes one
 *   notice per subscriber per executed batch of blocks that has items for it, numbered per
 *   subscription, so a subscriber that sees a gap (a lost notice, or it was down) subscribes again
 *   from the last height it holds and the node replays what it missed.
 * - Heartbeats. A gap shows only when a later notice arrives, and nothing may follow the last one
 *   (a device's revocation, then no registry change for the rest of the run). So every
 *   `noticeHeartbeat` the node tells each subscription that has had a notice the number of its
 *   last one; a subscriber that has not applied that one subscribes again, as on a gap. A lost
 *   notice is thus recovered within one period and a round trip, however quiet the topic; a lost
 *   heartbeat only defers that to the next. Raft's leader does the same for its followers: its
 *   periodic empty AppendEntries (Ongaro & Ousterhout, ATC 2014, §5.2) carry its log position,
 *   by which a follower that missed entries finds out (§5.3).
 *
 * Sizes: a 20-byte header (kind, query or subscription id, notice number, height) and the 32-byte MAC tag, plus
 * each field: ids and pseudonyms as their ASCII bytes, numbers as 4 bytes (8 for heights, times
 * and transaction ids), a Merkle root as its 32 raw bytes, a decision or status as 1 byte.
 */
import type { AccessDecision, AuditEntry } from '../contracts/index.ts';
import { STATE_ACCESS_US } from '../protocols/execution-work.ts';

/** Header (kind, query or subscription id and notice number 4 bytes each, height 8) and the channel's HMAC-SHA-256 tag. */
export const NODE_MESSAGE_BASE_BYTES = 20 + 32;

/**
 * Processor time a node spends reading its state for one query, or for one replayed item: one
 * random lookup in the state store, the same access executing a contract call pays
 * (src/protocols/execution-work.ts, where the value is justified).
 */
export const STATE_READ_US = STATE_ACCESS_US;

export type NodeQueryBody =
  /** Only that the node has executed `afterHeight` (the client acts once its own node has). */
  | { readonly q: 'height' }
  /** AccessControl's decision on a request. */
  | { readonly q: 'access-decision'; readonly request: string }
  /** Whether EmergencyAlert recorded an alert. */
  | { readonly q: 'alert-recorded'; readonly alert: string }
  /** The Merkle root AnchorRegistry holds for a gateway's batch (what a reader checks a record against). */
  | { readonly q: 'anchor-root'; readonly gateway: number; readonly batch: number }
  /**
   * Whether transaction `tx` is the DeviceRegistry revocation of `device` that took effect (a
   * revocation of a device already revoked is refused, and a revoked device never changes again).
   */
  | { readonly q: 'revoked-by'; readonly device: string; readonly tx: number };

export type NodeAnswerBody =
  | { readonly q: 'height' }
  | { readonly q: 'access-decision'; readonly decision: AccessDecision | undefined }
  | { readonly q: 'alert-recorded'; readonly recorded: boolean }
  | { readonly q: 'anchor-root'; readonly root: string | undefined }
  | { readonly q: 'revoked-by'; readonly revokedBy: boolean };

export interface NodeQuery {
  readonly kind: 'node-query';
  readonly id: number;
  /** Answer once the node has executed this height (0: at once). */
  readonly afterHeight: number;
  readonly body: NodeQueryBody;
}

export interface NodeAnswer {
  readonly kind: 'node-answer';
  readonly id: number;
  /** The node's executed height the answer was read at. */
  readonly height: number;
  readonly body: NodeAnswerBody;
}

export const NODE_TOPICS = ['registry', 'permits', 'audit'] as const;
export type NodeTopic = (typeof NODE_TOPICS)[number];

export interface NodeSubscribe {
  readonly kind: 'node-subscribe';
  /** The subscriber's number for this subscription; its notices carry it. */
  readonly id: number;
  readonly topic: NodeTopic;
  /** Items committed above this height are replayed in the acknowledgement (notice 0). */
  readonly sinceHeight: number;
  /** permits: the patients (pseudonyms) whose decisions the subscriber wants. */
  readonly patients?: readonly string[];
}

/** A DeviceRegistry change of a device registered with the subscribing gateway. */
export interface RegistryItem {
  readonly device: string;
  readonly keyId: string;
  readonly active: boolean;
}

/** An AccessControl decision about one of the subscribing store's patients. */
export interface PermitItem {
  readonly kind: 'access';
  readonly request: string;
  readonly requester: string;
  readonly patient: string;
  readonly decision: AccessDecision;
  /** The consent that permitted it ('' when none): its revocation withdraws the permit. */
  readonly consent: string;
  /**
   * When the node executed the block that decided it: the permit's lifetime runs from then, so a
   * decision replayed to a store that comes back from a crash expires when it would have.
   */
  readonly decidedUs: number;
  /**
   * When the consent that permitted it ends (its period's end; Infinity for break-glass and denials):
   * a permit opens no read after its consent has expired, however recently it was decided.
   */
  readonly consentEndUs: number;
}

/** A Consent revocation of one of the subscribing store's patients: the permits decided under it are withdrawn. */
export interface ConsentRevokedItem {
  readonly kind: 'consent-revoked';
  readonly consent: string;
}

export type NodeNoticeItems =
  | { readonly topic: 'registry'; readonly items: readonly RegistryItem[] }
  /** Decisions and revocations in commit order. */
  | { readonly topic: 'permits'; readonly items: readonly (PermitItem | ConsentRevokedItem)[] }
  | { readonly topic: 'audit'; readonly items: readonly AuditEntry[] };

export type NodeNotice = {
  readonly kind: 'node-notice';
  /** The subscription (its subscriber's id for it) the notice belongs to. */
  readonly subscription: number;
  /** Number within the subscription: 0 acknowledges it (with the replay), then 1, 2, … */
  readonly seq: number;
  /** The node's executed height: the notice carries every matching item up to it. */
  readonly height: number;
} & NodeNoticeItems;

/** Node → subscriber, every `noticeHeartbeat`: the number of the subscription's last notice. */
export interface NodeHeartbeat {
  readonly kind: 'node-heartbeat';
  readonly subscription: number;
  /** The subscription's topic, so that a subscriber of several topics knows which it concerns. */
  readonly topic: NodeTopic;
  /** Number of the last notice the node sent on the subscription. */
  readonly seq: number;
  /** The node's executed height. */
  readonly height: number;
}

/** Bytes of a heartbeat on the wire: the header (its notice number the last notice's) and the topic. */
export const HEARTBEAT_BYTES = NODE_MESSAGE_BASE_BYTES + 1;

export type NodeMessage = NodeQuery | NodeSubscribe;

/** Bytes of a query on the wire. */
export function queryBytes(body: NodeQueryBody): number {
  switch (body.q) {
    case 'height':
      return NODE_MESSAGE_BASE_BYTES;
    case 'access-decision':
      return NODE_MESSAGE_BASE_BYTES + body.request.length;
    case 'alert-recorded':
      return NODE_MESSAGE_BASE_BYTES + body.alert.length;
    case 'anchor-root':
      return NODE_MESSAGE_BASE_BYTES + 8;
    case 'revoked-by':
      return NODE_MESSAGE_BASE_BYTES + body.device.length + 8;
  }
}

/** Bytes of an answer on the wire. */
export function answerBytes(body: NodeAnswerBody): number {
  switch (body.q) {
    case 'height':
      return NODE_MESSAGE_BASE_BYTES;
    case 'access-decision':
    case 'alert-recorded':
    case 'revoked-by':
      return NODE_MESSAGE_BASE_BYTES + 1;
    case 'anchor-root':
      return NODE_MESSAGE_BASE_BYTES + (body.root === undefined ? 1 : 32);
  }
}

export function subscribeBytes(m: NodeSubscribe): number {
  let n = NODE_MESSAGE_BASE_BYTES + 1;
  for (const p of m.patients ?? []) n += p.length;
  return n;
}

/** Bytes of a notice on the wire. */
export function noticeBytes(n: NodeNoticeItems): number {
  let bytes = NODE_MESSAGE_BASE_BYTES + 1;
  switch (n.topic) {
    case 'registry':
      for (const r of n.items) bytes += r.device.length + r.keyId.length + 1;
      return bytes;
    case 'permits':
      // The item's kind and the decision share 1 byte; the decision's time is 8.
      for (const p of n.items) bytes += p.kind === 'access' ? p.request.length + p.requester.length + p.patient.length + p.consent.length + 1 + 8 + 8 : p.consent.length + 1;
      return bytes;
    case 'audit':
      // Type and action 1 byte each, the block time 8, then the text fields.
      for (const e of n.items) bytes += 2 + 8 + e.outcome.length + e.agent.length + e.entity.length + e.purpose.length + e.ref.length;
      return bytes;
  }
}
