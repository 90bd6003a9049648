import { describe, expect, it } from 'vitest';
import type { Engine, ModelEventObserver } from '../../../sim/index.ts';
import type { AlarmClearEvent, AlarmEvent } from '../../iomt/detectors.ts';
import { GroundTruth } from '../ground-truth.ts';
import { AlarmSpans } from './alarm-spans.ts';
import { DetectionScorer, detectorScores } from './detection.ts';

const HOUR_US = 3_600_000_000;

/** A scorer over `devices` devices, measuring from 1 h to 3 h; alarms are fed by hand. */
function scorer(truth: GroundTruth, devices: number, configured: readonly string[] = []) {
  let observer: ModelEventObserver | undefined;
  const engine = { observe: (fn: ModelEventObserver) => { observer = fn; } } as unknown as Engine;
  const s = new DetectionScorer(engine, truth, devices, { fromUs: HOUR_US, toUs: 3 * HOUR_US }, configured);
  const alarm = (detector: string, subject: string, atUs: number): void => {
    const e: AlarmEvent = { kind: 'alarm', detector, subject, timeUs: atUs };
    observer!(0, e, atUs);
  };
  const clear = (detector: string, subject: string, atUs: number): void => {
    const e: AlarmClearEvent = { kind: 'alarm-clear', detector, subject, timeUs: atUs };
    observer!(0, e, atUs);
  };
  return { alarm, clear, metrics: () => s.metrics() };
}

