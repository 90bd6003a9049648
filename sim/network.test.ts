import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { DropReason } from './network.ts';
import { FREE_LINK, events, fixedLatencyEngine, recorder, type Seen } from './testing/helpers.ts';
import type { ActorContext } from './actor.ts';
import type { HostId } from './types.ts';

const MBIT = 1_000_000;

/** Host 0 is the sink; host 1 runs `send` at start. */
function pair(engine: Engine, log: Seen[], send: (to: HostId, ctx: ActorContext<unknown>) => void, links = { sink: FREE_LINK, source: FREE_LINK }) {
  const sink = engine.addHost(links.sink, recorder(log));
  const source = engine.addHost(links.source, recorder([], { onStart: (ctx) => send(sink, ctx) }));
  return { sink, source };
}

describe('Network link times, kept to the nanosecond', () => {
  const GBIT = { region: 0, uploadBitsPerSec: 1_000 * MBIT, downloadBitsPerSec: 1_000 * MBIT };

  it.each([[320, 2_560], [190, 1_520], [48, 384]])('takes k·s·8 / down for 1,000 messages of %i B reaching one 1 Gbps host at once (%i µs)', (size, totalUs) => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    const sink = engine.addHost(GBIT, recorder(log));
    for (let i = 0; i < 1_000; i++) engine.addHost(GBIT, recorder([], { onStart: (ctx) => ctx.send(sink, i, size) }));
    engine.run();
    const times = events(log).filter((e) => e.what === 'message').map((e) => e.timeUs);
    expect(times).toHaveLength(1_000);
    // Each message needs s·8 ns on the link; the last arrives at the whole µs after k·s·8 ns.
    expect(Math.max(...times)).toBe(totalUs);
  });

  it('puts 1,000 messages of 60 B from one 1 Gbps sender on its uplink in 480 µs, not none', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    pair(engine, log, (to, ctx) => { for (let i = 0; i < 1_000; i++) ctx.send(to, i, 60); }, { sink: GBIT, source: GBIT });
    engine.run();
    // Its first bit reaches the receiver's downlink at a whole µs (an event), which adds at most one.
    const last = Math.max(...events(log).filter((e) => e.what === 'message').map((e) => e.timeUs));
    expect(last).toBeGreaterThanOrEqual(480);
    expect(last).toBeLessThanOrEqual(481);
  });

  // The last bit leaves at 5,000.5 µs (1,000.1 ns each) or 5,003 µs (1,000.6 ns each) exactly; half a ns
  // of rounding per message adds up to 2.5 µs either way. Rounding each up would make the first
  // 4.5 µs late (5,005), rounding each down the second 3 µs early (5,000).
  it.each([[1_000.1, 4_998, 5_003], [1_000.6, 5_004, 5_006]])('rounds each link time to the nearest ns: 5,000 back-to-back messages of %f ns arrive within [%i, %i] µs', (linkNs, lowUs, highUs) => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    const uplink = { region: 0, uploadBitsPerSec: 8e9 / linkNs, downloadBitsPerSec: Infinity };
    pair(engine, log, (to, ctx) => { for (let i = 0; i < 5_000; i++) ctx.send(to, i, 1); }, { sink: FREE_LINK, source: uplink });
    engine.run();
    const last = Math.max(...events(log).map((e) => e.timeUs));
    expect(last).toBeGreaterThanOrEqual(lowUs);
    expect(last).toBeLessThanOrEqual(highUs);
  });

  it('keeps the uplink busy with a message the network then loses: loss does not add capacity', () => {
    const log: Seen[] = [];
    const engine = new Engine({ seed: 3, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: 0 }, lossProbability: 0.5 } });
    const link = { region: 0, uploadBitsPerSec: 10 * MBIT, downloadBitsPerSec: 10 * MBIT };
    pair(engine, log, (to, ctx) => { for (let i = 0; i < 100; i++) ctx.send(to, i, 12_500); }, { sink: link, source: link });
    engine.run();
    const arrived = events(log).filter((e) => e.what === 'message');
    // 100 × 10 ms on a 10 Mbps uplink, whatever is lost: the last delivered leaves near 1 s, not 0.5 s.
    expect(arrived.length).toBeGreaterThan(30);
    expect(arrived.length).toBeLessThan(70);
    const last = arrived[arrived.length - 1]!;
    expect(last.timeUs).toBe(((last.value as number) + 1) * 10_000);
  });

  it("draws a host's latencies from a stream named after it: a host added before it changes none of them", () => {
    const arrivals = (extraFirst: boolean): number[] => {
      const log: Seen[] = [];
      const engine = new Engine({ seed: 5, network: { regions: ['r'], latencyUs: { kind: 'uniform', min: 1_000, max: 30_000 } } });
      if (extraFirst) engine.addHost(FREE_LINK, recorder([]), 'newcomer');
      const sink = engine.addHost(FREE_LINK, recorder(log), 'sink');
      engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { for (let i = 0; i < 5; i++) ctx.send(sink, i, 1); } }), 'source');
      engine.run();
      return events(log).filter((e) => e.what === 'message').map((e) => e.timeUs);
    };
    expect(arrivals(true)).toEqual(arrivals(false));
  });
});

