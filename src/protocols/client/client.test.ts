/** The load client driven by a scripted context (sans-I/O): what it sends and what it confirms. */
import { describe, expect, it } from 'vitest';
import { Engine, Rng, type ActorContext, type HostId, type ModelEvent } from '../../../sim/index.ts';
import { txSeq } from '../../ledger/types.ts';
import type { ReplyMessage, RequestMessage, SubmitEvent, TimedOutEvent } from '../types.ts';
import { LoadClient, type ClientConfig } from './client.ts';

/** A context whose timers fire when `advanceTo` passes them, in time order (cancelled ones never). */
function scripted(self: HostId) {
  const sent: { to: HostId; msg: unknown; atUs: number }[] = [];
  const timers = new Map<number, { atUs: number; tag: number }>();
  const events: ModelEvent[] = [];
  /** Every CPU charge, µs. */
  const charged: number[] = [];
  let nextTimer = 1;
  const ctx = {
    self, nowUs: 0, rng: new Rng(1),
    send: (to: HostId, msg: unknown) => { sent.push({ to, msg, atUs: ctx.nowUs }); },
    setTimer: (d: number, tag: number) => { timers.set(nextTimer, { atUs: ctx.nowUs + d, tag }); return nextTimer++; },
    cancelTimer: (id: number) => { timers.delete(id); },
    cpu: (costUs: number) => { charged.push(costUs); },
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
  return { ctx: ctx as ActorContext<unknown> & { nowUs: number }, sent, timers, events, charged, advanceTo };
}

const config: ClientConfig = {
  replicaHosts: [0, 1, 2, 3], repliesNeeded: 2, rateTps: 10, arrival: 'periodic', outstandingMax: 1, txSizeBytes: 100,
  requestTimeoutUs: 1_000_000, backoffFactor: 2, retryIntervalMaxUs: 60_000_000, giveUpAfterUs: 10_000_000, stopAtUs: Infinity,
};

const reply = (txId: number, replica: HostId, blockHash = 'a'): ReplyMessage => ({ kind: 'reply', txId, height: 1, blockHash, replica, leader: 1 });
/** A reply that names no leader (HotStuff's, Clique's). */
const plainReply = (txId: number, replica: HostId): ReplyMessage => ({ kind: 'reply', txId, height: 1, blockHash: 'a', replica });
const requestsOf = (sent: readonly { msg: unknown }[]) => sent.map((s) => (s.msg as RequestMessage).tx.id);

/** Where each request went first (its submission, not a rebroadcast), as runs of [replica, requests] in submission order. */
function firstSendRuns(sent: readonly { to: HostId; msg: unknown }[]): [HostId, number][] {
  const firstTo = new Map<number, HostId>();
  for (const x of sent) {
    const id = (x.msg as RequestMessage).tx.id;
    if (!firstTo.has(id)) firstTo.set(id, x.to);
  }
  const runs: [HostId, number][] = [];
  for (const to of firstTo.values()) {
    if (runs.at(-1)?.[0] === to) runs.at(-1)![1]++;
    else runs.push([to, 1]);
  }
  return runs;
}

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

  it('checks each reply it counts on its own host, and none it drops: duplicates, forged senders, replies after confirmation', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, replyVerifyUs: 154 });
    c.onStart();
    s.advanceTo(c, 100_000);
    const tx = (s.sent[0]!.msg as RequestMessage).tx;
    c.onMessage(0, reply(tx.id, 0));
    c.onMessage(0, reply(tx.id, 0));
    c.onMessage(1, reply(tx.id, 2));
    c.onMessage(2, reply(tx.id, 2, 'b'));
    c.onMessage(3, reply(tx.id, 3));
    c.onMessage(1, reply(tx.id, 1));
    expect(s.events.map((e) => e.kind)).toEqual(['submit', 'confirmed']);
    // Replicas 0, 2 (a mismatching reply, checked before it can be told apart) and 3.
    expect(s.charged).toEqual([154, 154, 154]);
  });

  it('checks a reply it does not count only where the leader it names would move the client, and then moves there', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, replyVerifyUs: 154 });
    c.onStart();
    const naming = (txId: number, replica: HostId, leader: HostId, view: number): ReplyMessage => ({ kind: 'reply', txId, height: 1, blockHash: 'a', replica, leader, view });
    s.advanceTo(c, 100_000);
    const first = (s.sent[0]!.msg as RequestMessage).tx;
    c.onMessage(0, naming(first.id, 0, 0, 1));
    // A duplicate naming the target, and one whose sender is not the replica it names: unchecked.
    c.onMessage(0, naming(first.id, 0, 0, 1));
    c.onMessage(1, naming(first.id, 2, 3, 1));
    s.advanceTo(c, 200_000);
    expect(s.sent.map((x) => x.to)).toEqual([0, 0]);
    expect(s.charged).toEqual([154]);
    c.onMessage(1, naming(first.id, 1, 0, 1));
    expect(s.events.filter((e) => e.kind === 'confirmed')).toHaveLength(1);
    // After confirmation, replica 3 names itself in a newer view: checked, and the client follows it;
    // an older view's hint arriving late is stale: unchecked, and it moves nothing.
    c.onMessage(3, naming(first.id, 3, 3, 2));
    c.onMessage(2, naming(first.id, 2, 2, 1));
    s.advanceTo(c, 300_000);
    expect(s.sent.map((x) => x.to)).toEqual([0, 0, 3]);
    expect(s.charged).toEqual([154, 154, 154]);
  });

  it('where any replica takes requests, starts at its home replica and moves to the next one once it falls silent while others answer', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, requests: 'any-replica', home: 2 });
    c.onStart();
    const id = (seq: number) => (s.sent.find((x) => txSeq((x.msg as RequestMessage).tx.id) === seq)!.msg as RequestMessage).tx.id;
    // Ten 100 ms arrivals per 1 s timeout; one reply each confirms nothing (two are needed).
    s.advanceTo(c, 550_000);
    c.onMessage(1, plainReply(id(0), 1));
    // Replica 1 answered after the request of 0.1 s and replica 2 did not: when it times out at
    // 1.1 s the client moves to replica 3; the other requests replica 2 left unanswered move it no further.
    s.advanceTo(c, 1_550_000);
    c.onMessage(3, plainReply(id(0), 3));
    c.onMessage(1, plainReply(id(1), 1));
    // Replica 3 answered after its requests of 1.1 to 1.5 s: their timeouts keep the client; those
    // of 1.6 to 2.0 s find no answer from anyone since, and keep it too.
    s.advanceTo(c, 3_050_000);
    expect(firstSendRuns(s.sent)).toEqual([[2, 10], [3, 20]]);
    c.onMessage(0, plainReply(id(2), 0));
    // The request of 2.1 s times out at 3.1 s, replica 0 having answered since and replica 3 not.
    s.advanceTo(c, 3_550_000);
    expect(firstSendRuns(s.sent)).toEqual([[2, 10], [3, 20], [0, 5]]);
  });

  it('that addresses the primary stays with it after a timeout, and a reply naming a leader moves either client there', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, { ...config, home: 2 });
    c.onStart();
    s.advanceTo(c, 2_550_000);
    expect(firstSendRuns(s.sent)).toEqual([[0, 25]]);
    const a = scripted(9);
    const any = new LoadClient(a.ctx, { ...config, requests: 'any-replica', home: 2 });
    any.onStart();
    a.advanceTo(any, 100_000);
    expect(a.sent[0]!.to).toBe(2);
    any.onMessage(2, reply((a.sent[0]!.msg as RequestMessage).tx.id, 2));
    a.advanceTo(any, 200_000);
    expect(a.sent.at(-1)!.to).toBe(1);
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