describe('DetectionScorer', () => {
  it('counts a compromised device still in alarm when its window opens as detected, adding nothing to the time to detect', () => {
    const truth = new GroundTruth();
    truth.label('device', 1, 'flood', 'compromised-device', 2 * HOUR_US);
    truth.label('device', 2, 'flood', 'compromised-device', 2 * HOUR_US);
    const { alarm, clear, metrics } = scorer(truth, 10);
    // Device 1: a false alarm at 1.5 h never cleared before the attack at 2 h; device 2 alarms 30 s in.
    alarm('ewma:value', 'device:1', 1.5 * HOUR_US);
    alarm('ewma:value', 'device:2', 2 * HOUR_US + 30_000_000);
    let m = metrics();
    expect(m['detect.ewma_value.detection_rate']!.value).toBe(1);
    expect(m['detect.ewma_value.time_to_detect_ms']!.value).toBe(30_000);
    // Back in control before the attack: a miss.
    clear('ewma:value', 'device:1', 1.9 * HOUR_US);
    m = metrics();
    expect(m['detect.ewma_value.detection_rate']!.value).toBe(1 / 2);
  });

  it('scores a detector against the compromised devices: detected within the window, time to the first such alarm, false positives among the rest', () => {
    const truth = new GroundTruth();
    truth.label('device', 1, 'flood', 'compromised-device', 2 * HOUR_US, 2.5 * HOUR_US);
    truth.label('device', 2, 'flood', 'compromised-device', 2 * HOUR_US);
    truth.label('device', 3, 'flood', 'compromised-device', 2 * HOUR_US);
    truth.label('device', 6, 'flood', 'compromised-device', 1.2 * HOUR_US, 1.3 * HOUR_US);
    const { alarm, clear, metrics } = scorer(truth, 10);
    // Device 1 alarms before its window, then 60 s into it; device 2 never; device 3 only before
    // its window (back in control before it opens), device 6 only after; device 5 (honest) twice.
    alarm('cusum:interarrival', 'device:1', 1.5 * HOUR_US);
    clear('cusum:interarrival', 'device:1', 1.6 * HOUR_US);
    alarm('cusum:interarrival', 'device:3', 1.5 * HOUR_US);
    clear('cusum:interarrival', 'device:3', 1.6 * HOUR_US);
    alarm('cusum:interarrival', 'device:6', 1.4 * HOUR_US);
    alarm('cusum:interarrival', 'device:1', 2 * HOUR_US + 60_000_000);
    alarm('cusum:interarrival', 'device:5', 1.2 * HOUR_US);
    alarm('cusum:interarrival', 'device:5', 1.4 * HOUR_US);
    const m = metrics();
    expect(m['detect.cusum_interarrival.detection_rate']!.value).toBe(1 / 4);
    expect(m['detect.cusum_interarrival.time_to_detect_ms']!.value).toBe(60_000);
    expect(m['detect.cusum_interarrival.false_positive_rate']!.value).toBe(1 / 6);
  });

  it('counts as false alarms per hour every alarm after warm-up on a device not labelled at the time', () => {
    const truth = new GroundTruth();
    truth.label('device', 1, 'flood', 'compromised-device', 2 * HOUR_US);
    const { alarm, metrics } = scorer(truth, 10);
    alarm('z:value', 'device:3', 0.5 * HOUR_US);
    alarm('z:value', 'device:3', 1.5 * HOUR_US);
    alarm('z:value', 'device:3', 1.6 * HOUR_US);
    alarm('z:value', 'device:1', 1.7 * HOUR_US);
    alarm('z:value', 'device:1', 2.1 * HOUR_US);
    alarm('z:value', 'gateway:0', 2.2 * HOUR_US);
    expect(metrics()['detect.z_value.false_alarms_per_hour']!.value).toBe(3 / 2);
  });

  it('scores a configured detector that never alarmed: nothing detected, no false alarm, no time to detect', () => {
    const truth = new GroundTruth();
    truth.label('device', 1, 'flood', 'compromised-device', 2 * HOUR_US);
    const { alarm, metrics } = scorer(truth, 10, ['cusum:interarrival', 'z:value']);
    alarm('z:value', 'device:1', 2.1 * HOUR_US);
    const m = metrics();
    expect(m['detect.cusum_interarrival.detection_rate']!.value).toBe(0);
    expect(m['detect.cusum_interarrival.false_positive_rate']!.value).toBe(0);
    expect(m['detect.cusum_interarrival.false_alarms_per_hour']!.value).toBe(0);
    expect(m['detect.cusum_interarrival.time_to_detect_ms']).toBeUndefined();
    expect(m['detect.z_value.detection_rate']!.value).toBe(1);
  });

  it('reports false alarms per hour in a run whose attacks compromised no device, and no detection rate', () => {
    const { alarm, metrics } = scorer(new GroundTruth(), 10, ['cusum:interarrival']);
    alarm('cusum:interarrival', 'device:4', 2 * HOUR_US);
    const m = metrics();
    expect(m['detect.cusum_interarrival.false_alarms_per_hour']!.value).toBe(1 / 2);
    expect(m['detect.cusum_interarrival.detection_rate']).toBeUndefined();
    expect(m['detect.cusum_interarrival.time_to_detect_ms']).toBeUndefined();
  });

  it('reports the false-positive rate over every device in a run that compromised none: devices alarmed on ÷ devices', () => {
    const { alarm, metrics } = scorer(new GroundTruth(), 10, ['cusum:interarrival', 'z:value']);
    // Device 4 twice (one device), device 7 once during the warm-up: 2 of 10 devices.
    alarm('cusum:interarrival', 'device:4', 2 * HOUR_US);
    alarm('cusum:interarrival', 'device:4', 2.5 * HOUR_US);
    alarm('cusum:interarrival', 'device:7', 0.5 * HOUR_US);
    const m = metrics();
    expect(m['detect.cusum_interarrival.false_positive_rate']!.value).toBe(2 / 10);
    expect(m['detect.z_value.false_positive_rate']!.value).toBe(0);
  });

  it('counts a device whose stream was replayed, not compromised, in neither rate, as false alarms per hour do', () => {
    const truth = new GroundTruth();
    truth.label('device', 1, 'flood', 'compromised-device', 2 * HOUR_US);
    truth.label('device', 5, 'replay', 'attacked-stream', 2 * HOUR_US);
    const { alarm, metrics } = scorer(truth, 10, ['z:value']);
    alarm('z:value', 'device:5', 2.5 * HOUR_US);
    alarm('z:value', 'device:8', 2.5 * HOUR_US);
    const m = metrics();
    // Device 8 of the 8 devices neither compromised nor attacked (0, 2-4, 6-9).
    expect(m['detect.z_value.false_positive_rate']!.value).toBe(1 / 8);
    expect(m['detect.z_value.false_alarms_per_hour']!.value).toBe(1 / 2);
    expect(m['detect.z_value.detection_rate']!.value).toBe(0);
  });

  it('counts a device labelled by two windows (two attacks, or one twice) once, detected by an alarm in either', () => {
    const truth = new GroundTruth();
    truth.label('device', 1, 'flood', 'compromised-device', 1.2 * HOUR_US, 1.4 * HOUR_US);
    truth.label('device', 1, 'flood', 'compromised-device', 2 * HOUR_US, 2.2 * HOUR_US);
    const { alarm, metrics } = scorer(truth, 10);
    alarm('cusum:interarrival', 'device:1', 2 * HOUR_US + 30_000_000);
    const m = metrics();
    expect(m['detect.cusum_interarrival.detection_rate']!.value).toBe(1);
    expect(m['detect.cusum_interarrival.time_to_detect_ms']!.value).toBe(30_000);
    expect(m['detect.cusum_interarrival.false_positive_rate']!.value).toBe(0);
  });

  it('scores no detection when the only attack opens at or after the run\'s end: no device was compromised in it', () => {
    const truth = new GroundTruth();
    truth.label('device', 1, 'flood', 'compromised-device', 3 * HOUR_US);
    const { metrics } = scorer(truth, 10, ['cusum:interarrival']);
    expect(metrics()['detect.cusum_interarrival.detection_rate']).toBeUndefined();
  });

  it('scores subjects named by strings alike (the insider detectors score clinicians by pseudonym)', () => {
    const truth = new GroundTruth();
    const insider = truth.label('access', 'cl_a', 'insider', 'insider', 100, 200);
    const spans = new AlarmSpans<string>();
    // cl_a: a false alarm before its window, then one inside it (the one that counts); cl_b: one alarm, a false positive.
    spans.raised('ewma:access_rate', 'cl_a', 50);
    spans.cleared('ewma:access_rate', 'cl_a', 60);
    spans.raised('ewma:access_rate', 'cl_a', 150);
    spans.raised('ewma:access_rate', 'cl_b', 120);
    const m = detectorScores('ewma:access_rate', [insider], 4, spans, (who, t) => truth.isLabelledAt('access', who, t));
    expect(m['detect.ewma_access_rate.detection_rate']!.value).toBe(1);
    expect(m['detect.ewma_access_rate.false_positive_rate']!.value).toBe(1 / 4);
    expect(m['detect.ewma_access_rate.time_to_detect_ms']!.value).toBe(0.05);
  });
});

