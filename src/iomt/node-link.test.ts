import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext } from '../../sim/index.ts';
import { NodeQueries } from './node-link.ts';
import type { NodeQuery } from './node-messages.ts';

const NODE = 3;

describe('NodeQueries', () => {
  it('re-sends a query unanswered for retryUs (lost, or its node was down) and takes its answer once', () => {
    const sent: unknown[] = [];
    let now = 0;
    const ctx: ActorContext<unknown> = {
      self: 9, get nowUs() { return now; }, rng: new Rng(1),
      send: (_to, msg) => void sent.push(msg), setTimer: () => 0, cancelTimer: () => {}, cpu: () => {}, cpuParallel: () => {}, emit: () => {},
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
});
