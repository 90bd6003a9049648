import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext } from '../../sim/index.ts';
import { NodeQueries, NodeSubscription } from './node-link.ts';
import type { NodeHeartbeat, NodeNotice, NodeQuery, NodeSubscribe } from './node-messages.ts';

const NODE = 3;

describe('NodeQueries', () => {
  it('re-sends a query unanswered for retryUs (lost, or its node was down) and takes its answer once', () => {
    const sent: unknown[] = [];
    let now = 0;
    const ctx: ActorContext<unknown> = {
      self: 9, get nowUs() { return now; }, rng: new Rng(1),
      send: (_to, msg) => void sent.push(msg), setTimer: () => 0, cancelTimer: () => {}, cpu: () => {}, cpuParallel: () => {}, emit: () => {}, emitFirst: () => {},
    };
    const q = new NodeQueries(ctx, { host: NODE, macUs: 1, retryUs: 4_000_000 });
    const id = q.ask({ q: 'height' }, 12);
    now = 3_999_999;
    q.resend();
    expect(sent).toHaveLength(1);
    now = 4_000_000;
    q.resend();
    expect(sent).toEqual([1, 2].map(() => ({ kind: 'node-query', id, afterHeight: 12, body: { q: 'height' } } satisfies NodeQuery)));
    const answer = { kind: 'node-answer', id, height: 12, body: { q: 'height' } } as const;
    expect([q.answered(answer), q.answered(answer)]).toEqual([true, false]);
  });

  it('subscribes again when its acknowledgement is late, and then applies only the new subscription\'s notices', () => {
    const sent: NodeSubscribe[] = [];
    let now = 0;
    const ctx: ActorContext<unknown> = {
      self: 9, get nowUs() { return now; }, rng: new Rng(1),
      send: (_to, msg) => void sent.push(msg as NodeSubscribe), setTimer: () => 0, cancelTimer: () => {}, cpu: () => {}, cpuParallel: () => {}, emit: () => {}, emitFirst: () => {},
    };
    const s = new NodeSubscription(ctx, { host: NODE, macUs: 0, retryUs: 4_000_000 }, 'audit', 0);
    s.subscribe();
    now = 4_000_000;
    s.retry();
    const ack = (subscription: number): NodeNotice => ({ kind: 'node-notice', subscription, seq: 0, height: 5, topic: 'audit', items: [] });
    // The first acknowledgement arrives late: it belongs to a subscription the subscriber gave up.
    expect([s.accept(ack(0)), s.accept(ack(1)), s.accept(ack(1))]).toEqual([false, true, false]);
    expect(sent.map((m) => m.id)).toEqual([0, 1, 2]);
    expect(sent[2]!.sinceHeight).toBe(5);
  });

  it('subscribes again from its last height when a heartbeat numbers a notice it has not applied, and only then', () => {
    const sent: NodeSubscribe[] = [];
    let cpuUs = 0;
    const ctx: ActorContext<unknown> = {
      self: 9, nowUs: 0, rng: new Rng(1),
      send: (_to, msg) => void sent.push(msg as NodeSubscribe), setTimer: () => 0, cancelTimer: () => {}, cpu: (us) => void (cpuUs += us), cpuParallel: () => {}, emit: () => {}, emitFirst: () => {},
    };
    const s = new NodeSubscription(ctx, { host: NODE, macUs: 1, retryUs: 4_000_000 }, 'registry', 0);
    s.subscribe();
    const notice = (seq: number, height: number): NodeNotice => ({ kind: 'node-notice', subscription: 0, seq, height, topic: 'registry', items: [] });
    const heartbeat = (subscription: number, seq: number): NodeHeartbeat => ({ kind: 'node-heartbeat', subscription, topic: 'registry', seq, height: 9 });
    expect([s.accept(notice(0, 2)), s.accept(notice(1, 4))]).toEqual([true, true]);
    cpuUs = 0;
    // In step (notice 1 applied), then one of an older subscription: nothing to do but check the MAC.
    s.heartbeat(heartbeat(0, 1));
    s.heartbeat(heartbeat(-1, 7));
    expect(sent).toHaveLength(1);
    expect(cpuUs).toBe(2);
    // Notice 2, the last, was lost.
    s.heartbeat(heartbeat(0, 2));
    expect(sent.at(-1)).toEqual({ kind: 'node-subscribe', id: 1, topic: 'registry', sinceHeight: 4 } satisfies NodeSubscribe);
  });
});
