/**
 * Incast on the engine's network: k hosts each send one message of s bytes, at the same instant,
 * to one receiver. Every link has the fixed one-way delay δ and every host the bandwidth B both
 * ways. With receive-side queueing (sim/network.ts) the receiver's downlink takes the messages one
 * after the other, so the last one is complete k·s·8/B after the first bits arrive.
 */
import { Engine, type Actor, type ActorContext, type HostId, type HostPlacement } from '../../../sim/index.ts';

export interface IncastParams {
  readonly senders: number;
  readonly messageBytes: number;
  readonly bandwidthBitsPerSec: number;
  readonly delayUs: number;
}

export interface IncastRun {
  /** Delivery times of the messages at the receiver, µs after they were sent, in delivery order. */
  readonly deliveredUs: readonly number[];
}

class Receiver implements Actor<unknown> {
  readonly deliveredUs: number[] = [];
  constructor(private readonly ctx: ActorContext<unknown>) {}
  onStart(): void {}
  onMessage(): void {
    this.deliveredUs.push(this.ctx.nowUs);
  }
  onTimer(): void {}
}

class Sender implements Actor<unknown> {
  constructor(private readonly ctx: ActorContext<unknown>, private readonly to: HostId, private readonly bytes: number) {}
  onStart(): void {
    this.ctx.send(this.to, 'incast', this.bytes);
  }
  onMessage(): void {}
  onTimer(): void {}
}

export function runIncast(p: IncastParams): IncastRun {
  const engine = new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: p.delayUs }, receiveQueueing: true } });
  const link: HostPlacement = { region: 0, uploadBitsPerSec: p.bandwidthBitsPerSec, downloadBitsPerSec: p.bandwidthBitsPerSec };
  const receiver = engine.addHost(link, (ctx: ActorContext<unknown>) => new Receiver(ctx), 'receiver');
  for (let i = 0; i < p.senders; i++) engine.addHost(link, (ctx: ActorContext<unknown>) => new Sender(ctx, receiver, p.messageBytes), `sender:${i}`);
  engine.run();
  return { deliveredUs: engine.actor<Receiver>(receiver).deliveredUs };
}
