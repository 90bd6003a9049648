import { describe, expect, it } from 'vitest';
import { Rng, type Actor, type ActorContext, type TimerTag } from '../../../sim/index.ts';
import type { Transaction } from '../../ledger/types.ts';
import { TRUTH_LABEL_EVENT, type TruthLabelEvent } from '../ground-truth.ts';
import { ClientProxy } from './client-proxy.ts';

/** A proxy around a client that does nothing, on a context that records the timers set. */
function proxyAt(windows: { start: number; end?: number; ratePerHour: number }[]) {
  const timers: { delayUs: number; tag: TimerTag }[] = [];
  const clock = { nowUs: 0 };
  const ctx = {
    self: 0,
    get nowUs() { return clock.nowUs; },
    rng: new Rng(1),
    setTimer(delayUs: number, tag: TimerTag) { timers.push({ delayUs, tag }); return timers.length; },
  } as unknown as ActorContext<unknown>;
  const client: Actor<unknown> = { onMessage() {}, onTimer() {} };
  const label = (tx: Transaction): TruthLabelEvent => ({ kind: TRUTH_LABEL_EVENT, entity: 'tx', id: tx.id, attack: 'insider', role: 'insider-request', fromUs: tx.submittedUs });
  return { proxy: new ClientProxy(ctx, () => client, windows, label), timers, clock };
}

describe('insider misuse proxy', () => {
  it('starts its extra requests again after a crash: a window under way after a gap, a later one at its start, an ended one never', () => {
    const { proxy, timers, clock } = proxyAt([
      { start: 0, end: 10_000_000, ratePerHour: 3600 },
      { start: 50_000_000, end: 60_000_000, ratePerHour: 3600 },
      { start: 100_000_000, ratePerHour: 3600 },
    ]);
    clock.nowUs = 20_000_000;
    proxy.onRecover();
    const own = timers.filter((t) => t.tag % 2 === 1);
    expect(own.map((t) => t.delayUs)).toEqual([30_000_000, 80_000_000]);
    clock.nowUs = 55_000_000;
    timers.length = 0;
    proxy.onRecover();
    const again = timers.filter((t) => t.tag % 2 === 1);
    expect(again).toHaveLength(2);
    expect(again[0]!.delayUs).toBeGreaterThan(0);
    expect(again[1]!.delayUs).toBe(45_000_000);
  });
});
