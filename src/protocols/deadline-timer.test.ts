import { describe, expect, it } from 'vitest';
import { Engine, type Actor, type ActorContext } from '../../sim/index.ts';
import { DeadlineTimer } from './deadline-timer.ts';

const FREE = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };

/** An actor that pushes its deadline at the given times and records when it expired. */
function pusher(pushAtUs: readonly number[], timeoutUs: number, expired: number[]) {
  return (ctx: ActorContext<unknown>): Actor<unknown> => {
    const deadline = new DeadlineTimer(ctx, 7);
    return {
      onStart() {
        deadline.reset(timeoutUs);
        for (const t of pushAtUs) ctx.setTimer(t, 1);
      },
      onMessage() {},
      onTimer(tag) {
        if (tag === 1) deadline.reset(timeoutUs);
        else if (tag === 7 && deadline.fired()) expired.push(ctx.nowUs);
      },
    };
  };
}

describe('DeadlineTimer', () => {
  it('expires once, timeout after the last push, however often it was pushed', () => {
    const expired: number[] = [];
    const engine = new Engine({ seed: 1 });
    engine.addHost(FREE, pusher([100, 200, 300, 400], 1_000, expired));
    engine.run();
    expect(expired).toEqual([1_400]);
  });

  it('keeps at most one engine timer pending while pushed later', () => {
    const engine = new Engine({ seed: 1 });
    engine.addHost(FREE, pusher(Array.from({ length: 50 }, (_, i) => 10 * (i + 1)), 1_000, []));
    engine.run(5);
    // 50 push timers + the one deadline timer, not one cancelled deadline event per push.
    expect(engine.pendingEvents).toBe(51);
  });

  it('fires at an earlier deadline when the timeout shrinks', () => {
    const expired: number[] = [];
    const engine = new Engine({ seed: 1 });
    engine.addHost(FREE, (ctx) => {
      const deadline = new DeadlineTimer(ctx, 7);
      return {
        onStart() { deadline.reset(1_000); ctx.setTimer(100, 1); },
        onMessage() {},
        onTimer(tag) {
          if (tag === 1) deadline.reset(50);
          else if (deadline.fired()) expired.push(ctx.nowUs);
        },
      };
    });
    engine.run();
    expect(expired).toEqual([150]);
  });
});
