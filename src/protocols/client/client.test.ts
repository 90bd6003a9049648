/** The load client driven by a scripted context (sans-I/O): what it sends and what it confirms. */
import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type HostId, type ModelEvent } from '../../../sim/index.ts';
import type { ReplyMessage, RequestMessage, TimedOutEvent } from '../types.ts';
import { LoadClient, type ClientConfig } from './client.ts';

/** A context whose timers fire when `advanceTo` passes them, in time order (cancelled ones never). */
function scripted(self: HostId) {
  const sent: { to: HostId; msg: unknown; atUs: number }[] = [];
  const timers = new Map<number, { atUs: number; tag: number }>();
  const events: ModelEvent[] = [];
  let nextTimer = 1;
  const ctx = {
    self, nowUs: 0, rng: new Rng(1),
    send: (to: HostId, msg: unknown) => { sent.push({ to, msg, atUs: ctx.nowUs }); },
    setTimer: (d: number, tag: number) => { timers.set(nextTimer, { atUs: ctx.nowUs + d, tag }); return nextTimer++; },
    cancelTimer: (id: number) => { timers.delete(id); },
    cpu: () => {},
    cpuParallel: () => {},
    emit: (e: ModelEvent) => { events.push(e); },
    emitFirst: (_key: unknown, e: ModelEvent) => { events.push(e); },
  };
  const advanceTo = (client: LoadClient, untilUs: number): void => {
    for (;;) {
      let next: [number, { atUs: number; tag: number }] | undefined;
      for (const entry of timers) if (entry[1].atUs <= untilUs && (next === undefined || entry[1].atUs < next[1].atUs)) next = entry;
      if (next === undefined) break;
      timers.delete(next[0]);
      ctx.nowUs = next[1].atUs;
      client.onTimer(next[1].tag);
    }
    ctx.nowUs = untilUs;
  };
  return { ctx: ctx as ActorContext<unknown> & { nowUs: number }, sent, timers, events, advanceTo };
}

const config: ClientConfig = {
  replicaHosts: [0, 1, 2, 3], repliesNeeded: 2, rateTps: 10, arrival: 'periodic', outstandingMax: 1, txSizeBytes: 100,
  requestTimeoutUs: 1_000_000, backoffFactor: 2, retryIntervalMaxUs: 60_000_000, giveUpAfterUs: 10_000_000, stopAtUs: Infinity,
};

const reply = (txId: number, replica: HostId, blockHash = 'a'): ReplyMessage => ({ kind: 'reply', txId, height: 1, blockHash, replica, leader: 1 });
const requestsOf = (sent: readonly { msg: unknown }[]) => sent.map((s) => (s.msg as RequestMessage).tx.id);

