/** Proof-of-authority with Clique's rules (EIP-225). */
import type { ProtocolModule } from '../types.ts';
import { POA_PARAMETER_DOCS } from './params.ts';
import { PoaCollector } from './collector.ts';
import { PoaReplica } from './replica.ts';

export const poa: ProtocolModule = {
  name: 'poa',
  title: 'Proof-of-Authority (Clique)',
  reference: 'P. Szilágyi, "EIP-225: Clique proof-of-authority consensus protocol", Ethereum Improvement Proposals, 2017',
  // Clique tolerates signers that crash or misbehave while a majority signs honestly; safety here
  // is probabilistic (confirmations), as for proof of work.
  faultModel: 'crash',
  parameters: POA_PARAMETER_DOCS,
  // The signer limit keeps ⌊N/2⌋ + 1 distinct signers in every window: a minority may fail.
  maxFaulty: (n) => Math.floor((n - 1) / 2),
  // The signer that took the request answers once the block is final.
  repliesNeeded: () => 1,
  createReplica: (ctx, config, app) => new PoaReplica(ctx, config, app),
  createCollector: () => new PoaCollector(),
};

export { PoaReplica } from './replica.ts';
export { PoaCollector } from './collector.ts';
export { poaParams, POA_DEFAULTS, type PoaParams } from './params.ts';
export * from './clique.ts';
export type * from './events.ts';
export type * from './messages.ts';