describe('Network delays, exact under fixed parameters', () => {
  it('delivers after the fixed latency', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(2_500);
    pair(engine, log, (to, ctx) => ctx.send(to, 'x', 100));
    engine.run();
    expect(events(log).map((s) => s.timeUs)).toEqual([2_500]);
  });

  it('takes exactly 1 s plus latency for 1,000,000 bytes over 8 Mbit/s', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(50_000);
    const link = { region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT };
    pair(engine, log, (to, ctx) => ctx.send(to, 'block', 1_000_000), { sink: link, source: link });
    engine.run();
    expect(events(log).map((s) => s.timeUs)).toEqual([1_050_000]);
  });

  it('serializes at the slower of the sender upload and the receiver download', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    pair(engine, log, (to, ctx) => ctx.send(to, 'x', 1_000_000), {
      sink: { region: 0, uploadBitsPerSec: 100 * MBIT, downloadBitsPerSec: 4 * MBIT },
      source: { region: 0, uploadBitsPerSec: 100 * MBIT, downloadBitsPerSec: 100 * MBIT },
    });
    engine.run();
    expect(events(log).map((s) => s.timeUs)).toEqual([2_000_000]);
  });

  it('queues back-to-back messages on the uplink, first in first out', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(10_000);
    const link = { region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT };
    pair(engine, log, (to, ctx) => {
      ctx.send(to, 'a', 1_000_000);
      ctx.send(to, 'b', 500_000);
      ctx.send(to, 'c', 1_000);
    }, { sink: link, source: link });
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[1_010_000, 'a'], [1_510_000, 'b'], [1_511_000, 'c']]);
  });

  it('uses the latency of the pair of regions', () => {
    const log: Seen[] = [];
    const engine = new Engine({
      seed: 1,
      network: {
        regions: ['eu', 'us'],
        latencyUs: [
          [{ kind: 'fixed', value: 1_000 }, { kind: 'fixed', value: 40_000 }],
          [{ kind: 'fixed', value: 45_000 }, { kind: 'fixed', value: 2_000 }],
        ],
      },
    });
    const eu = engine.addHost({ ...FREE_LINK, region: 0 }, recorder(log));
    const us = engine.addHost({ ...FREE_LINK, region: 1 }, recorder(log, { onStart: (ctx) => { ctx.send(eu, 'us→eu', 1); ctx.send(ctx.self, 'us→us', 1); } }));
    engine.addHost({ ...FREE_LINK, region: 0 }, recorder([], { onStart: (ctx) => ctx.send(us, 'eu→us', 1) }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[2_000, 'us→us'], [40_000, 'eu→us'], [45_000, 'us→eu']]);
  });

  it('adds a scheduled extra delay to messages to or from the delayed host, and removes it', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1_000);
    const { sink } = pair(engine, log, (to, ctx) => ctx.send(to, 'before', 1));
    engine.at(5_000, () => engine.network.addExtraDelay(sink, 20_000));
    engine.at(50_000, () => engine.network.removeExtraDelay(sink, 20_000));
    engine.addHost(FREE_LINK, recorder([], {
      onStart: (ctx) => { ctx.setTimer(10_000, 0); ctx.setTimer(60_000, 1); },
      onTimer: (ctx, tag) => ctx.send(sink, tag === 0 ? 'delayed' : 'healed', 1),
    }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[1_000, 'before'], [31_000, 'delayed'], [61_000, 'healed']]);
  });

  it('adds up the extra delays of overlapping attacks, each removing its own', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1_000);
    const { sink } = pair(engine, log, () => {});
    engine.at(5_000, () => engine.network.addExtraDelay(sink, 20_000));
    engine.at(6_000, () => engine.network.addExtraDelay(sink, 30_000));
    engine.at(50_000, () => engine.network.removeExtraDelay(sink, 20_000));
    engine.addHost(FREE_LINK, recorder([], {
      onStart: (ctx) => { ctx.setTimer(10_000, 0); ctx.setTimer(60_000, 1); },
      onTimer: (ctx, tag) => ctx.send(sink, tag === 0 ? 'both' : 'second', 1),
    }));
    engine.run();
    expect(events(log).filter((s) => s.what === 'message').map((s) => [s.timeUs, s.value])).toEqual([[61_000, 'both'], [91_000, 'second']]);
    expect(() => engine.network.removeExtraDelay(sink, 40_000)).toThrow(/at most the 30000 µs added/);
  });

  it('keeps a link cut twice over cut until both cuts are restored (a partition inside an eclipse)', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    const a: HostId = engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { for (const t of [5, 15, 25]) ctx.setTimer(t, 0); }, onTimer: (ctx) => ctx.send(b, ctx.nowUs, 1) }));
    const b: HostId = engine.addHost(FREE_LINK, recorder(log));
    const net = engine.network;
    engine.at(0, () => net.cutLink(a, b));
    engine.at(1, () => net.cutLink(a, b));
    engine.at(10, () => net.restoreLink(a, b));
    engine.at(20, () => net.restoreLink(a, b));
    engine.run();
    expect(events(log).filter((s) => s.what === 'message').map((s) => s.value)).toEqual([25]);
  });

  it('accounts bytes and messages per host', () => {
    const engine = fixedLatencyEngine(0);
    const { sink, source } = pair(engine, [], (to, ctx) => { ctx.send(to, 'a', 300); ctx.send(to, 'b', 700); });
    engine.run();
    const n = engine.network;
    expect([n.bytesSent[source], n.messagesSent[source], n.bytesReceived[sink], n.messagesReceived[sink]]).toEqual([1_000, 2, 1_000, 2]);
  });
});