describe('LoadClient on a busy host', () => {
  it('keeps its open-loop arrival times while checking replies keeps its host busy', () => {
    // One replica answering at once, 75 ms away; each reply takes the client 60 ms to check, so an
    // arrival due 200 ms after a request finds the host busy with that request's reply until 210 ms.
    const engine = new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: 75_000 }, lossProbability: 0 } });
    const link = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };
    const replica = engine.addHost(link, (ctx) => ({
      onMessage: (from: HostId, msg: unknown) => ctx.send(from, { kind: 'reply', txId: (msg as RequestMessage).tx.id, height: 1, blockHash: 'a', replica: ctx.self }, 80),
      onTimer: () => {},
    }));
    let client: LoadClient | undefined;
    engine.addHost(link, (ctx) => (client = new LoadClient(ctx, { ...config, replicaHosts: [replica], repliesNeeded: 1, replyVerifyUs: 60_000, stopAtUs: 10_000_000 })));
    engine.run(10_500_000);
    // Arrivals every 100 ms before 10 s, some handled late; 95 if each wait pushed back those after it.
    expect(client!.submitted).toBe(99);
  });
});

describe('LoadClient handling an arrival late', () => {
  it('counts the retransmission wait and the deadline of its request from the arrival, not from when the busy host handled it', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, config);
    c.onStart();
    // The arrival due at 100 ms is handled 30 ms late, as on a host busy checking replies.
    const [id, arrival] = [...s.timers].find(([, t]) => t.atUs === 100_000)!;
    s.timers.delete(id);
    s.ctx.nowUs = 130_000;
    c.onTimer(arrival.tag);
    const tx = (s.sent[0]!.msg as RequestMessage).tx;
    expect(tx.submittedUs).toBe(100_000);
    // Nothing is answered: rebroadcast 1 s, 3 s and 7 s after the arrival; abandoned 10 s after it.
    const gaveUp = () => s.events.some((e) => e.kind === 'timed-out' && (e as TimedOutEvent).tx.id === tx.id);
    s.advanceTo(c, 10_099_999);
    const copies = s.sent.filter((x) => (x.msg as RequestMessage).tx.id === tx.id);
    expect([...new Set(copies.slice(1).map((x) => x.atUs))]).toEqual([1_100_000, 3_100_000, 7_100_000]);
    expect(gaveUp()).toBe(false);
    s.advanceTo(c, 10_100_000);
    expect(gaveUp()).toBe(true);
  });
});

