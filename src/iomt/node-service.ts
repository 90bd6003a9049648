/**
 * The node query service: the part of a consortium node that serves its organisation's gateways,
 * stores, clients and monitors (the protocol in node-messages.ts). It lives on the replica's host
 * and reads that host's own application state, the only state it may read; everyone else learns
 * that state from its messages.
 *
 * The host runs the replica and this service side by side (ConsortiumNode, consortium-node.ts):
 * after each event the replica handled, the service looks at what its application executed,
 * answers the queries that were waiting for those heights and pushes notices to subscribers.
 *
 * Processor time, on the node (it competes with consensus for the node's cores): per query one MAC
 * check, one state read (STATE_READ_US) and one MAC on the answer; per notice one MAC and one state
 * read per item; per subscription one MAC check and, for a replay, a state read per item; per
 * heartbeat one MAC (the notice number and height it carries are the service's own counters, so it
 * reads no state). MACs come from the crypto cost table (macUs), as every authenticated channel in
 * the model is charged.
 */
import type { ActorContext, HostId } from '../../sim/index.ts';
import type { AccessDecision, AuditEntry, ContractOutcome, IomtLedgerApp } from '../contracts/index.ts';
import { macCostUs, type CryptoCosts } from '../ledger/index.ts';
import { emitIomt, emitIomtFirst } from './events.ts';
import {
  answerBytes,
  HEARTBEAT_BYTES,
  noticeBytes,
  STATE_READ_US,
  type NodeAnswer,
  type NodeAnswerBody,
  type NodeHeartbeat,
  type NodeMessage,
  type NodeNoticeItems,
  type NodeQuery,
  type NodeSubscribe,
  type NodeTopic,
  type PermitItem,
  type ConsentRevokedItem,
  type RegistryItem,
} from './node-messages.ts';

interface Subscription {
  readonly host: HostId;
  readonly id: number;
  readonly topic: NodeTopic;
  readonly patients: ReadonlySet<string> | undefined;
  seq: number;
}

/** A 'permits' item with what places it: its height (replays) and its patient (subscribers' filters). */
interface PermitLogEntry {
  readonly height: number;
  readonly patient: string;
  readonly item: PermitItem | ConsentRevokedItem;
}

interface WaitingQuery {
  readonly from: HostId;
  readonly q: NodeQuery;
}

