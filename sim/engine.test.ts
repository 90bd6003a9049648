import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { SimError } from './errors.ts';
import { FREE_LINK, events, fixedLatencyEngine, recorder, type Seen } from './testing/helpers.ts';
import type { ActorContext } from './actor.ts';
import { DropReason, type HostPlacement } from './network.ts';
import type { TimerId } from './types.ts';

describe('Engine ordering', () => {
  it('runs events at the same time in the order they were scheduled', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder(log, {
      onStart(ctx) {
        for (const tag of [5, 3, 9, 1, 7]) ctx.setTimer(100, tag);
      },
    }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[100, 5], [100, 3], [100, 9], [100, 1], [100, 7]]);
  });

  it('runs messages that meet at one microsecond in the order they were sent, whichever host sent them', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(100);
    engine.addHost(FREE_LINK, recorder(log));
    // Host 2 sends at 0 (leaving at 5 after its work); host 1 sends at 5.
    engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => void ctx.setTimer(5, 0), onTimer: (ctx) => ctx.send(0, 'from 1', 0) }));
    engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => { ctx.cpu(5); ctx.send(0, 'from 2', 0); } }));
    engine.run();
    const atReceiver = events(log).filter((s) => s.host === 0);
    expect(atReceiver.map((s) => [s.timeUs, s.value])).toEqual([[105, 'from 2'], [105, 'from 1']]);
  });

  it('runs messages sent at one microsecond by different hosts by source index, not by which handler ran first', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(100);
    engine.addHost(FREE_LINK, recorder(log));
    // Both send at 5; host 2's timer (set at 0) fires before host 1's (set at 1).
    engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => void ctx.setTimer(1, 1), onTimer: (ctx, tag) => (tag === 1 ? void ctx.setTimer(4, 0) : ctx.send(0, 'from 1', 0)) }));
    engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => void ctx.setTimer(5, 0), onTimer: (ctx) => ctx.send(0, 'from 2', 0) }));
    engine.run();
    const timers = events(log).filter((s) => s.what === 'timer' && s.timeUs === 5).map((s) => s.host);
    const atReceiver = events(log).filter((s) => s.host === 0);
    expect([timers, atReceiver.map((s) => s.value)]).toEqual([[2, 1], ['from 1', 'from 2']]);
  });

  it('runs a control callback scheduled with a host event for the same time first, and one scheduled later after it', () => {
    const order: string[] = [];
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => void ctx.setTimer(20, 0), onTimer: () => void order.push('timer') }));
    engine.at(20, () => order.push('control set at 0'));
    engine.run(10);
    engine.at(20, () => order.push('control set at 10'));
    engine.run();
    expect(order).toEqual(['control set at 0', 'timer', 'control set at 10']);
  });

  it('runs each host start in the order the hosts were added', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    for (let i = 0; i < 4; i++) engine.addHost(FREE_LINK, recorder(log));
    engine.run();
    expect(log.map((s) => s.host)).toEqual([0, 1, 2, 3]);
  });

  it('runs control callbacks at their time, interleaved with actor events by time', () => {
    const order: string[] = [];
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => void ctx.setTimer(20, 0), onTimer: () => void order.push('timer@20') }));
    engine.at(30, () => order.push(`control@${engine.nowUs}`));
    engine.at(10, () => order.push(`control@${engine.nowUs}`));
    engine.run();
    expect(order).toEqual(['control@10', 'timer@20', 'control@30']);
  });
});

