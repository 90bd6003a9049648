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

  it.each(PROTOCOLS.map((p) => [p.name, p] as const))('%s meets the definition contract (defaults parse, fault model sane for n = 1..16)', (_name, p) => {
    expect(protocolContractProblems(p)).toEqual([]);
  });

  it('gives PBFT f = ⌊(n − 1)/3⌋, 2f + 1 quorums and f + 1 replies (Castro & Liskov 1999, §4.1, §4.2)', () => {
    const model = protocolByName('pbft')!.faultModel;
    expect([4, 7, 10, 16].map((n) => model.maxFaulty(n))).toEqual([1, 2, 3, 5]);
    expect([4, 7, 10, 16].map((n) => model.quorum(n))).toEqual([3, 5, 7, 11]);
    expect([4, 7, 10, 16].map((n) => model.repliesNeeded(n))).toEqual([2, 3, 4, 6]);
  });

  it('gives HotStuff n − f quorums and Raft majorities', () => {
    expect([4, 7, 10].map((n) => protocolByName('hotstuff')!.faultModel.quorum(n))).toEqual([3, 5, 7]);
    expect([3, 4, 5].map((n) => protocolByName('raft')!.faultModel.quorum(n))).toEqual([2, 3, 3]);
  });
});
