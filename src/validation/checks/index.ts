/** Every validation check, in report order. */
import type { ValidationCheck } from '../types.ts';
import { idealNetworkChecks } from './ideal-network.ts';
import { IDEAL_PROTOCOLS } from './protocols.ts';
import { queueingChecks } from './queueing.ts';

export function allChecks(): ValidationCheck[] {
  return [...IDEAL_PROTOCOLS.flatMap(idealNetworkChecks), ...queueingChecks()];
}
