import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext } from '../../sim/index.ts';
import { NodeQueries, NodeSubscription } from './node-link.ts';
import type { NodeNotice, NodeQuery, NodeSubscribe } from './node-messages.ts';

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
});
