/** PBFT as a protocol module (Castro & Liskov, OSDI 1999). */
import type { ProtocolModule } from '../types.ts';
import { PBFT_PARAMETER_DOCS } from './params.ts';
import { PbftReplica, type PbftOptions } from './replica.ts';

export { PbftReplica, type PbftOptions } from './replica.ts';
export { pbftParams, PBFT_DEFAULTS, type PbftParams } from './params.ts';
export type * from './messages.ts';

/** A PBFT module; `options` exists for the deliberately broken variants that checker tests need. */
export function makePbftModule(options: PbftOptions = {}): ProtocolModule {
  return {
    name: 'pbft',
    title: 'Practical Byzantine Fault Tolerance',
    reference: 'M. Castro and B. Liskov, "Practical Byzantine Fault Tolerance", OSDI 1999',
    faultModel: 'byzantine',
    parameters: PBFT_PARAMETER_DOCS,
    maxFaulty: (n) => Math.floor((n - 1) / 3),
    // §4.1: f + 1 matching replies, so at least one comes from a non-faulty replica.
    repliesNeeded: (n) => Math.floor((n - 1) / 3) + 1,
    createReplica: (ctx, config, app) => new PbftReplica(ctx, config, app, options),
  };
}

export const pbft: ProtocolModule = makePbftModule();
