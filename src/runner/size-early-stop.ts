/**
 * Stopping a probe of `iomtsim size` once one of its SLOs has failed for good.
 *
 * A probe passes an SLO when the mean of the metric over its R replications meets the condition
 * (size.ts, judgeSlos). A replication reports, as it runs, what its final value of the metric
 * cannot go below (src/metrics/interim-bounds.ts: a counter only grows; a latency quantile or mean
 * cannot fall below the bound set by the most samples the run can still record). Such bounds exist
 * only for metrics that are never negative, so the other replications' final values are at least
 * 0, and the probe's mean is at least (this replication's bound) / R. When that already breaks an
 * upper-bound condition (`<=`, `<`, `==`), the final mean breaks it too, whatever the rest of the
 * runs do: the stop is sound, the probe's verdict is the one the full runs would give. (A
 * replication whose metric ends undefined, NaN, fails the SLO by itself, judgeMean in summary.ts:
 * the full runs fail it either way.) Nothing is decided to pass early; conditions bounded from
 * below (`>=`, `>`, `!=`) are never decided early.
 *
 * Only a replication's own bound is used, not the sum of all of them: the others' bounds at a
 * given moment depend on thread timing, and the records kept must not (size-probe.ts).
 */
import type { RunWatch } from '../metrics/interim-bounds.ts';
import type { Condition } from '../scenario/index.ts';
import { ProbeBoard, ROW_RUNNING } from './probe-board.ts';

export interface WatchedSlo {
  readonly metric: string;
  readonly condition: Condition;
}

/** What a replication task carries to be watched (plain data; the board's memory is shared). */
export interface ProbeWatchSpec {
  readonly board: SharedArrayBuffer;
  readonly replications: number;
  readonly row: number;
  readonly everyUs: number;
  readonly slos: readonly WatchedSlo[];
}

export interface EarlyFailure {
  /** Index of the SLO that failed. */
  readonly slo: number;
  /** What the probe's mean of its metric cannot go below: already past the SLO's limit. */
  readonly meanAtLeast: number;
}

/** The condition fails for every value at or above `atLeast`. */
function failsFromBelow(condition: Condition, atLeast: number): boolean {
  switch (condition.op) {
    case '<=':
    case '==':
      return atLeast > condition.value;
    case '<':
      return atLeast >= condition.value;
    default:
      return false;
  }
}

/**
 * The first SLO that replication row alone already fails, from its own lower bounds `atLeast`: the
 * others count as 0, the least a metric with bounds can be. Deciding on one replication's own
 * evidence keeps the decision independent of how far the others got (size-probe.ts).
 */
export function ownFailure(slos: readonly WatchedSlo[], atLeast: readonly number[], replications: number): EarlyFailure | undefined {
  for (const [k, slo] of slos.entries()) {
    const bound = atLeast[k];
    if (bound === undefined || !Number.isFinite(bound)) continue;
    const meanAtLeast = bound / replications;
    if (failsFromBelow(slo.condition, meanAtLeast)) return { slo: k, meanAtLeast };
  }
  return undefined;
}

/** The watch a watched replication runs with: post to its row; stop once it or an earlier replication has shown the probe fails. */
export function boardWatch(spec: ProbeWatchSpec): RunWatch {
  const board = new ProbeBoard(spec.board, spec.replications, spec.slos.length);
  return {
    everyUs: spec.everyUs,
    metrics: spec.slos.map((s) => s.metric),
    onInterim(snapshot) {
      const now = spec.slos.map((s) => snapshot.metrics[s.metric]?.now ?? NaN);
      const atLeast = spec.slos.map((s) => snapshot.metrics[s.metric]?.atLeast ?? NaN);
      board.write(spec.row, { state: ROW_RUNNING, simulatedUs: snapshot.simulatedUs, now, atLeast });
      if (board.stopFrom < spec.row) return true;
      if (ownFailure(spec.slos, atLeast, spec.replications) === undefined) return false;
      board.lowerStopFrom(spec.row);
      return true;
    },
  };
}
