import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { protocolContractProblems } from './contract.ts';
import { byzantineMaxFaulty, byzantineQuorum } from './fault-bounds.ts';
import { hotstuff } from './hotstuff/index.ts';
import { pbft } from './pbft/index.ts';
import { raft } from './raft/index.ts';

describe('protocolContractProblems', () => {
  it('names each missing part of an object that is not a definition', () => {
    expect(protocolContractProblems({ name: 'x', title: 'X' })).toEqual([
      'reference: expected a non-empty string',
      'paramsSchema: expected a zod object (z.object({ ... }))',
      'faultModel: expected { kind, rule, maxFaulty, quorum, repliesNeeded }',
      'messageKinds: expected a non-empty list of the message kinds replicas send each other (kindsOf from src/plugin-api.ts)',
      'createReplica: expected a function (ctx, config, app) => replica',
    ]);
  });

  it('rejects parameters without defaults', () => {
    expect(protocolContractProblems({ ...raft, paramsSchema: z.object({ k: z.number() }).strict() })[0]).toMatch(/^paramsSchema: expected every parameter to have a default/);
  });

  it('rejects a commit gap bound that is not a function', () => {
    expect(protocolContractProblems({ ...raft, commitGapBoundUs: 30_000_000 })).toEqual(['commitGapBoundUs: expected a function (params, nodes) => µs or null when present']);
  });

  it('rejects a block period given as a number instead of its parameter and a function', () => {
    expect(protocolContractProblems({ ...raft, blockPeriod: 15_000_000 })).toEqual(['blockPeriod: expected { param: the name of the parameter that sets it, periodUs: a function (params) => µs } when present']);
  });

  it('rejects a fault model that tolerates every replica failing', () => {
    const problems = protocolContractProblems({ ...raft, faultModel: { ...raft.faultModel, maxFaulty: (n: number) => n } });
    expect(problems).toEqual(['faultModel.maxFaulty(1): expected an integer in [0, 0] (never fewer than for n − 1), found 1']);
  });
});

describe('protocolContractProblems: quorums at every n', () => {
  it('rejects 2f + 1 Byzantine quorums, first at n = 2 where two quorums of one replica are disjoint', () => {
    const problems = protocolContractProblems({ ...pbft, faultModel: { ...pbft.faultModel, quorum: (n: number) => 2 * byzantineMaxFaulty(n) + 1 } });
    expect(problems).toEqual(['faultModel.quorum(2): two quorums of 1 share only 0 of 2 replicas: they may be disjoint (expected a quorum of at least 2)']);
  });

  it('rejects 2f + 1 Byzantine quorums from n = 4 on at n = 5, where two of them share only the one faulty replica', () => {
    const quorum = (n: number) => (n < 4 ? byzantineQuorum(n) : 2 * byzantineMaxFaulty(n) + 1);
    const problems = protocolContractProblems({ ...pbft, faultModel: { ...pbft.faultModel, quorum } });
    expect(problems).toEqual(['faultModel.quorum(5): two quorums of 3 share only 1 of 5 replicas, fewer than f + 1 = 2: they may meet only in faulty replicas (expected a quorum of at least 4)']);
  });

  it('rejects a Byzantine quorum of every replica: one silent replica stops it', () => {
    const problems = protocolContractProblems({ ...pbft, faultModel: { ...pbft.faultModel, quorum: (n: number) => n } });
    expect(problems).toEqual(['faultModel.quorum(4): 4 exceeds the n − f = 3 replicas left when maxFaulty(4) = 1 fail, so no quorum may ever form']);
  });

  it('rejects crash-fault quorums of half the replicas: at n = 2 two of them may be disjoint', () => {
    const problems = protocolContractProblems({ ...raft, faultModel: { ...raft.faultModel, quorum: (n: number) => Math.ceil(n / 2) } });
    expect(problems).toEqual(['faultModel.quorum(2): two quorums of 1 share only 0 of 2 replicas: they may be disjoint (expected a quorum of at least 2)']);
  });

  it('checks n up to 40: a quorum that goes wrong only at n = 39 is caught', () => {
    const quorum = (n: number) => (n === 39 ? 2 * byzantineMaxFaulty(n) + 1 : byzantineQuorum(n));
    const problems = protocolContractProblems({ ...pbft, faultModel: { ...pbft.faultModel, quorum } });
    expect(problems).toEqual(['faultModel.quorum(39): two quorums of 25 share only 11 of 39 replicas, fewer than f + 1 = 13: they may meet only in faulty replicas (expected a quorum of at least 26)']);
  });
});

describe('protocolContractProblems: optional parts', () => {
  it('names each optional part present with the wrong type', () => {
    expect(protocolContractProblems({ ...raft, byzantineLevers: 'propose-on-lock', minNodes: 4, clientRequests: 'leader', withoutMempool: true, withoutApplication: {} })).toEqual([
      'byzantineLevers: expected a list of lever names when present',
      'minNodes: expected { count: a whole number of replicas from 1, why: a string } when present',
      `clientRequests: expected 'primary' or 'any-replica' when present, found "leader"`,
      'withoutMempool: expected a string (why) when present',
      'withoutApplication: expected a string (why) when present',
    ]);
  });

  it('names a recovery bound that is not a function', () => {
    expect(protocolContractProblems({ ...raft, recoveryBoundUs: 5_000_000 })).toEqual(['recoveryBoundUs: expected a function (params, { nodes, faultPhaseUs, faultyReplicas }) => µs when present']);
  });

  it('takes forwarded transactions only on messages of its own kinds: HotStuff passes, a kind it does not send does not', () => {
    expect(protocolContractProblems(hotstuff)).toEqual([]);
    expect(protocolContractProblems({ ...hotstuff, forwardedTransactions: { kinds: ['hs-vote', 'hs-block'], field: 'txs' } })).toEqual([
      'forwardedTransactions: expected { kinds: a non-empty list of messageKinds, field: the name of the field that holds the transactions } when present, found {"kinds":["hs-vote","hs-block"],"field":"txs"}',
    ]);
  });
});
