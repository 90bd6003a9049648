/** Raft (Ongaro & Ousterhout, USENIX ATC 2014): crash-fault-tolerant replicated log. */
import type { ProtocolModule } from '../types.ts';
import { RAFT_PARAMETER_DOCS } from './params.ts';
import { RaftReplica } from './replica.ts';

export const raft: ProtocolModule = {
  name: 'raft',
  title: 'Raft',
  reference: 'D. Ongaro and J. Ousterhout, "In Search of an Understandable Consensus Algorithm", USENIX ATC 2014',
  faultModel: 'crash',
  parameters: RAFT_PARAMETER_DOCS,
  // §5: a majority must survive, n ≥ 2f + 1.
  maxFaulty: (n) => Math.floor((n - 1) / 2),
  // §8: the leader answers once the entry is committed.
  repliesNeeded: () => 1,
  createReplica: (ctx, config, app) => new RaftReplica(ctx, config, app),
};

export { RaftReplica, RaftRole } from './replica.ts';
export { raftParams, RAFT_DEFAULTS, type RaftParams } from './params.ts';
export type * from './messages.ts';
