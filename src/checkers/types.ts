/** What every checker offers: an observer for engine.observe, and a verdict at the end. */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CheckOutcome } from '../metrics/types.ts';

export interface Checker {
  readonly name: string;
  /** Pass to engine.observe; it only reads events. */
  readonly observe: (host: HostId, event: ModelEvent, timeUs: number) => void;
  /** Violations found so far. */
  readonly violationCount: number;
  /** The verdict once the run has ended at `endUs`. */
  outcome(endUs: number): CheckOutcome;
}

/** Which hosts run honest code (Byzantine replicas are excluded from the invariants). */
export type HonestPredicate = (host: HostId) => boolean;

export const ALL_HONEST: HonestPredicate = () => true;

/** First few violations, for a check's detail line. */
export function describeFirst<T>(items: readonly T[], show: (t: T) => string, limit = 3): string {
  const shown = items.slice(0, limit).map(show).join('; ');
  return items.length > limit ? `${shown}; and ${items.length - limit} more` : shown;
}
