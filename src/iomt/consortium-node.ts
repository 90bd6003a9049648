/**
 * A consortium node's host in the IoMT world: the protocol replica and the node query service
 * (node-service.ts) side by side, sharing the host's context, processor and application state
 * (the same machine). Query and subscription messages go to the service, everything else to the
 * replica; after each replica event the service answers and notifies for what was executed.
 */
import type { Actor, ActorContext, ActorFactory, HostId, TimerTag } from '../../sim/index.ts';
import type { IomtLedgerApp } from '../contracts/index.ts';
import type { CryptoCosts } from '../ledger/index.ts';
import type { NodeMessage } from './node-messages.ts';
import { NodeQueryService } from './node-service.ts';

/** What a node's host is built from: its own application and the crypto cost table. */
export interface ConsortiumNodeConfig {
  readonly app: IomtLedgerApp;
  readonly costs: CryptoCosts;
}

export class ConsortiumNode implements Actor<unknown> {
  readonly replica: Actor<unknown>;
  readonly service: NodeQueryService;

  constructor(ctx: ActorContext<unknown>, config: ConsortiumNodeConfig, replica: ActorFactory<unknown>) {
    this.service = new NodeQueryService(ctx, config.app, config.costs);
    this.replica = replica(ctx);
  }

  onStart(): void {
    this.replica.onStart?.();
    this.service.afterReplicaEvent();
  }

  onRecover(): void {
    this.replica.onRecover?.();
    this.service.afterReplicaEvent();
  }

  onMessage(from: HostId, msg: unknown): void {
    const kind = (msg as { kind: string }).kind;
    if (kind === 'node-query' || kind === 'node-subscribe') return this.service.onMessage(from, msg as NodeMessage);
    this.replica.onMessage(from, msg);
    this.service.afterReplicaEvent();
  }

  onTimer(tag: TimerTag): void {
    this.replica.onTimer(tag);
    this.service.afterReplicaEvent();
  }
}
