/**
 * A deadline that moves often but rarely fires: Raft's election timeout (Ongaro & Ousterhout §5.2)
 * and HotStuff's view timeout (Yin et al. §4.4) are pushed back by every heartbeat or proposal.
 * Cancelling and re-setting an engine timer each time would leave a cancelled event per message in
 * the queue; instead one timer is kept, a later deadline leaves it in place, a timer that fires
 * before the deadline re-arms for the rest, and only an earlier deadline cancels it.
 */
import type { ActorContext, TimerId, TimerTag } from '../../sim/index.ts';

const NO_TIMER = -1;

export class DeadlineTimer {
  private deadlineUs = 0;
  private timer: TimerId = NO_TIMER;
  private timerAtUs = 0;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly tag: TimerTag,
  ) {}

  /** Move the deadline to `delayUs` from now. */
  reset(delayUs: number): void {
    this.deadlineUs = this.ctx.nowUs + delayUs;
    if (this.timer !== NO_TIMER && this.timerAtUs > this.deadlineUs) {
      this.ctx.cancelTimer(this.timer);
      this.timer = NO_TIMER;
    }
    if (this.timer === NO_TIMER) this.arm();
  }

  /** Call when the timer with this tag fires: true when the deadline has passed, else it re-arms. */
  fired(): boolean {
    this.timer = NO_TIMER;
    if (this.ctx.nowUs >= this.deadlineUs) return true;
    this.arm();
    return false;
  }

  /** The timer fired and is not wanted now, or was lost with a crash: no timer is pending. */
  forget(): void {
    this.timer = NO_TIMER;
  }

  private arm(): void {
    this.timerAtUs = this.deadlineUs;
    this.timer = this.ctx.setTimer(this.deadlineUs - this.ctx.nowUs, this.tag);
  }
}
