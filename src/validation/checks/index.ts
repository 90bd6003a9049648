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

export function allChecks(): ValidationCheck[] {
  return [
    ...selfishMiningChecks(),
    ...doubleSpendChecks(),
    ...IDEAL_PROTOCOLS.flatMap(idealNetworkChecks),
    ...queueingChecks(),
    ...costModelChecks(),
    ...powNetworkChecks(),
    ...simblockAgreementChecks(),
  ];
}
