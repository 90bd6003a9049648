import { describe, expect, it } from 'vitest';
import { PROTOCOLS, protocolByName } from './index.ts';

describe('protocol registry', () => {
  it('registers each protocol once, and finds it by name', () => {
    const names = PROTOCOLS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of PROTOCOLS) expect(protocolByName(p.name)).toBe(p);
    expect(protocolByName('paxos')).toBeUndefined();
  });

  it('documents every parameter under its protocol name', () => {
    for (const p of PROTOCOLS) for (const doc of p.parameters) expect(doc.name.startsWith(`${p.name}.`), doc.name).toBe(true);
  });

  it('gives PBFT f = ⌊(n − 1)/3⌋ and f + 1 replies (Castro & Liskov 1999, §4.1)', () => {
    const pbft = protocolByName('pbft')!;
    expect([4, 7, 10, 16].map((n) => pbft.maxFaulty(n))).toEqual([1, 2, 3, 5]);
    expect([4, 7, 10, 16].map((n) => pbft.repliesNeeded(n))).toEqual([2, 3, 4, 6]);
  });
});
