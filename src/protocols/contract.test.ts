import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { protocolContractProblems } from './contract.ts';
import { raft } from './raft/index.ts';

describe('protocolContractProblems', () => {
  it('names each missing part of an object that is not a definition', () => {
    expect(protocolContractProblems({ name: 'x', title: 'X' })).toEqual([
      'reference: expected a non-empty string',
      'paramsSchema: expected a zod object (z.object({ ... }))',
      'faultModel: expected { kind, rule, maxFaulty, quorum, repliesNeeded }',
      'createReplica: expected a function (ctx, config, app) => replica',
    ]);
  });

  it('rejects parameters without defaults', () => {
    expect(protocolContractProblems({ ...raft, paramsSchema: z.object({ k: z.number() }).strict() })[0]).toMatch(/^paramsSchema: expected every parameter to have a default/);
  });

  it('rejects a fault model that tolerates every replica failing', () => {
    const problems = protocolContractProblems({ ...raft, faultModel: { ...raft.faultModel, maxFaulty: (n: number) => n } });
    expect(problems).toEqual(['faultModel.maxFaulty(1): expected an integer in [0, 0] (never fewer than for n − 1), found 1']);
  });
});
