/** Raft (Ongaro & Ousterhout, USENIX ATC 2014): crash-fault-tolerant replicated log. */
import { defineProtocol } from '../definition.ts';
import { RAFT_FAULT_MODEL } from './fault-model.ts';
import { RAFT_MESSAGE_KINDS, RAFT_REPLY_AUTHENTICATION } from './messages.ts';
import { raftParamsSchema } from './params.ts';
import { RaftReplica, type RaftOptions } from './replica.ts';

/** The Raft definition; `options` only for the fuzzer's deliberately broken variants. */
export function makeRaftModule(options: RaftOptions = {}) {
  return defineProtocol({
    name: 'raft',
    title: 'Raft',
    reference: 'D. Ongaro and J. Ousterhout, "In Search of an Understandable Consensus Algorithm", USENIX ATC 2014',
    paramsSchema: raftParamsSchema,
    faultModel: RAFT_FAULT_MODEL,
    messageKinds: RAFT_MESSAGE_KINDS,
    // A client starts at a server of its own, tries another when its requests time out, and a
    // reply naming the leader sends it there (§8); followers forward requests to their leader.
    clientRequests: 'any-replica',
    replyAuthentication: () => RAFT_REPLY_AUTHENTICATION,
    withoutMempool: 'the leader appends each request to its log within one batch timeout (§5.3) and followers redirect requests to it (§8): it keeps no pool of waiting transactions',
    createReplica: (ctx, config, app) => new RaftReplica(ctx, config, app, options),
  });
}

export const raft = makeRaftModule();

export { RaftReplica, RaftRole, type RaftOptions } from './replica.ts';
export { raftParamsSchema, type RaftParams } from './params.ts';
export { RAFT_FAULT_MODEL } from './fault-model.ts';
export type * from './messages.ts';
