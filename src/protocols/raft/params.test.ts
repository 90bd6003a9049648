/** The scenario schema's `consensus.raft/hotstuff/poa` defaults are the protocols' own, and bad values name their path. */
import { describe, expect, it } from 'vitest';
import { zConsensus } from '../../scenario/sections/consensus.ts';
import { HOTSTUFF_DEFAULTS, hotstuffParams } from '../hotstuff/index.ts';
import { POA_DEFAULTS, poaParams } from '../poa/index.ts';
import { RAFT_DEFAULTS, raftParams } from './index.ts';

describe('protocol parameters', () => {
  it('schema defaults equal the protocol modules’ defaults', () => {
    const c = zConsensus.parse({});
    expect(c.raft).toEqual(RAFT_DEFAULTS);
    expect(c.hotstuff).toEqual(HOTSTUFF_DEFAULTS);
    expect(c.poa).toEqual(POA_DEFAULTS);
  });

  it('reads the block under the protocol’s name from the whole consensus section', () => {
    const c = zConsensus.parse({ protocol: 'raft', raft: { electionTimeoutMin: '1s', electionTimeoutMax: '2s', heartbeatInterval: '100ms' } });
    expect(raftParams(c as unknown as Record<string, unknown>).electionTimeoutMaxUs).toBe(2_000_000);
  });

  it('rejects inconsistent values with the field path', () => {
    expect(() => raftParams({ electionTimeoutMin: 300_000, electionTimeoutMax: 150_000 })).toThrow(/consensus\.raft\.electionTimeoutMax/);
    expect(() => raftParams({ heartbeatInterval: 500_000 })).toThrow(/consensus\.raft\.heartbeatInterval/);
    expect(() => hotstuffParams({ backoff: 'linear' })).toThrow(/consensus\.hotstuff\.backoff/);
    expect(() => poaParams({ period: 'soon' })).toThrow(/consensus\.poa\.period: expected a number/);
  });
});
