/**
 * SimBlock's way of answering block requests ('sequential' `blockServing`): a node keeps the
 * requests it is asked to serve (getdata → block or compact block, getblocktxn → blocktxn) in one
 * queue, in arrival order, and serves one at a time; the next transfer starts only when the
 * previous one has reached its receiver (SimBlock: node/Node.sendNextBlockMessage, called again by
 * task/BlockMessageTask.run and task/CmpctBlockMessageTask.run when the message arrives). Each
 * transfer takes the block's processing time, then its serialization at min(sender's upload,
 * receiver's download), then its latency, all added by the sender (Node.sendNextBlockMessage's
 * delay, BlockMessageTask's interval); the receiver relays at once when it arrives.
 *
 * A node cannot see when its message arrives, so the run lends it the engine's send, which reports
 * the arrival time (`TimedSend`). With the 'concurrent' default the requests are answered at once
 * and their bytes share the uplink (sim/network.ts), as in Bitcoin Core.
 */
import type { ActorContext, HostId } from '../../../sim/index.ts';
import { DROPPED } from '../../../sim/index.ts';
import type { PowBlockMessage } from './types.ts';

/** Send from `from` to `to` and return when the message reaches `to`, or DROPPED (Engine.send). */
export type TimedSend = (from: HostId, to: HostId, msg: unknown, sizeBytes: number) => number;

/** Timer tags of the server; the owner's own tags stay below them. */
export const PROCESSED_TIMER = 3;
export const ARRIVED_TIMER = 4;

export class SequentialBlockServer {
  private readonly queue: { readonly to: HostId; readonly msg: PowBlockMessage; readonly sizeBytes: number }[] = [];
  private head = 0;
  private busy = false;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly processingUs: number,
    private readonly sendTimed: TimedSend,
  ) {}

  /** A request to serve: `msg` of `sizeBytes` to `to`, after those already waiting. */
  enqueue(to: HostId, msg: PowBlockMessage, sizeBytes: number): void {
    this.queue.push({ to, msg, sizeBytes });
    if (!this.busy) this.startNext();
  }

  /** Handle one of the server's timers; false for a tag that is not its own. */
  onTimer(tag: number): boolean {
    if (tag === PROCESSED_TIMER) {
      const t = this.queue[this.head++]!;
      const arrivalUs = this.sendTimed(this.ctx.self, t.to, t.msg, t.sizeBytes);
      // A transfer the network lost frees the server at once (SimBlock loses nothing).
      if (arrivalUs === DROPPED) this.startNext();
      else this.ctx.setTimer(arrivalUs - this.ctx.nowUs, ARRIVED_TIMER);
      return true;
    }
    if (tag === ARRIVED_TIMER) {
      this.startNext();
      return true;
    }
    return false;
  }

  private startNext(): void {
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      this.busy = false;
      return;
    }
    this.busy = true;
    this.ctx.setTimer(this.processingUs, PROCESSED_TIMER);
  }
}
