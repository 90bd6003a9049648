/** Chained HotStuff (Yin et al., PODC 2019) with a round-robin pacemaker. */
import type { ProtocolModule } from '../types.ts';
import { HOTSTUFF_PARAMETER_DOCS } from './params.ts';
import { HotStuffReplica, type HotStuffOptions } from './replica.ts';

/** The HotStuff module; `options` only for checker tests (a broken quorum). */
export function makeHotStuffModule(options: HotStuffOptions = {}): ProtocolModule {
  return {
    name: 'hotstuff',
    title: 'Chained HotStuff',
    reference: 'M. Yin, D. Malkhi, M. K. Reiter, G. Golan Gueta, I. Abraham, "HotStuff: BFT Consensus with Linearity and Responsiveness", PODC 2019',
    faultModel: 'byzantine',
    parameters: HOTSTUFF_PARAMETER_DOCS,
    // §3: n ≥ 3f + 1.
    maxFaulty: (n) => Math.floor((n - 1) / 3),
    // A client accepts a result once f + 1 replicas report it: at least one is honest.
    repliesNeeded: (n) => Math.floor((n - 1) / 3) + 1,
    createReplica: (ctx, config, app) => new HotStuffReplica(ctx, config, app, options),
  };
}

export const hotstuff: ProtocolModule = makeHotStuffModule();

export { HotStuffReplica, type HotStuffOptions } from './replica.ts';
export { hotstuffParams, HOTSTUFF_DEFAULTS, type HotStuffParams, type Backoff } from './params.ts';
export type * from './messages.ts';
