/** PBFT as a protocol definition (Castro & Liskov, OSDI 1999). */
import { defineProtocol } from '../definition.ts';
import { PBFT_FAULT_MODEL } from './fault-model.ts';
import { PBFT_MESSAGE_KINDS, pbftReplyAuthentication } from './messages.ts';
import { pbftParamsSchema } from './params.ts';
import { PbftReplica, type PbftOptions } from './replica.ts';

export { PbftReplica, type PbftOptions } from './replica.ts';
export { pbftParamsSchema, type PbftParams } from './params.ts';
export { PBFT_FAULT_MODEL } from './fault-model.ts';
export type * from './messages.ts';

/** The PBFT definition; `options` exists for the deliberately broken variants that checker tests need. */
export function makePbftModule(options: PbftOptions = {}) {
  return defineProtocol({
    name: 'pbft',
    title: 'Practical Byzantine Fault Tolerance',
    reference: 'M. Castro and B. Liskov, "Practical Byzantine Fault Tolerance", OSDI 1999',
    paramsSchema: pbftParamsSchema,
    faultModel: PBFT_FAULT_MODEL,
    messageKinds: PBFT_MESSAGE_KINDS,
    // A client sends to the primary of the view it knows and learns a new one from the replies (§4.1).
    clientRequests: 'primary',
    replyAuthentication: (params) => pbftReplyAuthentication(params.auth),
    createReplica: (ctx, config, app) => new PbftReplica(ctx, config, app, options),
  });
}

export const pbft = makePbftModule();
