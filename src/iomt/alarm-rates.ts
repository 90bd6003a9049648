/**
 * Detector alarms per hour of the measurement window, by detector: `cusum:interarrival` →
 * `detect.cusum_interarrival.alarms_per_hour`. In a run without attacks every alarm is a false
 * alarm, so this is the rate a detector's design is held to (docs/references.md §9); device
 * detectors are also scored against ground truth, an empty one without device attacks
 * (src/attacks/iomt/detection.ts).
 */
import type { Metrics } from '../metrics/types.ts';
import { detectorMetricPrefix } from './detector-bank.ts';

const HOUR_US = 3_600_000_000;

export class AlarmRates {
  private readonly counts = new Map<string, number>();

  /** `detectors`: the configured detectors' names, reported even when they never alarm. */
  constructor(detectors: readonly string[], private readonly fromUs: number) {
    for (const d of detectors) this.counts.set(d, 0);
  }

  add(detector: string, timeUs: number): void {
    if (timeUs >= this.fromUs) this.counts.set(detector, (this.counts.get(detector) ?? 0) + 1);
  }

  metrics(toUs: number): Metrics {
    const hours = (toUs - this.fromUs) / HOUR_US;
    const out: Metrics = {};
    for (const [detector, n] of [...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      out[`${detectorMetricPrefix(detector)}.alarms_per_hour`] = { unit: 'alarms/h', value: hours > 0 ? n / hours : NaN };
    }
    return out;
  }
}
