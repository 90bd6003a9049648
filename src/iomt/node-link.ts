/**
 * The asking side of the node query protocol (node-messages.ts), borrowed by actors that talk to
 * their organisation's node: numbered queries that are re-sent when unanswered (lost, or the node
 * was down), and subscriptions that notice a missed notice (by a later notice, or by the node's
 * heartbeat) and subscribe again from the last height they hold. Each message costs one MAC to
 * send and one to check (the authenticated channel, docs/references.md §6). Not an actor: it
 * borrows its owner's context.
 */
import type { ActorContext, HostId } from '../../sim/index.ts';
import { queryBytes, subscribeBytes, type NodeAnswer, type NodeHeartbeat, type NodeNotice, type NodeQuery, type NodeQueryBody, type NodeSubscribe, type NodeTopic } from './node-messages.ts';

/** Where an actor's node is and what a MAC costs (plain data in the actor's configuration). */
export interface NodeEndpoint {
  readonly host: HostId;
  readonly macUs: number;
  /** Re-send a query (or a subscription) unanswered for this long. */
  readonly retryUs: number;
}

export class NodeQueries {
  private nextId = 0;
  private readonly open = new Map<number, { readonly q: NodeQuery; sentUs: number }>();

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly node: NodeEndpoint,
  ) {}

  /** The organisation's node asked. */
  get host(): HostId {
    return this.node.host;
  }

  /** Ask `body` once the node has executed `afterHeight`; returns the query id its answer carries. */
  ask(body: NodeQueryBody, afterHeight: number): number {
    const q: NodeQuery = { kind: 'node-query', id: this.nextId++, afterHeight, body };
    this.open.set(q.id, { q, sentUs: this.ctx.nowUs });
    this.send(q);
    return q.id;
  }

  /** True the first time an answer to an open query arrives (its MAC checked); false for a duplicate. */
  answered(m: NodeAnswer): boolean {
    this.ctx.cpu(this.node.macUs);
    return this.open.delete(m.id);
  }

  /** Re-send queries unanswered for `retryUs`; call from a periodic timer. */
  resend(): void {
    const now = this.ctx.nowUs;
    for (const o of this.open.values()) {
      if (now - o.sentUs < this.node.retryUs) continue;
      o.sentUs = now;
      this.send(o.q);
    }
  }

  private send(q: NodeQuery): void {
    this.ctx.cpu(this.node.macUs);
    this.ctx.send(this.node.host, q, queryBytes(q.body));
  }
}

/**
 * One subscription to a topic of the node. Each (re)subscription has a new number; its notices
 * are applied in order: notice 0 acknowledges it with the replay, then 1, 2, … A notice of an
 * older subscription is ignored; a missing one, seen by a later notice or by a heartbeat that
 * numbers a notice not yet applied, starts a new subscription from the last height applied, whose
 * replay brings what was missed.
 */
export class NodeSubscription {
  private id = -1;
  private expectedSeq = 0;
  private acknowledged = false;
  private lastHeight: number;
  private subscribedUs = -Infinity;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly node: NodeEndpoint,
    private readonly topic: NodeTopic,
    /** Height of the state the subscriber starts from (its configuration's genesis state: 0). */
    sinceHeight: number,
    private readonly patients?: readonly string[],
  ) {
    this.lastHeight = sinceHeight;
  }

  /** Subscribe (again) from the last height applied. */
  subscribe(): void {
    this.id++;
    const base = { kind: 'node-subscribe', id: this.id, topic: this.topic, sinceHeight: this.lastHeight } as const;
    const m: NodeSubscribe = this.patients === undefined ? base : { ...base, patients: this.patients };
    this.expectedSeq = 0;
    this.acknowledged = false;
    this.subscribedUs = this.ctx.nowUs;
    this.ctx.cpu(this.node.macUs);
    this.ctx.send(this.node.host, m, subscribeBytes(m));
  }

  /** Subscribe again if the acknowledgement has not come within `retryUs`; call from a periodic timer. */
  retry(): void {
    if (!this.acknowledged && this.ctx.nowUs - this.subscribedUs >= this.node.retryUs) this.subscribe();
  }

  /** Whether to apply `n` (its MAC checked); a gap starts a new subscription instead. */
  accept(n: NodeNotice): boolean {
    this.ctx.cpu(this.node.macUs);
    if (n.subscription !== this.id) return false;
    if (n.seq !== this.expectedSeq) {
      this.subscribe();
      return false;
    }
    this.expectedSeq++;
    this.acknowledged = true;
    if (n.height > this.lastHeight) this.lastHeight = n.height;
    return true;
  }

  /**
   * The node's heartbeat (its MAC checked): if it numbers a notice of this subscription not yet
   * applied, that notice was lost, or is still on its way (a new subscription's replay brings its
   * items either way), so subscribe again. One of an older subscription is ignored, as its notices are.
   */
  heartbeat(h: NodeHeartbeat): void {
    this.ctx.cpu(this.node.macUs);
    if (h.subscription === this.id && h.seq >= this.expectedSeq) this.subscribe();
  }
}
