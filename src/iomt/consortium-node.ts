/**
 * A consortium node's host in the IoMT world: the protocol replica and the node query service
 * (node-service.ts) side by side, sharing the host's context, processor and application state
 * (the same machine). Query and subscription messages go to the service, everything else to the
 * replica; after each replica event the service answers and notifies for what was executed. Every
 * `heartbeatUs` the service also sends its subscribers their heartbeats (node-messages.ts).
 */
import type { Actor, ActorContext, ActorFactory, HostId, TimerTag } from '../../sim/index.ts';
import type { IomtLedgerApp } from '../contracts/index.ts';
import type { CryptoCosts } from '../ledger/index.ts';
import type { NodeMessage } from './node-messages.ts';
import { NodeQueryService } from './node-service.ts';

/** What a node's host is built from: its own application, the crypto cost table and the heartbeat period. */
export interface ConsortiumNodeConfig {
  readonly app: IomtLedgerApp;
  readonly costs: CryptoCosts;
  /** Period of the node's heartbeats to its subscribers (`iomt.noticeHeartbeat`). */
  readonly heartbeatUs: number;
}

/**
 * The tag of the service's heartbeat timer. The host's timers are the replica's own too, and
 * onTimer hands it every other tag: every protocol numbers its timers from 0, and the Byzantine
 * wrapper's tags (src/attacks/byzantine/replica.ts) are never negative either.
 */
const HEARTBEAT_TIMER = -1;

export class ConsortiumNode implements Actor<unknown> {
  readonly replica: Actor<unknown>;
  readonly service: NodeQueryService;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly config: ConsortiumNodeConfig,
    replica: ActorFactory<unknown>,
  ) {
    this.service = new NodeQueryService(ctx, config.app, config.costs);
    this.replica = replica(ctx);
  }

  onStart(): void {
    this.replica.onStart?.();
    this.service.afterReplicaEvent();
    this.ctx.setTimer(this.config.heartbeatUs, HEARTBEAT_TIMER);
  }

  /** Back from a crash, which took the heartbeat timer with the host's others. */
  onRecover(): void {
    this.replica.onRecover?.();
    this.service.afterReplicaEvent();
    this.ctx.setTimer(this.config.heartbeatUs, HEARTBEAT_TIMER);
  }

  onMessage(from: HostId, msg: unknown): void {
    const kind = (msg as { kind: string }).kind;
    if (kind === 'node-query' || kind === 'node-subscribe') return this.service.onMessage(from, msg as NodeMessage);
    this.replica.onMessage(from, msg);
    this.service.afterReplicaEvent();
  }

  onTimer(tag: TimerTag): void {
    if (tag === HEARTBEAT_TIMER) {
      this.service.heartbeat();
      this.ctx.setTimer(this.config.heartbeatUs, HEARTBEAT_TIMER);
      return;
    }
    this.replica.onTimer(tag);
    this.service.afterReplicaEvent();
  }
}