export class NodeQueryService {
  private readonly macUs: number;
  /** Queries waiting for a height this node has not executed yet. */
  private waiting: WaitingQuery[] = [];
  private readonly subscriptions: Subscription[] = [];
  /** Height up to which notices were pushed. */
  private notifiedHeight: number;
  /** Audit entries already pushed, and the log's length at each notified height (for replays). */
  private auditPushed: number;
  private readonly auditLengthAt: { readonly height: number; readonly length: number }[] = [];
  /** Items executed since the last push. */
  private newRegistry: string[] = [];
  private newPermits: PermitLogEntry[] = [];
  /** Every access decision and consent revocation with its height and patient, in commit order (for replays). */
  private readonly permitLog: PermitLogEntry[] = [];
  /**
   * When this node executed each consent revocation: the time it committed here, from which no
   * record may be served under it (src/iomt/served-reads.ts judges reads against the earliest
   * honest node's).
   */
  readonly consentRevokedUs = new Map<string, number>();
  /**
   * The transaction whose DeviceRegistry revocation took effect, by device: final, as a revoked
   * device is never changed again (src/contracts/registry.ts). Kept from the executed outcomes, as
   * the permit log is, since the registry's state names no transaction.
   */
  private readonly revokedBy = new Map<string, number>();

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly app: IomtLedgerApp,
    costs: CryptoCosts,
  ) {
    this.macUs = macCostUs(costs);
    this.notifiedHeight = app.executedHeight;
    this.auditPushed = app.audit.entries.length;
    app.listener = (o) => this.onOutcome(o);
  }

  onMessage(from: HostId, m: NodeMessage): void {
    this.ctx.cpu(this.macUs);
    if (m.kind === 'node-query') this.onQuery(from, m);
    else this.subscribe(from, m);
  }

  /** Call after every event the replica handled: answer and notify for the heights it executed. */
  afterReplicaEvent(): void {
    const height = this.app.executedHeight;
    if (height <= this.notifiedHeight) return;
    this.notifiedHeight = height;
    this.answerWaiting(height);
    this.pushNotices(height);
  }

  // ---- queries ----

  private onQuery(from: HostId, q: NodeQuery): void {
    if (q.afterHeight <= this.app.executedHeight) return this.answer(from, q);
    // A client that re-sends an unanswered query replaces its earlier copy.
    this.waiting = this.waiting.filter((w) => w.from !== from || w.q.id !== q.id);
    this.waiting.push({ from, q });
  }

  private answerWaiting(height: number): void {
    if (this.waiting.length === 0) return;
    const due = this.waiting.filter((w) => w.q.afterHeight <= height);
    if (due.length === 0) return;
    this.waiting = this.waiting.filter((w) => w.q.afterHeight > height);
    for (const w of due) this.answer(w.from, w.q);
  }

  private answer(to: HostId, q: NodeQuery): void {
    const ctx = this.ctx;
    ctx.cpu(STATE_READ_US + this.macUs);
    const body = this.read(q, to);
    ctx.send(to, { kind: 'node-answer', id: q.id, height: this.app.executedHeight, body } satisfies NodeAnswer, answerBytes(body));
  }

  /** `asker`: the querying host, authenticated by the channel's MAC. */
  private read(q: NodeQuery, asker: HostId): NodeAnswerBody {
    const b = q.body;
    const app = this.app;
    switch (b.q) {
      case 'height':
        return b;
      case 'access-decision':
        return { q: b.q, decision: this.decisionFor(asker, b.request) };
      case 'alert-recorded':
        return { q: b.q, recorded: app.alerts.recorded(b.alert) };
      case 'anchor-root':
        return { q: b.q, root: app.anchors.root(b.gateway, b.batch) };
      case 'revoked-by':
        return { q: b.q, revokedBy: this.revokedBy.get(b.device) === b.tx };
    }
  }

  /**
   * The decision on `request` made for a reader bound to `asker` (the first of its readers, in
   * enrolment order, with a request of that id): request ids are their requester's own
   * (src/contracts/access.ts), and the node answers for the querying host's readers, as a
   * chaincode query takes its caller's identity, so another host's request of the same id is
   * neither answered nor revealed.
   */
  private decisionFor(asker: HostId, request: string): AccessDecision | undefined {
    for (const requester of this.app.readers.readersAt(asker)) {
      const d = this.app.access.decisionOf(requester, request);
      if (d !== undefined) return d;
    }
    return undefined;
  }

  // ---- subscriptions ----

  private subscribe(from: HostId, m: NodeSubscribe): void {
    const i = this.subscriptions.findIndex((s) => s.host === from && s.topic === m.topic);
    const s: Subscription = { host: from, id: m.id, topic: m.topic, patients: m.patients === undefined ? undefined : new Set(m.patients), seq: 0 };
    if (i >= 0) this.subscriptions[i] = s;
    else this.subscriptions.push(s);
    // The acknowledgement (notice 0) replays what was committed after the subscriber's height.
    this.send(s, this.replay(s, m.sinceHeight), true);
  }

  private replay(s: Subscription, sinceHeight: number): NodeNoticeItems {
    switch (s.topic) {
      case 'registry':
        return { topic: 'registry', items: this.registryItems(s.host, this.app.registry.devicesAt(s.host), sinceHeight) };
      case 'permits':
        return { topic: 'permits', items: this.permitLog.filter((p) => p.height > sinceHeight && s.patients?.has(p.patient) === true).map((p) => p.item) };
      case 'audit': {
        let from = 0;
        for (const a of this.auditLengthAt) if (a.height <= sinceHeight) from = a.length;
        return { topic: 'audit', items: this.app.audit.entries.slice(from, this.auditPushed) };
      }
    }
  }

  /** Current registry records of `devices` registered with `gateway`, changed above `sinceHeight`. */
  private registryItems(gateway: HostId, devices: readonly string[], sinceHeight: number): RegistryItem[] {
    const records = this.app.registry.devices;
    const items: RegistryItem[] = [];
    for (const device of devices) {
      const r = records.get(device);
      if (r === undefined || r.gateway !== gateway || r.updatedHeight <= sinceHeight) continue;
      items.push({ device, keyId: r.keyId, active: r.status === 'active' });
    }
    return items;
  }

  private onOutcome(o: ContractOutcome): void {
    // Every replica executes every transaction alike; metrics read the first execution of each.
    emitIomtFirst(this.ctx, o.tx.id, { kind: 'iomt-contract-outcome', outcome: o });
    if (o.kind === 'device') {
      this.newRegistry.push(o.device);
      if (o.method === 'revoke') this.revokedBy.set(o.device, o.tx.id);
    }
    else if (o.kind === 'access') {
      const a = o.access;
      const consentEndUs = a.consent === '' ? Infinity : (this.app.consent.consents.get(a.consent)?.periodEndUs ?? Infinity);
      const item: PermitItem = { kind: 'access', request: a.request, requester: a.requester, patient: a.patient, decision: a.decision, consent: a.consent, decidedUs: this.ctx.nowUs, consentEndUs };
      this.logPermits({ height: o.height, patient: a.patient, item });
    } else if (o.kind === 'consent-revoked') {
      // Stores hold permits decided before the revocation: they must learn of it to stop serving them.
      const item: ConsentRevokedItem = { kind: 'consent-revoked', consent: o.consent };
      this.logPermits({ height: o.height, patient: this.app.consent.consents.get(o.consent)!.patient, item });
      if (!this.consentRevokedUs.has(o.consent)) this.consentRevokedUs.set(o.consent, this.ctx.nowUs);
    }
  }

  private logPermits(e: PermitLogEntry): void {
    this.newPermits.push(e);
    this.permitLog.push(e);
  }

  private pushNotices(height: number): void {
    const audit = this.app.audit.entries;
    const newAudit: readonly AuditEntry[] = audit.length > this.auditPushed ? audit.slice(this.auditPushed) : [];
    if (newAudit.length > 0) {
      this.auditPushed = audit.length;
      this.auditLengthAt.push({ height, length: audit.length });
    }
    const changed = this.newRegistry;
    const permits = this.newPermits;
    this.newRegistry = [];
    this.newPermits = [];
    for (const s of this.subscriptions) {
      switch (s.topic) {
        case 'registry': {
          if (changed.length === 0) break;
          const items = this.registryItems(s.host, changed, 0);
          if (items.length > 0) this.send(s, { topic: 'registry', items }, false);
          break;
        }
        case 'permits': {
          const items = permits.filter((p) => s.patients?.has(p.patient) === true).map((p) => p.item);
          if (items.length > 0) this.send(s, { topic: 'permits', items }, false);
          break;
        }
        case 'audit':
          if (newAudit.length > 0) this.send(s, { topic: 'audit', items: newAudit }, false);
          break;
      }
    }
  }

  /**
   * Tell each subscription the number of its last notice (node-messages.ts, heartbeats); the owner
   * calls this every `noticeHeartbeat`. A subscription with none since its acknowledgement is left
   * out: if that acknowledgement was lost, its subscriber subscribes again on its own
   * (NodeSubscription.retry).
   */
  heartbeat(): void {
    for (const s of this.subscriptions) {
      if (s.seq === 0) continue;
      this.ctx.cpu(this.macUs);
      this.ctx.send(s.host, { kind: 'node-heartbeat', subscription: s.id, topic: s.topic, seq: s.seq, height: this.notifiedHeight } satisfies NodeHeartbeat, HEARTBEAT_BYTES);
    }
  }

  private send(s: Subscription, n: NodeNoticeItems, acknowledgement: boolean): void {
    const seq = acknowledgement ? 0 : ++s.seq;
    this.ctx.cpu(this.macUs + STATE_READ_US * n.items.length);
    this.ctx.send(s.host, { kind: 'node-notice', subscription: s.id, seq, height: this.notifiedHeight, ...n }, noticeBytes(n));
  }
}
