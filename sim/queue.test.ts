import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { EventQueue } from './queue.ts';
import { SimError } from './errors.ts';

/** Push an entry tagged `tag` at time `t` into `q`, keyed by insertion unless `key` is given. */
function putInto(q: EventQueue): (t: number, tag: number, key?: number) => void {
  let inserted = 0;
  return (t, tag, key) => {
    const slot = q.allocate(0);
    q.tag[slot] = tag;
    q.push(slot, t, key ?? inserted, inserted);
    inserted++;
  };
}

/** Pop everything, returning each slot's tag in pop order. */
function drain(q: EventQueue): number[] {
  const out: number[] = [];
  while (q.size > 0) {
    const slot = q.pop();
    out.push(q.tag[slot]!);
    q.release(slot);
  }
  return out;
}

describe('EventQueue', () => {
  it('pops in (time, key) order for any schedule, whatever order the keys were pushed in', () => {
    const entry = fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 300 }), (entries) => {
        const q = new EventQueue(10_000, 4);
        // Keys rise with rank, then insertion, so they are unique but pushed out of order.
        const keyed = entries.map(([t, rank], i) => ({ t, key: rank * 1e6 + i, i }));
        const put = putInto(q);
        for (const e of keyed) put(e.t, e.i, e.key);
        const expected = keyed.sort((a, b) => a.t - b.t || a.key - b.key).map((e) => e.i);
        expect(drain(q)).toEqual(expected);
      }),
    );
  });

  it('keeps (time, insertion order) when pops and pushes interleave, as a simulation does', () => {
    // Each op either pops the earliest entry or pushes one at (last popped time + delta).
    const op = fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 20 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const q = new EventQueue(10_000, 2);
        const model: { t: number; i: number }[] = [];
        let now = 0;
        let i = 0;
        for (const o of ops) {
          if (o === -1) {
            if (q.size === 0) continue;
            model.sort((a, b) => a.t - b.t || a.i - b.i);
            const want = model.shift()!;
            const slot = q.pop();
            expect([q.peekTime() >= want.t, q.tag[slot]]).toEqual([true, want.i]);
            now = want.t;
            q.release(slot);
          } else {
            const slot = q.allocate(now);
            q.tag[slot] = i;
            q.push(slot, now + o, i, 0);
            model.push({ t: now + o, i: i++ });
          }
        }
        expect(q.size).toBe(model.length);
      }),
    );
  });

  // A 1024 µs calendar window, the smallest allowed, so that schedules cross it, wrap its buckets
  // around and reach the heap behind it (times beyond the window, fractional or before it).
  const SMALL_WINDOW_US = 1024;
  const delay = fc.oneof(
    fc.integer({ min: 0, max: 20 }),
    fc.integer({ min: 0, max: 3 * SMALL_WINDOW_US }),
    fc.double({ min: 0, max: 50, noNaN: true }),
    fc.constant(SMALL_WINDOW_US - 1),
    fc.constant(SMALL_WINDOW_US),
  );

  it('keeps (time, key) order across the calendar window, its wrap-around and the heap behind it', () => {
    // Ops: pop the earliest entry, push at (last popped time + delay), or cancel a pending entry the
    // way the engine does (the entry stays queued, marked, and is discarded when popped).
    const op = fc.oneof(
      { arbitrary: fc.constant({ kind: 'pop' as const }), weight: 2 },
      {
        arbitrary: fc.tuple(delay, fc.integer({ min: 0, max: 3 })).map(([d, rank]) => ({ kind: 'push' as const, delayUs: d, rank })),
        weight: 3,
      },
      { arbitrary: fc.nat().map((k) => ({ kind: 'cancel' as const, pick: k })), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 500 }), (ops) => {
        const q = new EventQueue(10_000, 2, SMALL_WINDOW_US);
        const model: { t: number; key: number; i: number }[] = [];
        const cancelled = new Set<number>();
        const popped: number[] = [];
        let now = 0;
        let i = 0;
        const popOne = (): void => {
          model.sort((a, b) => a.t - b.t || a.key - b.key);
          const want = model.shift()!;
          expect(q.peekTime()).toBe(want.t);
          const slot = q.pop();
          expect(q.tag[slot]).toBe(want.i);
          now = want.t;
          if (!cancelled.has(want.i)) popped.push(want.i);
          q.release(slot);
        };
        for (const o of ops) {
          if (o.kind === 'pop') {
            if (q.size > 0) popOne();
          } else if (o.kind === 'push') {
            // Keys rise with rank, then insertion: unique, and often below their bucket's last.
            const key = o.rank * 1e6 + i;
            const slot = q.allocate(now);
            q.tag[slot] = i;
            q.push(slot, now + o.delayUs, key, 0);
            model.push({ t: now + o.delayUs, key, i: i++ });
          } else if (model.length > 0) {
            cancelled.add(model[o.pick % model.length]!.i);
          }
        }
        while (q.size > 0) popOne();
        expect(model).toEqual([]);
        expect(q.peekTime()).toBe(Infinity);
        // Every entry not cancelled came out exactly once.
        expect(popped.length + cancelled.size).toBe(i);
      }),
    );
  });

  it('orders an event pushed before the window start, behind the window, before those in it', () => {
    const q = new EventQueue(100, 4, SMALL_WINDOW_US);
    const put = putInto(q);
    put(500, 0);
    q.release(q.pop()); // the window now starts at 500
    put(600, 1);
    put(499, 2); // before the window: heap
    put(600.5, 3); // fractional: heap
    put(500 + SMALL_WINDOW_US, 4); // just beyond the window: heap
    put(600, 5);
    expect(drain(q)).toEqual([2, 1, 5, 3, 4]);
  });

  it('never moves the window back when an entry from before it is popped', () => {
    const q = new EventQueue(100, 4, SMALL_WINDOW_US);
    const put = putInto(q);
    put(500, 0);
    q.release(q.pop()); // the window now starts at 500
    put(1400, 1); // calendar
    put(10, 2); // before the window: heap
    expect(q.tag[q.pop()]).toBe(2);
    // 376 shares 1400's bucket (mod 1024); a window moved back to 10 would append it there.
    put(376, 3);
    expect(drain(q)).toEqual([3, 1]);
  });

  it('orders equal times by key when one entry reached the heap and a later one the calendar', () => {
    const q = new EventQueue(100, 4, SMALL_WINDOW_US);
    const put = putInto(q);
    put(2000, 0); // beyond the window starting at 0: heap
    put(1000, 1); // calendar
    q.release(q.pop()); // the window now starts at 1000, so 2000 lies inside it
    put(2000, 2); // calendar, same time as the heap's entry and inserted after it
    expect(drain(q)).toEqual([0, 2]);
  });

  it('pops a calendar entry before a heap entry at the same time when its key is lower', () => {
    const q = new EventQueue(100, 4, SMALL_WINDOW_US);
    const put = putInto(q);
    put(2000, 0, 50); // beyond the window starting at 0: heap
    put(1000, 1, 10); // calendar
    q.release(q.pop()); // the window now starts at 1000
    put(2000, 2, 20); // calendar, key below the heap entry's
    put(2000, 3, 15); // below its bucket's last key: the bucket must be sorted
    put(2000, 4, 60);
    expect(drain(q)).toEqual([3, 2, 0, 4]);
  });

  it('breaks ties of the first key by the second, in the calendar and in the heap', () => {
    const entry = fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1e6 }));
    fc.assert(
      fc.property(fc.uniqueArray(entry, { maxLength: 200, selector: (e) => e[2] }), (entries) => {
        const q = new EventQueue(10_000, 4, 1024);
        entries.forEach(([t, k, k2], i) => {
          const slot = q.allocate(0);
          q.tag[slot] = i;
          q.push(slot, t, k, k2);
        });
        const expected = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e[0] - b.e[0] || a.e[1] - b.e[1] || a.e[2] - b.e[2]).map((x) => x.i);
        expect(drain(q)).toEqual(expected);
      }),
    );
  });

  it('keeps (time, key) order when a popped event is pushed again with its own key, as a message leaving a downlink queue becomes its delivery', () => {
    // Each op pops the earliest entry (and may push it again at once, same key, `again` µs later),
    // or pushes a new entry at (last popped time + delta) with the next key.
    const op = fc.oneof(fc.constant(-1), fc.constant(-2), fc.integer({ min: 0, max: 20 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 0, max: 3 }), (ops, again) => {
        const q = new EventQueue(10_000, 2);
        const model: { t: number; key: number; tag: number }[] = [];
        let now = 0;
        let next = 0;
        for (const o of ops) {
          if (o < 0) {
            if (q.size === 0) continue;
            model.sort((a, b) => a.t - b.t || a.key - b.key);
            const want = model.shift()!;
            const slot = q.pop();
            expect(q.tag[slot]).toBe(want.tag);
            now = want.t;
            if (o === -2) {
              q.push(slot, now + again, q.order[slot]!, q.order2[slot]!);
              model.push({ t: now + again, key: want.key, tag: want.tag });
            } else q.release(slot);
          } else {
            const slot = q.allocate(now);
            q.tag[slot] = next;
            q.push(slot, now + o, next, 0);
            model.push({ t: now + o, key: next, tag: next++ });
          }
        }
        expect(q.size).toBe(model.length);
      }),
      { seed: 14 },
    );
  });

  it('does not sort a bucket again when each event popped from it returns at once with its own key', () => {
    // 2,000 messages reach one receiver in the same µs; each leaves its downlink queue in that µs
    // too (unlimited bandwidth) and comes back as its delivery, keeping its key.
    const q = new EventQueue(10_000, 4);
    const put = putInto(q);
    for (let i = 0; i < 2000; i++) put(5, i);
    const sorts = vi.spyOn(EventQueue.prototype as unknown as { sortBucket(b: number): void }, 'sortBucket');
    const popped: number[] = [];
    const returned = new Set<number>();
    while (q.size > 0) {
      const slot = q.pop();
      const tag = q.tag[slot]!;
      popped.push(tag);
      if (returned.has(tag)) q.release(slot);
      else {
        returned.add(tag);
        q.push(slot, 5, q.order[slot]!, q.order2[slot]!);
      }
    }
    expect(popped).toEqual(Array.from({ length: 2000 }, (_, i) => [i, i]).flat());
    expect(sorts).not.toHaveBeenCalled();
    sorts.mockRestore();
  });

  it('sorts a long bucket filled in falling key order, and one added to while it pops', () => {
    const q = new EventQueue(1000, 4);
    const put = putInto(q);
    for (let i = 0; i < 100; i++) put(7, i, 1000 - i);
    expect(q.tag[q.pop()]).toBe(99);
    put(7, 100, 950.5); // into the bucket being popped, below its last key, between tags 50 and 49
    const out = drain(q);
    expect(out.slice(0, 3)).toEqual([98, 97, 96]);
    expect(out.indexOf(100)).toBe(out.indexOf(50) + 1);
    expect(out.length).toBe(100);
  });

  it('rejects a calendar window that is not a power of two of at least 1024 µs', () => {
    expect(() => new EventQueue(10, 4, 1000)).toThrow(RangeError);
    expect(() => new EventQueue(10, 4, 512)).toThrow(RangeError);
  });

  it('reuses released slots and bumps their generation', () => {
    const q = new EventQueue(10);
    const a = q.allocate(0);
    const genBefore = q.gen[a]!;
    q.release(a);
    expect(q.allocate(0)).toBe(a);
    expect(q.gen[a]).toBe(genBefore + 1);
  });

  it('throws QUEUE_OVERFLOW once the bound is reached', () => {
    const q = new EventQueue(3, 1);
    for (let i = 0; i < 3; i++) q.push(q.allocate(0), i, i, 0);
    expect(() => q.allocate(42)).toThrow(SimError);
    expect(() => q.allocate(42)).toThrow(/bound of 3 pending events at t=42 µs/);
  });

  it('reports Infinity as the next time when empty', () => {
    expect(new EventQueue(4).peekTime()).toBe(Infinity);
  });
});
