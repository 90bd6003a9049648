/** Proof-of-authority with Clique's rules (EIP-225). */
import { defineProtocol } from '../definition.ts';
import { crashMaxFaulty } from '../fault-bounds.ts';
import { confirmationDepth, signerLimit, wiggleBoundUs } from './clique.ts';
import { PoaCollector } from './collector.ts';
import { POA_MESSAGE_KINDS, POA_REPLY_AUTHENTICATION } from './messages.ts';
import { poaParamsSchema } from './params.ts';
import { PoaReplica, type PoaOptions } from './replica.ts';

/** The Clique definition; `options` only for the fuzzer's deliberately broken variants. */
export function makePoaModule(options: PoaOptions = {}) {
  return defineProtocol({
    name: 'poa',
    title: 'Proof-of-Authority (Clique)',
    reference: 'P. Szilágyi, "EIP-225: Clique proof-of-authority consensus protocol", Ethereum Improvement Proposals, 2017',
    paramsSchema: poaParamsSchema,
    // A crash-fault model: signers that crash, fall silent or lag, a majority signing honestly;
    // safety is probabilistic (confirmations), as for proof of work. EIP-225's signer limit also
    // bounds what a misbehaving minority can seal, but Byzantine signers are run here only outside
    // the stated model (allowOutsideFaultModel), as for Raft.
    faultModel: {
      kind: 'crash',
      rule: 'n ≥ 2f + 1',
      maxFaulty: crashMaxFaulty,
      // The signer limit keeps ⌊N/2⌋ + 1 distinct signers in every window: a minority may fail.
      quorum: signerLimit,
      // The signer that took the request answers once the block is final.
      repliesNeeded: () => 1,
    },
    // A transaction waits for the next block and then for its confirmations; each block comes a
    // period after its parent, out-of-turn ones up to the wiggle bound later (EIP-225), and one
    // block more covers the transaction's way to a signer and an in-turn race lost.
    commitGapBoundUs: (params, n) => (confirmationDepth(params.confirmations, n) + 2) * (params.period + wiggleBoundUs(n, params.wiggle)),
    // EIP-225: a block's timestamp is at least its parent's plus the period.
    blockPeriod: { param: 'period', periodUs: (params) => params.period },
    messageKinds: POA_MESSAGE_KINDS,
    // Every signer takes requests and gossips the transactions (Ethereum's transaction pool).
    clientRequests: 'any-replica',
    replyAuthentication: () => POA_REPLY_AUTHENTICATION,
    createReplica: (ctx, config, app) => new PoaReplica(ctx, config, app, options),
    createCollector: () => new PoaCollector(),
  });
}

export const poa = makePoaModule();

export { PoaReplica, type PoaOptions } from './replica.ts';
export { PoaCollector } from './collector.ts';
export { poaParamsSchema, type PoaParams } from './params.ts';
export * from './clique.ts';
export type * from './events.ts';
export type * from './messages.ts';
