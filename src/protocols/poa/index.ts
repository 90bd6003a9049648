/** Proof-of-authority with Clique's rules (EIP-225). */
import { defineProtocol } from '../definition.ts';
import { crashMaxFaulty } from '../fault-bounds.ts';
import { signerLimit } from './clique.ts';
import { PoaCollector } from './collector.ts';
import { POA_MESSAGE_KINDS } from './messages.ts';
import { poaParamsSchema } from './params.ts';
import { PoaReplica, type PoaOptions } from './replica.ts';

/** The Clique definition; `options` only for the fuzzer's deliberately broken variants. */
export function makePoaModule(options: PoaOptions = {}) {
  return defineProtocol({
    name: 'poa',
    title: 'Proof-of-Authority (Clique)',
    reference: 'P. Szilágyi, "EIP-225: Clique proof-of-authority consensus protocol", Ethereum Improvement Proposals, 2017',
    paramsSchema: poaParamsSchema,
    // Clique tolerates signers that crash or misbehave while a majority signs honestly; safety here
    // is probabilistic (confirmations), as for proof of work.
    faultModel: {
      kind: 'crash',
      rule: 'n ≥ 2f + 1',
      maxFaulty: crashMaxFaulty,
      // The signer limit keeps ⌊N/2⌋ + 1 distinct signers in every window: a minority may fail.
      quorum: signerLimit,
      // The signer that took the request answers once the block is final.
      repliesNeeded: () => 1,
    },
    messageKinds: POA_MESSAGE_KINDS,
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
