import { describe, expect, it } from 'vitest';
import { CrossingIdentity, definePortable, fromPortable, toPortable } from './portable.ts';

class Point {
  constructor(readonly x: number, readonly y: number) {}
  get norm(): number {
    return Math.hypot(this.x, this.y);
  }
}
definePortable('test-point', Point, (p) => [p.x, p.y], (d) => new Point(...(d as [number, number])));

class Unregistered {
  readonly v = 1;
}

/** What the other thread gets: a structured clone of the portable form, rebuilt. */
const cross = <T>(x: T): T => fromPortable(structuredClone(toPortable(x))) as T;

describe('portable messages', () => {
  it('rebuilds registered class instances with their prototype, however deep', () => {
    const msg = { kind: 'm', points: [new Point(3, 4)], byName: new Map([['a', new Point(6, 8)]]), set: new Set([new Point(0, 1)]) };
    const got = cross(msg);
    expect(got.points[0]).toBeInstanceOf(Point);
    expect(got.points[0]!.norm).toBe(5);
    expect(got.byName.get('a')!.norm).toBe(10);
    expect([...got.set][0]!.norm).toBe(1);
    // Without the portable pass, the accessor is gone.
    expect((structuredClone(msg).points[0] as Point).norm).toBeUndefined();
  });

  it('keeps objects shared within one batch shared', () => {
    const p = new Point(1, 1);
    const block = { txs: [p] };
    const got = cross({ first: { block }, second: { block }, p });
    expect(got.first.block).toBe(got.second.block);
    expect(got.first.block.txs[0]).toBe(got.p);
  });

  it('refuses an instance of a class that was not made portable, naming it', () => {
    expect(() => toPortable({ kind: 'm', inner: [new Unregistered()] })).toThrow(/instance of class Unregistered, which has not been made portable/);
  });

  it('leaves plain data and typed arrays as they are', () => {
    const msg = { a: 1, b: 'x', c: null, d: [1, 2], e: new Uint8Array([1, 2]) };
    expect(cross(msg)).toEqual(msg);
  });
});

describe('identity across threads', () => {
  /** A's and B's sides of the crossing; `send` carries `x` from one side to the other. */
  const a = new CrossingIdentity(0), b = new CrossingIdentity(1);
  const send = <T>(x: T, from: CrossingIdentity, to: CrossingIdentity): T => fromPortable(structuredClone(toPortable(x, from)), to) as T;

  it('gives back the original when an object returns, and one object for one that arrives twice', () => {
    const vc = Object.freeze({ kind: 'view-change', replica: 2, proof: [new Point(1, 2)] });
    const atB = send(vc, a, b);
    expect(atB).not.toBe(vc);
    expect(atB).toEqual(vc);
    expect(send(vc, a, b)).toBe(atB);
    const newView = send({ kind: 'new-view', viewChanges: [atB] }, b, a);
    expect(newView.viewChanges[0]).toBe(vc);
    expect(Object.keys(atB)).toEqual(['kind', 'replica', 'proof']);
  });

  it('without it, every crossing makes a new object', () => {
    const vc = { kind: 'view-change', replica: 2 };
    expect(cross(vc)).not.toBe(cross(vc));
  });
});
