import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SequenceWindow } from './sequence-window.ts';

describe('SequenceWindow', () => {
  it('answers as a map from sequence numbers pushed in order, across growth and deletions in any order', () => {
    // Each step pushes the next sequence number or deletes one drawn among those pushed so far.
    const step = fc.record({ push: fc.boolean(), pick: fc.nat() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
        const window = new SequenceWindow<string>();
        const model = new Map<number, string>();
        let next = 0;
        for (const { push, pick } of steps) {
          if (push || next === 0) {
            window.push(next, `v${next}`);
            model.set(next, `v${next}`);
            next++;
          } else {
            const seq = pick % next;
            window.delete(seq);
            model.delete(seq);
          }
          expect(window.size).toBe(model.size);
          expect(window.nextSeq).toBe(next);
          const oldest = model.size === 0 ? next : Math.min(...model.keys());
          expect(window.span).toBe(next - oldest);
          if (model.size > 0) expect(window.oldestSeq).toBe(oldest);
        }
        for (let seq = -1; seq <= next; seq++) {
          expect(window.get(seq)).toBe(model.get(seq));
          expect(window.has(seq)).toBe(model.has(seq));
        }
      }),
    );
  });

  it('starts at its first sequence number and deletes every value through a number', () => {
    // Each step pushes the next sequence number or deletes through one drawn from 1 below the first to 1 past the last pushed.
    const step = fc.record({ push: fc.boolean(), pick: fc.nat() });
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.array(step, { maxLength: 300 }), (first, steps) => {
        const window = new SequenceWindow<number>(first);
        const model = new Map<number, number>();
        let next = first;
        for (const { push, pick } of steps) {
          if (push) {
            window.push(next, -next);
            model.set(next, -next);
            next++;
          } else {
            const through = first - 1 + (pick % (next - first + 2));
            window.deleteThrough(through);
            for (const seq of [...model.keys()]) if (seq <= through) model.delete(seq);
          }
          expect(window.size).toBe(model.size);
          expect(window.nextSeq).toBe(next);
          if (model.size > 0) expect(window.oldestSeq).toBe(Math.min(...model.keys()));
        }
        for (let seq = first - 1; seq <= next; seq++) expect(window.get(seq)).toBe(model.get(seq));
      }),
    );
  });

  it('refuses a sequence number out of order', () => {
    const window = new SequenceWindow<number>();
    window.push(0, 1);
    expect(() => window.push(2, 1)).toThrow('expected sequence number 1, found 2');
    expect(() => new SequenceWindow<number>(1).push(0, 1)).toThrow('expected sequence number 1, found 0');
  });
});
