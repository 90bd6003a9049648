import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type HostId } from '../../../sim/index.ts';
import { ARRIVED_TIMER, PROCESSED_TIMER, SequentialBlockServer } from './block-server.ts';
import { mineBlock, powGenesis } from './block.ts';

/** A context whose timers the test fires by hand, and a send that arrives `latencyUs` later. */
function scripted(latencyUs: number) {
  const timers: { atUs: number; tag: number }[] = [];
  const sent: { to: HostId; atUs: number; sizeBytes: number }[] = [];
  const ctx = {
    self: 0,
    nowUs: 0,
    rng: new Rng(1),
    send: () => {},
    setTimer: (delayUs: number, tag: number) => timers.push({ atUs: ctx.nowUs + delayUs, tag }),
    cancelTimer: () => {},
    cpu: () => {},
    cpuParallel: () => {},
    emit: () => {},
    emitFirst: () => {},
  };
  const sendTimed = (_from: HostId, to: HostId, _msg: unknown, sizeBytes: number) => {
    sent.push({ to, atUs: ctx.nowUs, sizeBytes });
    return ctx.nowUs + latencyUs;
  };
  return { ctx: ctx as ActorContext<unknown> & { nowUs: number }, timers, sent, sendTimed };
}

const block = mineBlock(powGenesis(), 9, 0, 1, 1000, 250, 0);

describe('SimBlock block server (one transfer at a time)', () => {
  it('starts the next transfer, after its processing time, only when the previous one has arrived', () => {
    const { ctx, timers, sent, sendTimed } = scripted(100_000);
    const server = new SequentialBlockServer(ctx, 2_000, sendTimed);
    server.enqueue(1, block.msgBlock, 1000);
    server.enqueue(2, block.msgCmpct, 500);
    const fire = () => {
      const t = timers.shift()!;
      ctx.nowUs = t.atUs;
      expect(server.onTimer(t.tag)).toBe(true);
      return t.tag;
    };
    expect(fire()).toBe(PROCESSED_TIMER);
    expect(fire()).toBe(ARRIVED_TIMER);
    expect(fire()).toBe(PROCESSED_TIMER);
    expect(timers).toEqual([{ atUs: 2_000 + 100_000 + 2_000 + 100_000, tag: ARRIVED_TIMER }]);
    expect(sent).toEqual([{ to: 1, atUs: 2_000, sizeBytes: 1000 }, { to: 2, atUs: 104_000, sizeBytes: 500 }]);
  });

  it('is idle again once the queue is empty, and serves a later request at once', () => {
    const { ctx, timers, sendTimed } = scripted(50_000);
    const server = new SequentialBlockServer(ctx, 2_000, sendTimed);
    server.enqueue(1, block.msgBlock, 1000);
    for (const t of timers.splice(0)) { ctx.nowUs = t.atUs; server.onTimer(t.tag); }
    for (const t of timers.splice(0)) { ctx.nowUs = t.atUs; server.onTimer(t.tag); }
    expect(timers).toEqual([]);
    ctx.nowUs = 1_000_000;
    server.enqueue(3, block.msgBlock, 1000);
    expect(timers).toEqual([{ atUs: 1_002_000, tag: PROCESSED_TIMER }]);
    expect(server.onTimer(1)).toBe(false);
  });
});
