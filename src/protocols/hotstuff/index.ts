/** Chained HotStuff (Yin et al., PODC 2019) with a round-robin pacemaker. */
import { defineProtocol } from '../definition.ts';
import { HOTSTUFF_FAULT_MODEL } from './fault-model.ts';
import { HOTSTUFF_FORWARDED_TRANSACTIONS, HOTSTUFF_MESSAGE_KINDS, HOTSTUFF_REPLY_AUTHENTICATION } from './messages.ts';
import { hotstuffParamsSchema } from './params.ts';
import { PROPOSE_ON_LOCK } from '../definition.ts';
import { HotStuffReplica, type HotStuffOptions } from './replica.ts';

/** The HotStuff definition; `options` only for checker tests and the fuzzer's mutants (deliberately broken variants). */
export function makeHotStuffModule(options: HotStuffOptions = {}) {
  return defineProtocol({
    name: 'hotstuff',
    title: 'Chained HotStuff',
    reference: 'M. Yin, D. Malkhi, M. K. Reiter, G. Golan Gueta, I. Abraham, "HotStuff: BFT Consensus with Linearity and Responsiveness", PODC 2019',
    paramsSchema: hotstuffParamsSchema,
    faultModel: HOTSTUFF_FAULT_MODEL,
    messageKinds: HOTSTUFF_MESSAGE_KINDS,
    byzantineLevers: [PROPOSE_ON_LOCK],
    forwardedTransactions: HOTSTUFF_FORWARDED_TRANSACTIONS,
    // Any replica takes a request and forwards it to the next leader on its vote (replica.ts), and
    // the leader changes every view: clients spread over the replicas.
    clientRequests: 'any-replica',
    replyAuthentication: () => HOTSTUFF_REPLY_AUTHENTICATION,
    // Alone, the leader of every view is also the leader of the next: its vote forms the next QC
    // the instant it proposes, so its views (empty ones too: views never idle) follow each other
    // with no time between them. Pacing comes from the votes' round trip to another replica.
    minNodes: { count: 2, why: "a lone replica's own vote forms each next QC, so its views follow each other with no time between them" },
    createReplica: (ctx, config, app) => new HotStuffReplica(ctx, config, app, options),
  });
}

export const hotstuff = makeHotStuffModule();

export { HotStuffReplica, type HotStuffOptions } from './replica.ts';
export { hotstuffParamsSchema, type HotStuffParams, type Backoff } from './params.ts';
export { HOTSTUFF_FAULT_MODEL } from './fault-model.ts';
export type * from './messages.ts';