describe('Engine timers', () => {
  it('never fires a cancelled timer', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder(log, {
      onStart(ctx) {
        const a = ctx.setTimer(10, 1);
        ctx.setTimer(20, 2);
        ctx.cancelTimer(a);
      },
    }));
    engine.run();
    expect(events(log).map((s) => s.value)).toEqual([2]);
  });

  it('treats cancelling a timer that already fired as a no-op, even after its slot is reused', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    let first: TimerId = -1;
    engine.addHost(FREE_LINK, recorder(log, {
      onStart(ctx) {
        first = ctx.setTimer(10, 1);
      },
      onTimer(ctx, tag) {
        if (tag === 1) {
          ctx.setTimer(10, 2); // likely reuses the slot the fired timer held
          ctx.cancelTimer(first);
          ctx.cancelTimer(first);
        }
      },
    }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[10, 1], [20, 2]]);
  });

  it('fires exactly the timers not cancelled, in (time, scheduling order), for any schedule', () => {
    const timer = fc.record({ delayUs: fc.integer({ min: 0, max: 30 }), cancel: fc.boolean(), cancelAtUs: fc.integer({ min: 0, max: 40 }) });
    fc.assert(
      fc.property(fc.array(timer, { maxLength: 60 }), (timers) => {
        const log: Seen[] = [];
        const engine = fixedLatencyEngine(0);
        const ids: TimerId[] = [];
        engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => timers.forEach((t, i) => ids.push(ctx.setTimer(t.delayUs, i))) }));
        timers.forEach((t, i) => { if (t.cancel) engine.at(t.cancelAtUs, () => engine.cancelTimer(ids[i]!)); });
        engine.run();
        // A cancel takes effect if it runs before the timer fires: the cancels were scheduled at 0
        // by the control source, which goes first, so one at the timer's own time comes first, and
        // one at 0 runs before the host's start has set the timer, so it cancels nothing.
        const expected = timers
          .map((t, i) => ({ ...t, i }))
          .filter((t) => !(t.cancel && t.cancelAtUs > 0 && t.cancelAtUs <= t.delayUs))
          .sort((a, b) => a.delayUs - b.delayUs || a.i - b.i)
          .map((t) => [t.delayUs, t.i]);
        expect(events(log).map((s) => [s.timeUs, s.value])).toEqual(expected);
      }),
    );
  });

  it('rejects a negative delay', () => {
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => void ctx.setTimer(-1, 0) }));
    expect(() => engine.run()).toThrow(/setTimer delay: expected a number of µs ≥ 0, found -1/);
  });
});

describe('Engine.run', () => {
  it('advances the clock to the bound and leaves later events pending', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => { ctx.setTimer(50, 1); ctx.setTimer(150, 2); } }));
    engine.run(100);
    expect(engine.nowUs).toBe(100);
    expect(events(log).map((s) => s.value)).toEqual([1]);
    expect(engine.pendingEvents).toBe(1);
    engine.run(150);
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[50, 1], [150, 2]]);
    expect(engine.pendingEvents).toBe(0);
  });

  it('runs an event scheduled exactly at the bound', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => void ctx.setTimer(100, 1) }));
    engine.run(100);
    expect(events(log)).toHaveLength(1);
  });

  it('advances the clock to the bound when the queue empties first', () => {
    const engine = fixedLatencyEngine(0);
    engine.run(5_000);
    expect(engine.nowUs).toBe(5_000);
  });

  it('stops after the event that called stop(), keeping the clock at that event', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder(log, {
      onStart: (ctx) => { for (let i = 1; i <= 5; i++) ctx.setTimer(i * 10, i); },
      onTimer: (_ctx, tag) => { if (tag === 2) engine.stop(); },
    }));
    engine.run(1_000);
    expect(events(log).map((s) => s.value)).toEqual([1, 2]);
    expect(engine.nowUs).toBe(20);
    engine.run();
    expect(events(log).map((s) => s.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('throws a SimError naming the bound and the time when a model runs away', () => {
    const engine = fixedLatencyEngine(0, { maxPendingEvents: 100 });
    engine.addHost(FREE_LINK, recorder([], { onTimer: (ctx) => { ctx.setTimer(1, 0); ctx.setTimer(1, 0); }, onStart: (ctx) => void ctx.setTimer(1, 0) }));
    let caught: unknown;
    try {
      engine.run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SimError);
    expect((caught as SimError).code).toBe('QUEUE_OVERFLOW');
    expect((caught as SimError).message).toMatch(/exceeded its bound of 100 pending events at t=\d+ µs/);
  });

  it('refuses a control callback in the past', () => {
    const engine = fixedLatencyEngine(0);
    engine.run(100);
    expect(() => engine.at(50, () => undefined)).toThrow(/engine.at time/);
  });
});

describe('Engine.runBefore', () => {
  it('leaves an event due exactly at the end unprocessed and ends the clock at the end', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => { ctx.setTimer(99, 1); ctx.setTimer(100, 2); } }));
    engine.runBefore(100);
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[99, 1]]);
    expect(engine.nowUs).toBe(100);
    expect(engine.pendingEvents).toBe(1);
  });
});

