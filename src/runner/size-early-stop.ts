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
 * runs do: the stop is sound, the probe's verdict is the one the full runs would give. Nothing is
 * decided to pass early; conditions bounded from below (`>=`, `>`, `!=`) are never decided early.
 *
 * A replication that ends with an SLO's metric undefined (NaN: a latency where nothing committed)
 * decides too, whatever the condition: a metric some replication left undefined fails its SLO
 * whatever the others give (verdict.ts, judgeReplications), so the full runs would fail the probe as well.
 *
 * Only a replication's own evidence is used, not the sum of all of them: the others' bounds at a
 * given moment depend on thread timing, and the records kept must not (size-probe.ts).
 */
import type { RunWatch } from '../metrics/interim-bounds.ts';
import type { Condition } from '../scenario/index.ts';
import { ProbeBoard, ROW_FINISHED, ROW_RUNNING, type BoardRow } from './probe-board.ts';

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

/** Why a replication alone shows the probe fails SLO `slo` (its index). */
export type EarlyFailure =
  /** The probe's mean of the metric cannot go below `meanAtLeast`, already past the SLO's limit. */
  | { readonly kind: 'bound'; readonly slo: number; readonly meanAtLeast: number }
  /** The replication ran to its end and left the metric undefined. */
  | { readonly kind: 'undefined'; readonly slo: number };

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
    if (failsFromBelow(slo.condition, meanAtLeast)) return { kind: 'bound', slo: k, meanAtLeast };
  }
  return undefined;
}

/**
 * The first SLO that replication row's board row alone shows the probe fails: once it has finished,
 * a metric it left undefined (judged first, as the full runs' verdict is: judgeReplications fails it
 * whatever the mean), else its own lower bounds (ownFailure).
 */
export function rowFailure(slos: readonly WatchedSlo[], row: BoardRow, replications: number): EarlyFailure | undefined {
  const undefinedSlo = row.state === ROW_FINISHED ? slos.findIndex((_, k) => !Number.isFinite(row.now[k] ?? NaN)) : -1;
  if (undefinedSlo >= 0) return { kind: 'undefined', slo: undefinedSlo };
  return ownFailure(slos, row.atLeast, replications);
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

/**
 * A probe's early stop as printed, one wording for the terminal, the reports and `size`'s progress:
 * "stopped early: replication 0 at 8 s" (a bound past the limit, how far the run had got), or
 * "stopped early: replication 1 left toy.latency_ms.mean undefined".
 */
export function stoppedEarlyText(early: { readonly replication: number; readonly atUs: number; readonly undefinedMetric?: string | undefined }, seconds: (s: number) => string): string {
  const why = early.undefinedMetric === undefined ? `at ${seconds(early.atUs / 1e6)} s` : `left ${early.undefinedMetric} undefined`;
  return `stopped early: replication ${early.replication} ${why}`;
}