describe('Network downlink queue (receive side)', () => {
  const FAST_UPLINK = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };

  /** k senders with unconstrained uplinks each send one message of `sizeBytes` to one sink at time 0. */
  /** k senders with unconstrained uplinks each send one message of `sizeBytes` to one sink at time 0. */
  function incast(k: number, sizeBytes: number, sinkLink: { region: number; uploadBitsPerSec: number; downloadBitsPerSec: number }, receiveQueueing = true, queueLimitUs = Infinity) {
    const log: Seen[] = [];
    const engine = new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: 5_000 }, receiveQueueing, queueLimitUs } });
    const sink = engine.addHost(sinkLink, recorder(log));
    for (let i = 0; i < k; i++) engine.addHost(FAST_UPLINK, recorder([], { onStart: (ctx) => ctx.send(sink, i, sizeBytes) }));
    engine.run();
    return { arrivals: events(log).map((s) => s.timeUs), queueFull: engine.network.droppedByReason[DropReason.queueFull], droppedFrom: Array.from(engine.network.droppedFrom.subarray(0, k + 1)) };
  }

  it('delivers incast of k messages of s bytes at one host by latency + k·s·8/B, one after another', () => {
    // 8 senders × 125,000 bytes into 8 Mbit/s: 125 ms each on the downlink.
    const { arrivals } = incast(8, 125_000, { region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT });
    expect(arrivals).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((j) => 5_000 + j * 125_000));
  });

  it('drops at the downlink a message whose first bit finds more backlog than the queue limit', () => {
    // 125 ms each: the third finds 250 ms of backlog (kept, not more than the limit), the fourth 375 ms.
    const { arrivals, queueFull, droppedFrom } = incast(8, 125_000, { region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT }, true, 250_000);
    expect(arrivals).toEqual([1, 2, 3].map((j) => 5_000 + j * 125_000));
    expect(queueFull).toBe(5);
    // Each drop is its sender's (hosts 4 to 8), though it happens at the receiver's downlink.
    expect(droppedFrom).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('serializes each message at min(up, down) with no receive queue in SimBlock\'s model', () => {
    const { arrivals } = incast(8, 125_000, { region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT }, false);
    expect(arrivals).toEqual(new Array(8).fill(5_000 + 125_000));
  });

  it('lets messages from slow senders share a fast downlink instead of holding it idle', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1_000);
    // Two 1 Mbit/s senders, 12,500 bytes each (100 ms up), into a 100 Mbit/s downlink (1 ms each).
    const sink = engine.addHost({ region: 0, uploadBitsPerSec: 100 * MBIT, downloadBitsPerSec: 100 * MBIT }, recorder(log));
    const slow = { region: 0, uploadBitsPerSec: 1 * MBIT, downloadBitsPerSec: 1 * MBIT };
    for (const label of ['a', 'b']) engine.addHost(slow, recorder([], { onStart: (ctx) => ctx.send(sink, label, 12_500) }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[101_000, 'a'], [101_000, 'b']]);
  });

  it('serves the downlink in the order first bits arrive, not the order messages were sent', () => {
    const log: Seen[] = [];
    const engine = new Engine({
      seed: 1,
      network: { regions: ['near', 'far'], latencyUs: [[{ kind: 'fixed', value: 1_000 }, { kind: 'fixed', value: 90_000 }], [{ kind: 'fixed', value: 90_000 }, { kind: 'fixed', value: 1_000 }]] },
    });
    const sink = engine.addHost({ region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT }, recorder(log));
    // The far sender sends first, but its bits reach the sink 90 ms later; the near one's 10 ms transfer is done by then.
    engine.addHost({ ...FAST_UPLINK, region: 1 }, recorder([], { onStart: (ctx) => ctx.send(sink, 'far', 10_000) }));
    engine.addHost({ ...FAST_UPLINK, region: 0 }, recorder([], { onStart: (ctx) => ctx.send(sink, 'near', 10_000) }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[11_000, 'near'], [100_000, 'far']]);
  });

  it('loses a message whose receiver is down when its first bit arrives, without occupying the downlink', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1_000);
    const sink = engine.addHost({ region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT }, recorder(log));
    engine.addHost(FAST_UPLINK, recorder([], {
      onStart: (ctx) => { ctx.send(sink, 'lost', 100_000); ctx.setTimer(2_000, 0); },
      onTimer: (ctx) => ctx.send(sink, 'kept', 100_000),
    }));
    engine.at(500, () => engine.crash(sink));
    engine.at(1_500, () => engine.recover(sink));
    engine.run();
    // Had 'lost' held the downlink (1 ms to 101 ms), 'kept' would arrive at 201 ms.
    expect(events(log).map((s) => [s.timeUs, s.what, s.value])).toEqual([[1_500, 'recover', undefined], [103_000, 'message', 'kept']]);
    expect(engine.network.droppedByReason[DropReason.hostDown]).toBe(1);
    expect(Array.from(engine.network.droppedFrom.subarray(0, 2))).toEqual([0, 1]);
  });
});