describe('Engine CPU busy time', () => {
  it('makes an event that reaches a busy host wait until the work charged is done', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(10);
    const busy = engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => ctx.cpu(500) }));
    engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => ctx.send(busy, 'm', 1) }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[500, 'm']]);
    expect(engine.cpuBusyUs(busy)).toBe(500);
  });

  it('serves waiting events in arrival order, one at a time, each after the previous work', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    // The server's own timer, scheduled first, falls due at 100 when the host frees; the messages
    // arrived at 10 and 20, so they are served before it.
    const server = engine.addHost(FREE_LINK, recorder(log, {
      onStart: (ctx) => { ctx.cpu(100); ctx.setTimer(100, -1); },
      onMessage: (ctx) => ctx.cpu(100),
    }));
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { ctx.setTimer(10, 1); ctx.setTimer(20, 2); }, onTimer: (ctx, tag) => ctx.send(server, tag, 1) }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[100, 1], [200, 2], [300, -1]]);
  });

  it('sends a message only after the work charged before it', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(10);
    const sink = engine.addHost(FREE_LINK, recorder(log));
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { ctx.send(sink, 'early', 1); ctx.cpu(300); ctx.send(sink, 'late', 1); } }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[10, 'early'], [310, 'late']]);
  });

  it('keeps fractional costs exact but every event time a whole microsecond', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(10);
    const sink = engine.addHost(FREE_LINK, recorder(log, { onMessage: (ctx) => ctx.cpu(0.25) }));
    // Three charges of 0.4 µs: the message leaves at ⌈1.2⌉ = 2 µs, not at 1.2 or 3.
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { ctx.cpu(0.4); ctx.cpu(0.4); ctx.cpu(0.4); ctx.send(sink, 'a', 1); ctx.send(sink, 'b', 1); } }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[12, 'a'], [13, 'b']]);
    expect(events(log).every((s) => Number.isInteger(s.timeUs))).toBe(true);
    expect(engine.cpuBusyUs(sink)).toBeCloseTo(0.5, 12);
  });

  it('rejects a negative cost', () => {
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => ctx.cpu(-5) }));
    expect(() => engine.run()).toThrow(/cpu cost/);
  });
});

