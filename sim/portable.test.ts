import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CrossingIdentity, definePortable, fromPortable, toPortable } from './portable.ts';

class Point {
  constructor(readonly x: number, readonly y: number) {}
  get norm(): number {
    return Math.hypot(this.x, this.y);
  }
}
definePortable('test-point', Point, (p) => [p.x, p.y], (d) => new Point(...(d as [number, number])));

class Pair {
  constructor(readonly a: number, readonly b: number) {
    Object.freeze(this);
  }
}
definePortable('test-pair', Pair, (p) => ({ a: p.a, b: p.b }), (d) => new Pair((d as Pair).a, (d as Pair).b));

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

  it('keeps frozen objects and arrays frozen and the others not, with no key of its own left', () => {
    const block = Object.freeze({ hash: 'h', txs: Object.freeze([{ id: 1 }]), meta: { a: 1 }, list: [2] });
    const got = cross(block);
    expect(Object.isFrozen(got)).toBe(true);
    expect(Object.isFrozen(got.txs)).toBe(true);
    expect(Object.isFrozen(got.meta)).toBe(false);
    expect(Object.isFrozen(got.list)).toBe(false);
    expect(Object.isFrozen(got.txs[0])).toBe(false);
    expect(got).toEqual(block);
    expect(Object.keys(got)).toEqual(['hash', 'txs', 'meta', 'list']);
    expect(Object.keys(got.txs)).toEqual(['0']);
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

  it('keeps a frozen object frozen when it crosses with its id', () => {
    const vc = Object.freeze({ kind: 'view-change', replica: 1 });
    const atB = send(vc, a, b);
    expect(Object.isFrozen(atB)).toBe(true);
    expect(Object.keys(atB)).toEqual(['kind', 'replica']);
  });

  it('holds no object that went only one way, and holds it once it crosses to a peer', () => {
    const side = new CrossingIdentity(2);
    const event = { kind: 'commit' };
    const id = side.oneWay.stamp(event);
    expect(side.find(id)).toBeUndefined();
    expect(side.size).toBe(0);
    expect(side.stamp(event)).toBe(id);
    expect(side.find(id)).toBe(event);
  });

  it('gives a frozen instance of a portable class one id on each side, none to its data (not frozen)', () => {
    const from = new CrossingIdentity(3), to = new CrossingIdentity(4);
    const pair = new Pair(1, 2);
    const got = send(Object.freeze({ kind: 'm', pair }), from, to);
    expect(got.pair).toBeInstanceOf(Pair);
    // The message and the instance.
    expect(from.size).toBe(2);
    expect(to.size).toBe(2);
    expect(send({ again: pair }, from, to).again).toBe(got.pair);
  });

  it('forgets the objects a full collection took, and keeps those still alive', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const side = new CrossingIdentity(5);
    const kept = { kind: 'kept' };
    const keptId = side.stamp(kept);
    for (let i = 0; i < 10_000; i++) side.stamp({ i });
    // A WeakRef keeps its target to the end of the task that made it, and a finalizer runs as a
    // task V8 posts to the event loop some time after the collection. Each round therefore starts a
    // new task, collects, lets the loop poll (a timer) so that the finalizer can run, and holds one
    // entry more (a hold is when the table sweeps): bounded in collections, not in wall time,
    // which a loaded machine stretches.
    const after = (ms: number): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, ms));
    for (let round = 0; round < 500 && side.size > 100; round++) {
      await after(0);
      gc();
      await after(1);
      side.stamp({ round });
    }
    expect(side.size).toBeLessThanOrEqual(100);
    expect(side.find(keptId)).toBe(kept);
  }, 60_000);

  it('gives an object that is not frozen no id: each crossing delivers a copy its receiver owns', () => {
    const from = new CrossingIdentity(6), to = new CrossingIdentity(7);
    const vote = { kind: 'vote', view: 3, at: new Point(1, 2) };
    const first = send(vote, from, to);
    expect(first).toEqual(vote);
    expect(first.at).toBeInstanceOf(Point);
    expect(send(vote, from, to)).not.toBe(first);
    expect(send(vote.at, from, to)).not.toBe(first.at);
    expect(send(first, to, from)).not.toBe(vote);
    expect(from.size + to.size).toBe(0);
  });

  it('without it, every crossing makes a new object', () => {
    const vc = { kind: 'view-change', replica: 2 };
    expect(cross(vc)).not.toBe(cross(vc));
  });
});
