/**
 * The shortest episode a device's readings surely let an alert rule alarm, whatever the device's
 * phase, its jitter draws and its clock's drift within their bounds: below it, whether the rule
 * can alarm depends on where the readings fall, so a silence is the sampling's, not the system's.
 *
 * A rule alarms on a run of consecutive readings in the condition whose timestamps span at least
 * its hold (RuleState.feed, src/iomt/alert-rules.ts): the IEC 60601-1-8 (§6.1.2) alarm condition
 * delay (docs/references.md §1) is judged on readings, not on the signal between them. Leaving
 * noise aside, the readings that see an episode [start, end) are those whose measured instant
 * (sent time less the processing lag, the same for every reading) falls in it. Gaps between a
 * periodic device's readings lie in [Δ − J, Δ + J] (src/iomt/device.ts); let g = Δ + J, r₁ … rₘ
 * the readings in the episode, r₀ the one before and rₘ₊₁ the one after. Then the episode lasts
 * D < rₘ₊₁ − r₀ ≤ 2g + S, with S = rₘ − r₁ the span the rule sees. The rule misses the episode
 * when S, read on the device's clock, falls short of the hold: S < H, H the hold in true time
 * for the slowest clock within the drift bound. S is a sum of n gaps and takes any value in
 * [n(Δ − J), n(Δ + J)]; the most it can be below H is S* = min(n(Δ + J), H) for the largest n
 * with n(Δ − J) < H. Readings a gap g outside both ends with S just below S* miss every episode
 * shorter than 2g + S*, and no readings miss a longer one. Without jitter or drift, with a hold a
 * whole number of intervals, that is hold + Δ: a once-a-minute device under a 60 s hold surely
 * alarms a 120 s episode, and a 60 s one never (it holds one reading).
 * Event-driven readings (exponential gaps) can miss an episode of any length.
 */

/** How a device's readings fall in time, as far as alarming goes (its profile, src/iomt/device-kinds/). */
export interface ReadingTimes {
  readonly intervalUs: number;
  readonly jitterUs: number;
  readonly eventDriven: boolean;
  /** Bound on the device clock's drift; 0 for a perfect clock. */
  readonly clockDriftPpm: number;
}

/** The shortest episode (µs) readings timed as `times` surely show a rule holding `holdUs` for its whole hold. */
export function surelyAlarmableUs(holdUs: number, times: ReadingTimes): number {
  if (times.eventDriven) return Infinity;
  // Gaps are drawn whole microseconds, at least 1 (device.ts nextGapUs).
  const shortestGapUs = Math.max(1, times.intervalUs - times.jitterUs);
  const longestGapUs = times.intervalUs + times.jitterUs;
  // A drifting clock reads a span short by up to its drift, and each timestamp is rounded to the µs.
  const holdTrueUs = times.clockDriftPpm > 0 ? (holdUs + 1) / (1 - times.clockDriftPpm * 1e-6) : holdUs;
  const gapsBelowHold = Math.ceil(holdTrueUs / shortestGapUs) - 1;
  const longestSpanMissedUs = Math.min(gapsBelowHold * longestGapUs, holdTrueUs);
  return 2 * longestGapUs + longestSpanMissedUs;
}
