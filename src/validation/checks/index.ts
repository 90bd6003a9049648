/** Every validation check, in report order. */
import type { ValidationCheck } from '../types.ts';
import { queueingChecks } from './queueing.ts';

export function allChecks(): ValidationCheck[] {
  return [...queueingChecks()];
}
