import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { FirstEmissions } from './first-emissions.ts';
import { FREE_LINK } from './testing/helpers.ts';
import type { ActorContext, ModelEvent } from './index.ts';

describe('first emissions', () => {
  it('admits a (kind, key) pair once, keys of other kinds apart', () => {
    const first = new FirstEmissions();
    expect([first.admit('a', 1), first.admit('a', 1), first.admit('b', 1), first.admit('a', '1'), first.admit('a', 2)]).toEqual([true, false, true, true, true]);
  });

  it('admits each key once, as a set of the keys would', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 2 ** 31 - 40, max: 2 ** 31 + 40 }), fc.constantFrom(2 ** 53 - 1, 2 ** 53, -(2 ** 53) + 1, 0.5, -0, NaN, 'a', '1'))), (keys) => {
        const first = new FirstEmissions();
        const set = new Set<number | string>();
        for (const key of keys) {
          const fresh = !set.has(key);
          set.add(key);
          expect(first.admit('k', key)).toBe(fresh);
        }
      }),
      { seed: 11 },
    );
  });

  it('holds a word, not an entry, for each 32 consecutive integer keys', () => {
    const first = new FirstEmissions();
    // Transaction ids of a host past 32, beyond 2^31 (src/ledger/types.ts txId: sender × 2^26 + sequence number).
    const base = 40_000 * 2 ** 26;
    for (let seq = 0; seq < 10_000; seq++) first.admit('outcome', base + seq);
    expect(first.entries).toBe(Math.ceil(10_000 / 32));
  });

  it("shows an engine's observers the first host's report of a key, at its time, and every plain emission", () => {
    const engine = new Engine({ seed: 1 });
    const seen: [number, number, string][] = [];
    engine.observe((h, e, t) => void seen.push([h, t, e.kind]));
    for (let i = 0; i < 3; i++) {
      engine.addHost(FREE_LINK, (ctx: ActorContext<unknown>) => ({
        onStart: () => void ctx.setTimer(1_000 * (3 - i), 0),
        onMessage: () => {},
        onTimer: () => {
          ctx.emitFirst('tx-1', { kind: 'outcome' } as ModelEvent);
          ctx.emitFirst('tx-1', { kind: 'other' } as ModelEvent);
          ctx.emit({ kind: 'plain' } as ModelEvent);
        },
      }));
    }
    engine.run(10_000);
    expect(seen).toEqual([
      [2, 1_000, 'outcome'], [2, 1_000, 'other'], [2, 1_000, 'plain'],
      [1, 2_000, 'plain'],
      [0, 3_000, 'plain'],
    ]);
  });

  it('keeps a partition from posting what one of its own hosts reported first already', () => {
    const engine = new Engine({ seed: 1, partition: { count: 2, self: 0, partitionOf: () => 0 } });
    for (let i = 0; i < 2; i++) {
      engine.addHost(FREE_LINK, (ctx: ActorContext<unknown>) => ({
        onStart: () => void ctx.setTimer(1_000 * (i + 1), 0),
        onMessage: () => {},
        onTimer: () => ctx.emitFirst(7, { kind: 'outcome' } as ModelEvent),
      }));
    }
    engine.run(10_000);
    const batch = engine.takeEmitted();
    expect([batch.host, batch.atUs, batch.firstKey]).toEqual([[0], [1_000], [7]]);
  });
});
