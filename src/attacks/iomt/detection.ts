/**
 * Detectors scored against ground truth: the devices an attack made malicious (labelled by the
 * attack when it acted) are the positives, those whose stream an attack altered without making
 * them malicious (replayed, tampered) neither, every other device a negative. A detector's alarms
 * ({ kind: 'alarm', subject: 'device:<id>' }) are matched to those labels, never to the detector's
 * own output: detection rate = positives alarmed during their window (or still in alarm, from an
 * earlier alarm not yet cleared, when it opened) ÷ positives; false-positive
 * rate = negatives alarmed ÷ negatives; time to detect = first alarm − start of the label, over
 * those alarmed inside their window (an alarm raised before the attack times nothing); false
 * alarms per hour = alarms in the measurement window on devices that carried no device label
 * (compromised or attacked stream) when they alarmed, every alarm counted, ÷ the window's hours.
 *
 * Every configured device detector is scored whenever it runs, with or without attacks: false alarms
 * per hour and the false-positive rate always (in a run that compromised no device every device is
 * a negative and every alarm false: the rate a detector's design is held to), detection rate and
 * time to detect only where some device was compromised (with none there is nothing to detect, and
 * a 0 would read as a miss).
 */
import type { Engine, ModelEvent } from '../../../sim/index.ts';
import type { IomtWorld } from '../../iomt/world.ts';
import type { Metrics } from '../../metrics/types.ts';
import type { GroundTruth, GroundTruthLabel } from '../ground-truth.ts';
import { detectorMetricPrefix, detectorName } from '../../iomt/detector-bank.ts';
import { AlarmSpans } from './alarm-spans.ts';

const HOUR_US = 3_600_000_000;

interface AlarmLike extends ModelEvent {
  readonly detector?: string;
  readonly subject?: string;
}

export class DetectionScorer {
  /** Scored whether or not they alarm (see the constructor). */
  private readonly detectors: readonly string[];
  /** detector → device alarms in the measurement window on a device no attack labelled at the time. */
  private readonly falseAlarms = new Map<string, number>();
  private readonly spans = new AlarmSpans<number>();

  /**
   * `window`: the measurement window (after the scenario's warm-up), for false alarms per hour.
   * `detectors`: the device-scope detectors the scenario configures, scored whether or not they
   * alarm: one that never alarms has detected nothing (0), which a score left out would hide, and
   * a mean over replications would then count only those where it alarmed.
   */
  constructor(
    engine: Engine,
    private readonly truth: GroundTruth,
    private readonly deviceCount: number,
    private readonly window: { readonly fromUs: number; readonly toUs: number },
    detectors: readonly string[],
  ) {
    this.detectors = detectors;
    engine.observe((_h, e, timeUs) => {
      if (e.kind !== 'alarm' && e.kind !== 'alarm-clear') return;
      const a = e as AlarmLike;
      if (typeof a.detector !== 'string' || typeof a.subject !== 'string' || !a.subject.startsWith('device:')) return;
      const device = Number(a.subject.slice(7));
      if (e.kind === 'alarm-clear') {
        this.spans.cleared(a.detector, device, timeUs);
        return;
      }
      this.spans.raised(a.detector, device, timeUs);
      if (timeUs >= window.fromUs && !truth.isLabelledAt('device', device, timeUs)) this.falseAlarms.set(a.detector, (this.falseAlarms.get(a.detector) ?? 0) + 1);
    });
  }

  metrics(): Metrics {
    // A label whose window opens at or after the run's end marks a device no attack touched in it.
    const positives = this.truth.all('device', 'compromised-device').filter((l) => l.fromUs < this.window.toUs);
    const positiveIds = new Set(positives.map((l) => l.id as number));
    // A device whose stream an attack altered (replayed, tampered) without compromising it is
    // neither: an alarm on it is no miss and no false alarm, as false alarms per hour count it.
    const neither = new Set(this.truth.all('device').filter((l) => l.fromUs < this.window.toUs && !positiveIds.has(l.id as number)).map((l) => l.id));
    const negatives = this.deviceCount - positiveIds.size - neither.size;
    const out: Metrics = {};
    const hours = (this.window.toUs - this.window.fromUs) / HOUR_US;
    for (const detector of this.spans.scoredDetectors(this.detectors)) {
      out[`${detectorMetricPrefix(detector)}.false_alarms_per_hour`] = { unit: 'alarms/h', value: (this.falseAlarms.get(detector) ?? 0) / hours };
      Object.assign(out, detectorScores(detector, positives, negatives, this.spans, (device, t) => this.truth.isLabelledAt('device', device, t), neither));
    }
    return out;
  }
}