describe('Network and a crashed sender', () => {
  const LINK = { region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT };

  it('loses a message still waiting on the uplink when its sender crashes, and delivers the one leaving then', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1_000);
    // 'a' is on the uplink from 0 to 100 ms; 'b' would follow it at 100 ms, after the crash at 50 ms.
    const { source } = pair(engine, log, (to, ctx) => {
      ctx.send(to, 'a', 100_000);
      ctx.send(to, 'b', 1_000);
    }, { sink: LINK, source: LINK });
    engine.at(50_000, () => engine.crash(source));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[101_000, 'a']]);
    expect(engine.network.droppedByReason[DropReason.senderCrashed]).toBe(1);
  });

  it('counts a message its crashed sender never sent as unsent, with its bytes, against the sender', () => {
    const engine = fixedLatencyEngine(1_000);
    const { source } = pair(engine, [], (to, ctx) => {
      ctx.send(to, 'a', 100_000);
      ctx.send(to, 'b', 1_000);
    }, { sink: LINK, source: LINK });
    engine.at(50_000, () => engine.crash(source));
    engine.run();
    const net = engine.network;
    // Sent by the actor: both; left the uplink: 'a' alone.
    expect([net.messagesSent[source], net.bytesSent[source]]).toEqual([2, 101_000]);
    expect([net.unsentMessagesFrom[source], net.unsentBytesFrom[source]]).toEqual([1, 1_000]);
  });

  it('frees the uplink of what a crash lost, so a recovered host does not wait behind it', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1_000);
    const sink = engine.addHost(FREE_LINK, recorder(log));
    // 'a' is on the uplink from 0 to 10 ms; 'lost' would hold it from 30 to 130 ms, after its work.
    const source = engine.addHost(LINK, recorder([], {
      onStart: (ctx) => { ctx.send(sink, 'a', 10_000); ctx.cpu(30_000); ctx.send(sink, 'lost', 100_000); },
      onRecover: (ctx) => ctx.send(sink, 'after', 1_000),
    }));
    engine.at(20_000, () => engine.crash(source));
    engine.at(25_000, () => engine.recover(source));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[11_000, 'a'], [27_000, 'after']]);
  });
});

