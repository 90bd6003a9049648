/** Every validation check, in report order. */
import type { ValidationCheck } from '../types.ts';
import { costModelChecks } from './cost-model.ts';
import { idealNetworkChecks } from './ideal-network.ts';
import { IDEAL_PROTOCOLS } from './protocols.ts';
import { queueingChecks } from './queueing.ts';
import { doubleSpendChecks } from './double-spend.ts';
import { powNetworkChecks } from './pow-network.ts';
import { selfishMiningChecks } from './selfish-mining.ts';
import { simblockAgreementChecks } from './simblock-agreement.ts';

/**
 * `seedOffset` shifts the seeds of every check whose simulation draws random numbers (0: the
 * shipped seeds), so a user can see whether a verdict depends on them. The ideal-network and
 * incast checks run fixed latencies and draw nothing that changes their numbers.
 */
export function allChecks(seedOffset = 0): ValidationCheck[] {
  return [
    ...selfishMiningChecks(seedOffset),
    ...doubleSpendChecks(seedOffset),
    ...IDEAL_PROTOCOLS.flatMap(idealNetworkChecks),
    ...queueingChecks(seedOffset),
    ...costModelChecks(seedOffset),
    ...powNetworkChecks(seedOffset),
    ...simblockAgreementChecks(seedOffset),
  ];
}