/** What a client's host handled, in order: each arrival or reply with the time it reached the host. */
interface Handled {
  readonly kind: 'arrival' | 'reply';
  readonly reachedUs: number;
}

const LATENCY_US = 75_000;

/**
 * A Poisson client of one replica that answers each request at once, LATENCY_US away, checking each
 * reply for `replyVerifyUs`: the submission time of each transaction it submitted, and what its host
 * handled (an arrival's time is that of the same draw on an idle host, `arrivalsUs`).
 */
function busyClientRun(replyVerifyUs: number, arrivalsUs: readonly number[] = []): { submittedUs: number[]; handled: Handled[] } {
  const engine = new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: LATENCY_US }, lossProbability: 0 } });
  const link = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };
  const replica = engine.addHost(link, (ctx) => ({
    onMessage: (from: HostId, msg: unknown) => ctx.send(from, { kind: 'reply', txId: (msg as RequestMessage).tx.id, height: 1, blockHash: 'a', replica: ctx.self, sentUs: ctx.nowUs }, 80),
    onTimer: () => {},
  }));
  const submittedUs: number[] = [];
  const handled: Handled[] = [];
  engine.addHost(link, (ctx) => {
    const client = new LoadClient(ctx, { ...config, replicaHosts: [replica], repliesNeeded: 1, replyVerifyUs, rateTps: 20, arrival: 'poisson', stopAtUs: 20_000_000 });
    return {
      onStart: () => client.onStart(),
      onMessage: (from: HostId, msg: unknown) => {
        handled.push({ kind: 'reply', reachedUs: (msg as { sentUs: number }).sentUs + LATENCY_US });
        client.onMessage(from, msg);
      },
      onTimer: (tag: number) => {
        const before = client.submitted;
        client.onTimer(tag);
        if (client.submitted > before) handled.push({ kind: 'arrival', reachedUs: arrivalsUs[before] ?? NaN });
      },
    };
  });
  engine.observe((_host, e) => void (e.kind === 'submit' && submittedUs.push((e as SubmitEvent).tx.submittedUs)));
  engine.run(21_000_000);
  return { submittedUs, handled };
}

describe('LoadClient on a host kept busy checking replies (Poisson arrivals, 60 % busy)', () => {
  const idle = busyClientRun(0);
  const busy = busyClientRun(30_000, idle.submittedUs);

  it('stamps each transaction with its arrival time, however late the host handles it', () => {
    expect(busy.submittedUs.length).toBeGreaterThan(350);
    expect(busy.submittedUs).toEqual(idle.submittedUs);
  });

  it('handles arrivals and replies in the order they reach its host', () => {
    const late = busy.handled.filter((h, i) => h.kind === 'arrival' && busy.handled.slice(0, i).some((o) => o.reachedUs > h.reachedUs));
    expect(busy.handled.filter((h) => h.kind === 'arrival')).toHaveLength(idle.submittedUs.length);
    expect(late).toEqual([]);
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