/**
 * The scorer of `world`'s configured device detectors against `truth`: the device attacks' ground
 * truth, or an empty one in a run without device attacks (every device a negative). Undefined when
 * the scenario configures no device detector.
 */
export function deviceDetectionScorer(world: IomtWorld, truth: GroundTruth): DetectionScorer | undefined {
  const detectors = world.config.detectors.filter((d) => d.scope === 'device').map(detectorName);
  if (detectors.length === 0) return undefined;
  return new DetectionScorer(world.engine, truth, world.topology.devices.length, { fromUs: world.config.warmupUs, toUs: world.config.durationUs }, detectors);
}

/**
 * One detector's scores against ground truth: `positives` are the labels of the malicious subjects
 * (each with its window), `negatives` how many subjects carry none, `spans` when each subject was
 * in alarm, whose first alarm counts (the first inside a window of its, `labelledAt`, where it has
 * one). Detection rate = positives
 * alarmed inside their window ÷ positives; false-positive rate = other subjects alarmed ÷
 * negatives; time to detect = mean of first alarm − start of the window, over those detected.
 * Subjects in `neither` (attacked without being made malicious) count in no rate. A positive
 * `inAlarmAt` its window's start (alarmed before it and not back in control) is detected too: it
 * raises no new alarm, its detector flagged it all along; it adds nothing to the time to detect.
 * Without positives only the false-positive rate: detection rate and time to detect are left out.
 */
export function detectorScores<Subject extends number | string>(
  detector: string,
  positives: readonly GroundTruthLabel[],
  negatives: number,
  spans: AlarmSpans<Subject>,
  labelledAt: (subject: Subject, timeUs: number) => boolean,
  neither: ReadonlySet<number | string> = new Set(),
): Metrics {
  const firstAlarm: ReadonlyMap<number | string, number> = spans.firstAlarms(detector, labelledAt);
  const inAlarmAt = (id: number | string, timeUs: number): boolean => spans.inAlarmAt(detector, id as Subject, timeUs);
  // A subject is one positive however many windows label it (two attacks on one device, or one
  // attack twice): detected when its first alarm inside a window of its falls in one of them.
  const windowsOf = new Map<number | string, GroundTruthLabel[]>();
  for (const l of positives) windowsOf.set(l.id, [...(windowsOf.get(l.id) ?? []), l]);
  let detected = 0, timed = 0, ttdSum = 0, falsePositives = 0;
  for (const [id, windows] of windowsOf) {
    const t = firstAlarm.get(id);
    const hit = t === undefined ? undefined : windows.find((l) => t >= l.fromUs && t < l.toUs);
    if (hit !== undefined) {
      detected++;
      timed++;
      ttdSum += t! - hit.fromUs;
    } else if (windows.some((l) => inAlarmAt(id, l.fromUs))) {
      detected++;
    }
  }
  for (const subject of firstAlarm.keys()) if (!windowsOf.has(subject) && !neither.has(subject)) falsePositives++;
  const name = detectorMetricPrefix(detector);
  const out: Metrics = {};
  if (windowsOf.size > 0) out[`${name}.detection_rate`] = { unit: 'ratio', value: detected / windowsOf.size };
  out[`${name}.false_positive_rate`] = { unit: 'ratio', value: negatives > 0 ? falsePositives / negatives : 0 };
  if (timed > 0) out[`${name}.time_to_detect_ms`] = { unit: 'ms', value: ttdSum / timed / 1000 };
  return out;
}