describe('Engine cores', () => {
  const QUAD: HostPlacement = { ...FREE_LINK, cores: 4 };

  it('keeps a host busy for the makespan ⌈jobs / cores⌉ · cost of parallel work', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    // 10 jobs of 30 µs on 4 cores: three rounds, 90 µs; the 5 µs of serial work before them adds up.
    const h = engine.addHost(QUAD, recorder(log, { onStart: (ctx) => { ctx.cpu(5); ctx.cpuParallel(10, 30); ctx.setTimer(0, 1); } }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[95, 1]]);
    expect(engine.cpuBusyUs(h)).toBe(305);
  });

  it('accounts parallel jobs to the cores by list scheduling and serial work to core 0', () => {
    const engine = fixedLatencyEngine(0);
    const h = engine.addHost(QUAD, recorder([], { onStart: (ctx) => { ctx.cpu(5); ctx.cpuParallel(10, 30); } }));
    engine.run();
    expect(engine.cores(h)).toBe(4);
    expect([0, 1, 2, 3].map((c) => engine.cpuCoreBusyUs(h, c))).toEqual([95, 90, 60, 60]);
  });

  it('on one core, charges parallel work exactly as the same serial work', () => {
    const run = (charge: (ctx: ActorContext<unknown>) => void) => {
      const log: Seen[] = [];
      const engine = fixedLatencyEngine(3);
      const sink = engine.addHost(FREE_LINK, recorder(log));
      const h = engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { charge(ctx); ctx.send(sink, 'done', 1); } }));
      engine.run();
      return { log, busyUs: engine.cpuBusyUs(h), core0Us: engine.cpuCoreBusyUs(h, 0), hash: engine.traceHash() };
    };
    expect(run((ctx) => ctx.cpuParallel(7, 0.3))).toEqual(run((ctx) => ctx.cpu(7 * 0.3)));
  });

  it('counts as done only the work a core has performed by now, not what is queued beyond it', () => {
    const engine = fixedLatencyEngine(0);
    // Serial 5 µs, then 10 jobs of 30 µs on 4 cores (cores busy to 95, 95, 65, 65), observed at 50 µs.
    const h = engine.addHost(QUAD, recorder([], { onStart: (ctx) => { ctx.cpu(5); ctx.cpuParallel(10, 30); } }));
    engine.run(50);
    expect([0, 1, 2, 3].map((c) => engine.cpuCoreDoneUs(h, c))).toEqual([50, 45, 45, 45]);
    engine.run(80);
    expect([0, 1, 2, 3].map((c) => engine.cpuCoreDoneUs(h, c))).toEqual([80, 75, 60, 60]);
    engine.run(200);
    expect([0, 1, 2, 3].map((c) => engine.cpuCoreDoneUs(h, c))).toEqual([95, 90, 60, 60]);
  });

  it('never counts more work done than the time elapsed, however far the backlog reaches', () => {
    const engine = fixedLatencyEngine(0);
    const h = engine.addHost(QUAD, recorder([], { onStart: (ctx) => { for (let i = 0; i < 50; i++) { ctx.cpuParallel(9, 10); ctx.cpu(3); } } }));
    for (const t of [1, 17, 100, 333, 1_000]) {
      engine.run(t);
      for (let c = 0; c < 4; c++) expect(engine.cpuCoreDoneUs(h, c)).toBeLessThanOrEqual(t);
    }
    expect(engine.cpuCoreBusyUs(h, 0)).toBeGreaterThan(1_000);
  });

  it('counts as done on a two-core host only the work performed by now, as on four', () => {
    const engine = fixedLatencyEngine(0);
    // 3 jobs of 30 µs on 2 cores: core 0 busy to 60 µs, core 1 to 30 µs; observed at 20 µs.
    const h = engine.addHost({ ...FREE_LINK, cores: 2 }, recorder([], { onStart: (ctx) => ctx.cpuParallel(3, 30) }));
    engine.run(20);
    expect([0, 1].map((c) => engine.cpuCoreDoneUs(h, c))).toEqual([20, 20]);
    engine.run(100);
    expect([0, 1].map((c) => engine.cpuCoreDoneUs(h, c))).toEqual([60, 30]);
  });

  it('does not count queued work lost in a crash as done', () => {
    const engine = fixedLatencyEngine(0);
    const h = engine.addHost(QUAD, recorder([], { onStart: (ctx) => { ctx.cpu(5); ctx.cpuParallel(10, 30); } }));
    engine.at(50, () => engine.crash(h));
    engine.run(200);
    expect([0, 1, 2, 3].map((c) => engine.cpuCoreDoneUs(h, c))).toEqual([50, 45, 45, 45]);
    expect(engine.cpuBusyUs(h)).toBe(185);
  });

  it('rejects a host with no cores and a fractional number of jobs', () => {
    const engine = fixedLatencyEngine(0);
    expect(() => engine.addHost({ ...FREE_LINK, cores: 0 }, recorder([]))).toThrow(/host.cores/);
    engine.addHost(QUAD, recorder([], { onStart: (ctx) => ctx.cpuParallel(1.5, 10) }));
    expect(() => engine.run()).toThrow(/cpuParallel jobs/);
  });
});