describe('Network queue limit (drop-tail buffers)', () => {
  const LINK_8M = { region: 0, uploadBitsPerSec: 8 * MBIT, downloadBitsPerSec: 8 * MBIT };

  /** One sender queues `count` messages of 100,000 bytes (100 ms each at 8 Mbit/s) at time 0. */
  function burst(count: number, queueLimitUs?: number, receiveQueueing?: boolean) {
    const log: Seen[] = [];
    const network = { regions: ['r'], latencyUs: { kind: 'fixed' as const, value: 1_000 }, ...(queueLimitUs === undefined ? {} : { queueLimitUs }), ...(receiveQueueing === undefined ? {} : { receiveQueueing }) };
    const engine = new Engine({ seed: 1, network });
    pair(engine, log, (to, ctx) => { for (let i = 0; i < count; i++) ctx.send(to, i, 100_000); }, { sink: LINK_8M, source: LINK_8M });
    engine.run();
    return { delivered: events(log).map((s) => s.value), queueFull: engine.network.droppedByReason[DropReason.queueFull], dropped: engine.network.droppedTotal, engine };
  }

  it('drops at the sender a message that would wait longer than the limit for its uplink', () => {
    // Message i waits i·100 ms: 0 to 3 wait at most 300 ms, 4 and later longer.
    const { delivered, queueFull, dropped } = burst(6, 300_000);
    expect(delivered).toEqual([0, 1, 2, 3]);
    expect(queueFull).toBe(2);
    expect(dropped).toBe(2);
  });

  it('counts what its full uplink queue dropped as never sent', () => {
    const net = burst(6, 300_000).engine.network;
    const sent = Array.from(net.messagesSent.subarray(0, 2));
    const source = sent.indexOf(6);
    expect(source).toBeGreaterThanOrEqual(0);
    expect([net.unsentMessagesFrom[source], net.unsentBytesFrom[source]]).toEqual([2, 200_000]);
  });

  it('keeps every message without a limit, the default', () => {
    expect(burst(6)).toMatchObject({ delivered: [0, 1, 2, 3, 4, 5], queueFull: 0, dropped: 0 });
    expect(burst(6, Infinity)).toMatchObject({ delivered: [0, 1, 2, 3, 4, 5], queueFull: 0, dropped: 0 });
  });

  it('applies a limit in SimBlock\'s model too, to the one serialization it has', () => {
    expect(burst(6, 300_000, false).delivered).toEqual([0, 1, 2, 3]);
  });

  it('rejects a negative limit', () => {
    expect(() => burst(1, -1)).toThrow(/queueLimitUs/);
  });
});

describe('Network arrival times, to the whole µs after the last bit', () => {
  const UPLINK_3M = { region: 0, uploadBitsPerSec: 3 * MBIT, downloadBitsPerSec: 3 * MBIT };

  it('delivers to a host whose downlink is unconstrained at the first whole µs after the last bit, never before', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(1_000);
    // 100 B at 3 Mbit/s end at 266.667 µs and 2 B more at 272.000 µs: no downlink queue, so no
    // first-bit event rounds the second message's start up to 267 µs before its 5.333 µs are added.
    pair(engine, log, (to, ctx) => { ctx.send(to, 'a', 100); ctx.send(to, 'b', 2); }, { sink: FREE_LINK, source: UPLINK_3M });
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[1_267, 'a'], [1_272, 'b']]);
  });

  it('delivers a message whose latency is drawn below zero when it leaves, not before it was sent', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(-1_000);
    const sink = engine.addHost(FREE_LINK, recorder(log));
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => ctx.setTimer(5_000, 0), onTimer: (ctx) => ctx.send(sink, 'm', 1) }));
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[5_000, 'm']]);
  });
});

