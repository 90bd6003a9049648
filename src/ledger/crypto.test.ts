import { describe, expect, it } from 'vitest';
import { fromPortable, toPortable } from '../../sim/index.ts';
import { KeyRing, type Signature } from './crypto.ts';

const term = (view: number, seq: number, digest: string) => `prepare|${view}|${seq}|${digest}`;

describe.each(['symbolic', 'real'] as const)('KeyRing (%s)', (mode) => {
  it('accepts a signature over the recomputed digest of the same content', () => {
    const ring = new KeyRing(mode, 1);
    const key = ring.issue(3);
    const sig = key.sign(ring.digest(term(0, 1, 'abc')));
    expect(ring.verify(sig, 3, ring.digest(term(0, 1, 'abc')))).toBe(true);
  });

  it('detects tampering with the signed content and a wrong claimed signer', () => {
    const ring = new KeyRing(mode, 1);
    const key = ring.issue(3);
    ring.issue(4);
    const sig = key.sign(ring.digest(term(0, 1, 'abc')));
    expect(ring.verify(sig, 3, ring.digest(term(0, 2, 'abc')))).toBe(false);
    expect(ring.verify(sig, 3, ring.digest(term(0, 1, 'abd')))).toBe(false);
    expect(ring.verify(sig, 4, ring.digest(term(0, 1, 'abc')))).toBe(false);
  });

  it('rejects a forged signature object that no key minted', () => {
    const ring = new KeyRing(mode, 1);
    ring.issue(3);
    const d = ring.digest(term(0, 1, 'abc'));
    const forged: Signature = { signer: 3, digest: d, bytes: new Uint8Array(64) };
    expect(ring.verify(forged, 3, d)).toBe(false);
  });

  it('rejects a signature minted by another ring, and cannot be minted through its constructor', () => {
    const ring = new KeyRing(mode, 1);
    const other = new KeyRing(mode, 2);
    ring.issue(3);
    const d = ring.digest(term(0, 1, 'abc'));
    const foreign = other.issue(3).sign(d);
    expect(ring.verify(foreign, 3, d)).toBe(false);
    if (mode === 'symbolic') {
      const ctor = foreign.constructor as unknown as new (...args: unknown[]) => Signature;
      expect(() => new ctor(Symbol('mint'), ring, 3, d)).toThrow();
    }
  });

  it('issues each key once', () => {
    const ring = new KeyRing(mode, 1);
    ring.issue(3);
    expect(() => ring.issue(3)).toThrow(/already issued/);
  });
});

describe('symbolic signatures in a run split over threads', () => {
  const cross = (sig: Signature): Signature => fromPortable(structuredClone(toPortable(sig))) as Signature;

  it("verify in another partition's ring of the same seed, as the object or as a copy that crossed threads", () => {
    const a = new KeyRing('symbolic', 9, { portable: true });
    const b = new KeyRing('symbolic', 9, { portable: true });
    const sig = a.issue(2).sign('d');
    b.issue(2);
    expect([b.verify(sig, 2, 'd'), b.verify(cross(sig), 2, 'd'), a.verify(cross(sig), 2, 'd')]).toEqual([true, true, true]);
    expect([b.verify(cross(sig), 2, 'other'), b.verify(cross(sig), 3, 'd')]).toEqual([false, false]);
  });

  it('refuse a forged copy, a tag from another seed, and any copy where the ring is not portable', () => {
    const ring = new KeyRing('symbolic', 9, { portable: true });
    const sig = ring.issue(2).sign('d');
    expect(ring.verify(Object.freeze({ signer: 2, digest: 'd' }), 2, 'd')).toBe(false);
    expect(ring.verify(Object.freeze({ signer: 2, digest: 'd', tag: (sig.tag! + 1) >>> 0 }), 2, 'd')).toBe(false);
    const otherSeed = new KeyRing('symbolic', 10, { portable: true });
    expect(ring.verify(cross(otherSeed.issue(2).sign('d')), 2, 'd')).toBe(false);
    const plain = new KeyRing('symbolic', 9);
    const plainSig = plain.issue(2).sign('d');
    expect([plainSig.tag, plain.verify(plainSig, 2, 'd'), plain.verify(cross(sig), 2, 'd')]).toEqual([undefined, true, false]);
  });
});