describe('Engine crash and recover', () => {
  it('keeps a host crashed twice over down until both crashes are recovered (two attacks overlapping)', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1);
    const h = engine.addHost(FREE_LINK, recorder(log));
    // One message a millisecond from 0 to 10 ms; crashes over 2-5 ms and 4-8 ms.
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { for (let t = 0; t <= 10_000; t += 1_000) ctx.setTimer(t, 0); }, onTimer: (ctx) => ctx.send(h, ctx.nowUs, 1) }));
    engine.at(2_000, () => engine.crash(h));
    engine.at(4_000, () => engine.crash(h));
    engine.at(5_000, () => engine.recover(h));
    engine.at(8_000, () => engine.recover(h));
    engine.run();
    expect(events(log).filter((s) => s.what === 'message').map((s) => s.value)).toEqual([0, 1_000, 8_000, 9_000, 10_000]);
    expect(events(log).filter((s) => s.what === 'recover').map((s) => s.timeUs)).toEqual([8_000]);
  });

  it('never fires timers set before a crash, even after recovery', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    const h = engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => { ctx.setTimer(100, 1); ctx.setTimer(300, 2); } }));
    engine.at(50, () => engine.crash(h));
    engine.at(60, () => engine.recover(h));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.what])).toEqual([[60, 'recover']]);
  });

  it('loses messages that arrive while down and counts them', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(10);
    const h = engine.addHost(FREE_LINK, recorder(log));
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { ctx.send(h, 'lost', 1); ctx.setTimer(100, 0); }, onTimer: (ctx) => ctx.send(h, 'kept', 1) }));
    engine.at(5, () => engine.crash(h));
    engine.at(50, () => engine.recover(h));
    engine.run();
    expect(events(log).map((s) => s.value)).toEqual([undefined, 'kept']);
    expect(engine.network.droppedByReason[3]).toBe(1);
  });

  it('drops work queued at a busy host when it crashes', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    const h = engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => ctx.cpu(1_000) }));
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => ctx.send(h, 'queued', 1) }));
    engine.at(100, () => engine.crash(h));
    engine.at(200, () => engine.recover(h));
    engine.run();
    expect(events(log).map((s) => s.what)).toEqual(['recover']);
    expect(engine.network.droppedByReason[3]).toBe(1);
  });

  it('loses a message its sender queued behind work and crashed before it left, and counts it against the sender', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(10);
    const receiver = engine.addHost(FREE_LINK, recorder(log));
    const sender = engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { ctx.cpu(1_000); ctx.send(receiver, 'queued', 1); } }));
    engine.at(500, () => engine.crash(sender));
    engine.run();
    expect(events(log)).toEqual([]);
    expect(engine.network.droppedByReason[DropReason.senderCrashed]).toBe(1);
    expect(Array.from(engine.network.droppedFrom.subarray(0, 2))).toEqual([0, 1]);
  });

  it('delivers a message that left its sender before the sender crashed', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1_000);
    const receiver = engine.addHost(FREE_LINK, recorder(log));
    const sender = engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { ctx.cpu(100); ctx.send(receiver, 'left', 1); ctx.cpu(1_000); } }));
    engine.at(500, () => engine.crash(sender));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[1_100, 'left']]);
    expect(engine.network.droppedTotal).toBe(0);
  });

  it('delivers what a recovered host sends, but not what it queued before its crash', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(10);
    const receiver = engine.addHost(FREE_LINK, recorder(log));
    const sender = engine.addHost(FREE_LINK, recorder([], {
      onStart: (ctx) => { ctx.cpu(1_000); ctx.send(receiver, 'queued', 1); },
      onRecover: (ctx) => { ctx.cpu(100); ctx.send(receiver, 'after recovery', 1); },
    }));
    engine.at(500, () => engine.crash(sender));
    engine.at(600, () => engine.recover(sender));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[710, 'after recovery']]);
    expect(engine.network.droppedByReason[DropReason.senderCrashed]).toBe(1);
  });

  it('drops a message by the first crash after it was sent, not by a later one (a host crashed twice)', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(5_000);
    const receiver = engine.addHost(FREE_LINK, recorder(log));
    // 'left' leaves at 100 µs, 'caught' at 1 ms: after the crash at 300 µs, before the one at 2 ms.
    const sender = engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { ctx.cpu(100); ctx.send(receiver, 'left', 1); ctx.cpu(900); ctx.send(receiver, 'caught', 1); } }));
    engine.at(300, () => engine.crash(sender));
    engine.at(400, () => engine.recover(sender));
    engine.at(2_000, () => engine.crash(sender));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[5_100, 'left']]);
    expect(engine.network.droppedByReason[DropReason.senderCrashed]).toBe(1);
  });

  it('gives a recovered host a free processor and working timers', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    const h = engine.addHost(FREE_LINK, recorder(log, { onStart: (ctx) => ctx.cpu(1_000) }));
    engine.at(100, () => engine.crash(h));
    engine.at(200, () => {
      engine.recover(h);
    });
    engine.run();
    expect(engine.isUp(h)).toBe(true);
    expect(events(log).map((s) => [s.timeUs, s.what])).toEqual([[200, 'recover']]);
  });
});

describe('Engine isolation', () => {
  it('rejects sending to a host that does not exist', () => {
    const engine = fixedLatencyEngine(0);
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => ctx.send(7, 'x', 1) }));
    expect(() => engine.run()).toThrow(/host 7 does not exist/);
  });

  it('gives an observer every emitted model event with host and time', () => {
    const engine = new Engine({ seed: 3 });
    const seen: [number, string, number][] = [];
    engine.observe((h, ev, t) => seen.push([h, ev.kind, t]));
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => void ctx.setTimer(7, 0), onTimer: (ctx) => ctx.emit({ kind: 'tick' }) }));
    engine.run();
    expect(seen).toEqual([[0, 'tick', 7]]);
  });
});
