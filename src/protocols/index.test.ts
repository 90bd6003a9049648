import { describe, expect, it } from 'vitest';
import { protocolContractProblems } from './contract.ts';
import { PROTOCOLS, protocolByName } from './index.ts';

describe('protocol registry', () => {
  it('registers each protocol once, and finds it by name', () => {
    const names = PROTOCOLS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of PROTOCOLS) expect(protocolByName(p.name)).toBe(p);
    expect(protocolByName('paxos')).toBeUndefined();
  });

  it.each(PROTOCOLS.map((p) => [p.name, p] as const))('%s meets the definition contract (defaults parse, fault model sane and quorums intersecting for n = 1..40)', (_name, p) => {
    expect(protocolContractProblems(p)).toEqual([]);
  });

  it('gives PBFT f = ⌊(n − 1)/3⌋ and f + 1 replies (Castro & Liskov 1999, §4.1)', () => {
    const model = protocolByName('pbft')!.faultModel;
    expect([4, 7, 10, 16].map((n) => model.maxFaulty(n))).toEqual([1, 2, 3, 5]);
    expect([4, 7, 10, 16].map((n) => model.repliesNeeded(n))).toEqual([2, 3, 4, 6]);
  });

  it.each(['pbft', 'hotstuff'])('gives %s quorums of ⌈(n + f + 1)/2⌉: 2f + 1 at n = 3f + 1, between 2f + 1 and n − f elsewhere', (name) => {
    const model = protocolByName(name)!.faultModel;
    const ns = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
    expect(ns.map((n) => model.quorum(n))).toEqual([3, 4, 4, 5, 6, 6, 7, 8, 8, 9]);
  });

  it('gives Raft majorities', () => {
    expect([3, 4, 5].map((n) => protocolByName('raft')!.faultModel.quorum(n))).toEqual([2, 3, 3]);
  });
});
