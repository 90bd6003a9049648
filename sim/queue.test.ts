import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './queue.ts';
import { SimError } from './errors.ts';

/** Push (time) entries, tagging each slot with its insertion index, and pop everything. */
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
  it('pops in (time, insertion order) for any schedule', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue(10_000, 4);
        times.forEach((t, i) => {
          const slot = q.allocate(0);
          q.tag[slot] = i;
          q.push(slot, t);
        });
        const expected = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((e) => e[1]);
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
            q.push(slot, now + o);
            model.push({ t: now + o, i: i++ });
          }
        }
        expect(q.size).toBe(model.length);
      }),
    );
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
    for (let i = 0; i < 3; i++) q.push(q.allocate(0), i);
    expect(() => q.allocate(42)).toThrow(SimError);
    expect(() => q.allocate(42)).toThrow(/bound of 3 pending events at t=42 µs/);
  });

  it('reports Infinity as the next time when empty', () => {
    expect(new EventQueue(4).peekTime()).toBe(Infinity);
  });
});