describe('Network accounting of messages lost on the way', () => {
  it('counts a message a partition or a cut link drops as having left its sender, not as unsent', () => {
    const engine = fixedLatencyEngine(0);
    const a = engine.addHost(FREE_LINK, recorder([]));
    const b = engine.addHost(FREE_LINK, recorder([]));
    const source = engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => { ctx.send(a, 'p', 300); ctx.send(b, 'c', 700); } }));
    engine.network.setPartition([[a]]);
    engine.network.cutLink(source, b);
    engine.run();
    const net = engine.network;
    expect([net.messagesSent[source], net.bytesSent[source], net.droppedFrom[source]]).toEqual([2, 1_000, 2]);
    expect([net.unsentMessagesFrom[source], net.unsentBytesFrom[source]]).toEqual([0, 0]);
  });
});

describe('Network faults', () => {
  it('loses messages at the configured rate (binomial test at a fixed seed)', () => {
    const log: Seen[] = [];
    const p = 0.2;
    const n = 20_000;
    const engine = new Engine({ seed: 99, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: 10 }, lossProbability: p } });
    pair(engine, log, (to, ctx) => { for (let i = 0; i < n; i++) ctx.send(to, i, 1); });
    engine.run();
    const lost = n - events(log).length;
    expect(engine.network.droppedByReason[DropReason.loss]).toBe(lost);
    expect(Array.from(engine.network.droppedFrom.subarray(0, 2))).toEqual([0, lost]);
    expect(Math.abs(lost - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
  });

  it('drops messages across a partition, then delivers them once it heals', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(100);
    const a = engine.addHost(FREE_LINK, recorder(log));
    const b = engine.addHost(FREE_LINK, recorder(log));
    engine.addHost(FREE_LINK, recorder([], {
      onStart: (ctx) => { ctx.setTimer(1_000, 0); ctx.setTimer(3_000, 1); },
      onTimer: (ctx, tag) => { ctx.send(a, `a${tag}`, 1); ctx.send(b, `b${tag}`, 1); },
    }));
    // Host 2 shares the unlisted group with b; a is cut off until 2,000 µs.
    engine.at(500, () => engine.network.setPartition([[a]]));
    engine.at(2_000, () => engine.network.healPartition());
    engine.run();
    expect(events(log).map((s) => [s.timeUs, s.value])).toEqual([[1_100, 'b0'], [3_100, 'a1'], [3_100, 'b1']]);
    expect(engine.network.droppedByReason[DropReason.partition]).toBe(1);
    expect(Array.from(engine.network.droppedFrom.subarray(0, 3))).toEqual([0, 0, 1]);
  });

  it('cuts a link in both directions by default, one way on request, and restores it', () => {
    const log: Seen[] = [];
    const engine = fixedLatencyEngine(0);
    // Each host messages the other at 5 (link cut both ways), 15 (restored) and 25 (only a→b cut).
    const pingAt = (peer: () => HostId, label: string) => recorder(log, {
      onStart: (ctx) => { for (const t of [5, 15, 25]) ctx.setTimer(t, 0); },
      onTimer: (ctx) => ctx.send(peer(), label, 1),
    });
    const a: HostId = engine.addHost(FREE_LINK, pingAt(() => b, 'a→b'));
    const b: HostId = engine.addHost(FREE_LINK, pingAt(() => a, 'b→a'));
    const net = engine.network;
    engine.at(0, () => net.cutLink(a, b));
    engine.at(10, () => net.restoreLink(a, b));
    engine.at(20, () => net.cutLink(a, b, false));
    engine.run();
    expect(log.filter((s) => s.what === 'message').map((s) => [s.timeUs, s.value])).toEqual([[15, 'a→b'], [15, 'b→a'], [25, 'b→a']]);
    expect(net.droppedByReason[DropReason.linkCut]).toBe(3);
  });

  it('rejects an invalid placement or loss probability', () => {
    const engine = fixedLatencyEngine(0);
    expect(() => engine.addHost({ region: 3, uploadBitsPerSec: 1, downloadBitsPerSec: 1 }, recorder([]))).toThrow(/host.region: expected an index in 0..0, found 3/);
    expect(() => engine.addHost({ region: 0, uploadBitsPerSec: 0, downloadBitsPerSec: 1 }, recorder([]))).toThrow(/uploadBitsPerSec/);
    expect(() => new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: 0 }, lossProbability: 2 } })).toThrow(/lossProbability/);
  });
});