describe('LoadClient', () => {
  it('submits to the first replica, then confirms on f + 1 matching replies from distinct replicas', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, config);
    c.onStart();
    s.advanceTo(c, 100_000);
    const req = s.sent[0]!;
    expect(req.to).toBe(0);
    const tx = (req.msg as RequestMessage).tx;
    c.onMessage(0, reply(tx.id, 0));
    c.onMessage(0, reply(tx.id, 0));
    c.onMessage(2, reply(tx.id, 2, 'b'));
    expect(s.events.filter((e) => e.kind === 'confirmed')).toHaveLength(0);
    c.onMessage(3, reply(tx.id, 3));
    expect(s.events.map((e) => e.kind)).toEqual(['submit', 'confirmed']);
    expect(c.outstanding).toBe(0);
    // The replies named replica 1 as leader: the next request goes there.
    s.advanceTo(c, 200_000);
    expect(s.sent.at(-1)!.to).toBe(1);
  });

  it('rebroadcasts an unconfirmed request to every replica after waits doubling from the request timeout, then gives up at the deadline', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, rateTps: 1, stopAtUs: 1_500_000 });
    c.onStart();
    s.advanceTo(c, 10_000_000);
    const submittedUs = s.sent[0]!.atUs;
    const rebroadcastsUs = [...new Set(s.sent.slice(1).map((x) => x.atUs - submittedUs))];
    // Waits of 1, 2 and 4 s: at 1, 3 and 7 s; the next (8 s later, at 15 s) is past the 10 s deadline.
    expect(rebroadcastsUs).toEqual([1_000_000, 3_000_000, 7_000_000]);
    expect(s.sent.slice(1, 5).map((x) => x.to)).toEqual([0, 1, 2, 3]);
    s.advanceTo(c, submittedUs + 10_000_000);
    expect(s.events.map((e) => e.kind)).toEqual(['submit', 'timed-out']);
    expect((s.events[1] as TimedOutEvent).tx.id).toBe(requestsOf(s.sent)[0]);
    expect(c.timedOut).toBe(1);
    expect(c.outstanding).toBe(0);
  });

  it('does not confirm a request it gave up on, however many replies arrive later', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, rateTps: 1, stopAtUs: 1_500_000 });
    c.onStart();
    s.advanceTo(c, 12_000_000);
    const id = requestsOf(s.sent)[0]!;
    for (const r of [0, 1, 2, 3]) c.onMessage(r, reply(id, r));
    expect(c.confirmed).toBe(0);
    expect(s.events.filter((e) => e.kind === 'confirmed')).toHaveLength(0);
  });

  it('keeps at most a deadline of requests under overload, and sends each a bounded number of times', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, rateTps: 200 });
    c.onStart();
    s.advanceTo(c, 60_000_000);
    // 200 tx/s for 60 s with no reply: 2,000 outstanding (a 10 s deadline), never 12,000.
    expect(c.outstanding).toBeLessThanOrEqual(2_001);
    expect(c.outstanding).toBeGreaterThan(1_900);
    expect(c.scheduledEntries).toBeLessThanOrEqual(2 * 2_001);
    // One request plus three rebroadcasts to four replicas each.
    expect(s.sent.length).toBeLessThanOrEqual(c.submitted * 13);
    expect(c.timedOut).toBe(c.submitted - c.outstanding);
  });

  it('a client that never gives up (the broken variant) counts no timeout and its backlog grows with the run', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, rateTps: 200, giveUpAfterUs: Infinity });
    c.onStart();
    s.advanceTo(c, 60_000_000);
    expect(c.timedOut).toBe(0);
    expect(c.outstanding).toBe(c.submitted);
    expect(c.outstanding).toBeGreaterThan(11_000);
  });

  it('in a closed loop keeps the bound outstanding: a confirmation or a timeout lets the next one in at once', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, arrival: 'closed', outstandingMax: 3 });
    c.onStart();
    expect(c.outstanding).toBe(3);
    expect(s.sent).toHaveLength(3);
    const [first] = requestsOf(s.sent);
    c.onMessage(0, reply(first!, 0));
    c.onMessage(1, reply(first!, 1));
    expect(c.confirmed).toBe(1);
    expect(c.outstanding).toBe(3);
    expect(c.submitted).toBe(4);
    // Nothing else is ever answered: every 10 s the three outstanding time out and three replace them.
    s.advanceTo(c, 35_000_000);
    expect(c.outstanding).toBe(3);
    expect(c.timedOut).toBe(9);
    expect(c.submitted).toBe(4 + 9);
  });
});

describe('LoadClient.futureArrivalsUntil', () => {
  it('counts the arrivals still to come up to a time, periodic arrivals exactly', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, rateTps: 10 });
    c.onStart();
    expect(c.futureArrivalsUntil(1_000_000)).toBe(10);
    s.advanceTo(c, 550_000);
    expect(c.submitted).toBe(5);
    expect(c.futureArrivalsUntil(1_000_000)).toBe(5);
  });

  it('with Poisson arrivals predicts exactly the submissions that follow, and looking ahead changes none of them', () => {
    const run = (look: boolean) => {
      const s = scripted(9);
      const c = new LoadClient(s.ctx, { ...config, rateTps: 200, arrival: 'poisson', stopAtUs: 3_000_000 });
      c.onStart();
      const predicted: number[] = [];
      for (let t = 0; t <= 4_000_000; t += 500_000) {
        s.advanceTo(c, t);
        if (look) predicted.push(c.submitted + c.futureArrivalsUntil(2_500_000));
      }
      const firstSends = new Map<number, number>();
      for (const x of s.sent) if (!firstSends.has((x.msg as RequestMessage).tx.id)) firstSends.set((x.msg as RequestMessage).tx.id, x.atUs);
      return { predicted, submitTimes: [...firstSends.values()] };
    };
    const looking = run(true);
    const plain = run(false);
    expect(looking.submitTimes).toEqual(plain.submitTimes);
    const actual = plain.submitTimes.filter((t) => t <= 2_500_000).length;
    expect(actual).toBeGreaterThan(400);
    expect(new Set(looking.predicted.slice(0, 6))).toEqual(new Set([actual]));
  });

  it('is unbounded in a closed loop', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, arrival: 'closed', outstandingMax: 2 });
    c.onStart();
    expect(c.futureArrivalsUntil(1_000_000)).toBe(Infinity);
  });
});
