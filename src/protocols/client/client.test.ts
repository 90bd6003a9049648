/** The load client driven by a scripted context (sans-I/O): what it sends and what it confirms. */
import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type HostId, type ModelEvent } from '../../../sim/index.ts';
import type { ReplyMessage, RequestMessage } from '../types.ts';
import { LoadClient } from './client.ts';

function scripted(self: HostId) {
  const sent: { to: HostId; msg: unknown }[] = [];
  const timers: { atUs: number; tag: number }[] = [];
  const events: ModelEvent[] = [];
  const ctx = {
    self, nowUs: 0, rng: new Rng(1),
    send: (to: HostId, msg: unknown) => { sent.push({ to, msg }); },
    setTimer: (d: number, tag: number) => { timers.push({ atUs: ctx.nowUs + d, tag }); return timers.length; },
    cancelTimer: () => {},
    cpu: () => {},
    cpuParallel: () => {},
    emit: (e: ModelEvent) => { events.push(e); },
  };
  return { ctx: ctx as ActorContext<unknown> & { nowUs: number }, sent, timers, events };
}

const config = { replicaHosts: [0, 1, 2, 3], repliesNeeded: 2, rateTps: 10, arrival: 'periodic' as const, txSizeBytes: 100, requestTimeoutUs: 1_000_000, stopAtUs: Infinity };

describe('LoadClient', () => {
  it('submits to the first replica, then confirms on f + 1 matching replies from distinct replicas', () => {
    const s = scripted(9);
    const c = new LoadClient(s.ctx, config);
    c.onStart();
    expect(s.timers[0]).toEqual({ atUs: 100_000, tag: 1 });
    s.ctx.nowUs = 100_000;
    c.onTimer(1);
    const req = s.sent[0]!;
    expect(req.to).toBe(0);
    const tx = (req.msg as RequestMessage).tx;
    const reply = (replica: HostId, blockHash: string): ReplyMessage => ({ kind: 'reply', txId: tx.id, height: 1, blockHash, replica, leader: 1 });
    c.onMessage(0, reply(0, 'a'));
    c.onMessage(0, reply(0, 'a'));
    c.onMessage(2, reply(2, 'b'));
    expect(s.events.filter((e) => e.kind === 'confirmed')).toHaveLength(0);
    c.onMessage(3, reply(3, 'a'));
    expect(s.events.map((e) => e.kind)).toEqual(['submit', 'confirmed']);
    expect(c.outstanding).toBe(0);
    // The replies named replica 1 as leader: the next request goes there.
    s.ctx.nowUs = 200_000;
    c.onTimer(1);
    expect(s.sent.at(-1)!.to).toBe(1);
  });

  it('rebroadcasts an unconfirmed request to every replica after the request timeout', () => {
    const s = scripted(9);
    const c2 = new LoadClient(s.ctx, config);
    c2.onStart();
    s.ctx.nowUs = 100_000;
    c2.onTimer(1);
    const retry = s.timers.find((t) => t.tag === 2)!;
    expect(retry.atUs).toBe(1_100_000);
    s.ctx.nowUs = retry.atUs;
    c2.onTimer(2);
    expect(s.sent.slice(1).map((x) => x.to)).toEqual([0, 1, 2, 3]);
  });
});
