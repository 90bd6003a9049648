/**
 * The streaming detectors under the stolen-key, replay and Sybil attacks of the bundled scenarios,
 * each in a world at the file's own seed, held to bounds that follow from their design
 * (docs/references.md §9), worked out before the runs:
 *
 * - Inter-arrival CUSUM (k 1.5, h 7, 50 warm-up samples): added readings shift the inter-arrival by
 *   tens of σ (σ 11.6 ms at a 1 s interval), where its ARL1 is 1 sample; ARL0 3.3·10⁶ samples with
 *   its estimated parameters, so no false alarm among the 16 devices' few thousand samples. It
 *   holds one alarm per attack (an onset), and needs its 50 samples first: a 60 s wearable is still
 *   learning at the end of a 3-minute run.
 * - Value z-score (threshold 8, 30 samples): a clinical episode's SpO₂ of 82–87 % is already
 *   13–49σ from the patient's baseline, so a spoofed SpO₂ of 60 alarms at its first sample.
 * - Gateway-rate EWMA (λ 0.2, L 5, 12 windows of 10 s): ARL1 1.2 windows at a 10σ shift; ARL0 ≈
 *   4·10⁵ windows. During its 12 warm-up windows (the first 120 s) it learns whatever it sees as
 *   normal, as the flood's CUSUM does (flood-detection-run.test.ts).
 *
 * Device detectors are scored against ground truth (src/attacks/iomt/detection.ts): a stolen key
 * makes its device a positive; a replayed stream makes its device neither, so replay and Sybil
 * have no detection rate and the alarms themselves are read from the world's events.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../sim/index.ts';
import { gatewayHosts } from '../attacks/iomt/layout.ts';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

const S = 1_000_000;

interface Alarm {
  readonly detector: string;
  readonly subject: string;
  readonly atUs: number;
}

type Run = ReturnType<typeof run>;

/** The scenario run at its own seed: its metrics, every alarm raised, and its gateways' host ids. */
function run(file: string, sets: readonly string[] = []) {
  const { scenario } = loadScenario(`scenarios/attacks/${file}`, [...sets]);
  const alarms: Alarm[] = [];
  let gateways: number[] = [];
  const m = runIomtWorld(scenario, scenario.seed, {
    setup: (world) => {
      gateways = gatewayHosts(world);
    },
    observers: [(_h, e: ModelEvent, t: number) => {
      if (e.kind === 'alarm') alarms.push({ detector: (e as ModelEvent & { detector: string }).detector, subject: (e as ModelEvent & { subject: string }).subject, atUs: t });
    }],
  }).metrics;
  return { metric: (name: string) => m[name]?.value, alarms, gateways };
}

describe('detectors under the stolen-key attack (stolen-key.yaml: device 0, a pulse oximeter, spoofed at 5/s with SpO₂ 60 from 60 s)', () => {
  let metric: Run['metric'];
  beforeAll(() => {
    ({ metric } = run('stolen-key.yaml'));
  });

  it('the inter-arrival CUSUM detects the device within the second spoofed reading (200 ms after the start, plus the 5 ms radio hop), and alarms on no other device', () => {
    expect(metric('detect.cusum_interarrival.detection_rate')).toBe(1);
    expect(metric('detect.cusum_interarrival.time_to_detect_ms')).toBeLessThanOrEqual(250);
    expect(metric('detect.cusum_interarrival.false_positive_rate')).toBe(0);
    expect(metric('detect.cusum_interarrival.false_alarms_per_hour')).toBe(0);
  });

  it('the value z-score detects the device at the first spoofed reading, before the second (200 ms)', () => {
    expect(metric('detect.zscore_value.detection_rate')).toBe(1);
    expect(metric('detect.zscore_value.time_to_detect_ms')).toBeLessThan(200);
  });
});

describe('detectors under replay (replay.yaml: devices 2, a pulse oximeter, and 3, a wearable, replayed 2 s late from 60 s)', () => {
  it('the inter-arrival CUSUM alarms once on the pulse oximeter at its first copy, which arrives within 40 ms of a genuine reading; never on the still-learning wearable or on another device', () => {
    const { metric, alarms } = run('replay.yaml');
    const cusum = alarms.filter((a) => a.detector === 'cusum:interarrival');
    // The first copy: of the first reading sent from 60 s (within one 1 s ± 20 ms interval), sent 2 s later, 5 ms on the radio.
    expect(cusum.map((a) => a.subject)).toEqual(['device:2']);
    expect(cusum[0]!.atUs).toBeGreaterThanOrEqual(62 * S);
    expect(cusum[0]!.atUs).toBeLessThanOrEqual(63.03 * S);
    expect(metric('detect.cusum_interarrival.false_positive_rate')).toBe(0);
    expect(metric('detect.cusum_interarrival.false_alarms_per_hour')).toBe(0);
    // A replayed stream compromises no device: nothing to detect, no rate.
    expect(metric('detect.cusum_interarrival.detection_rate')).toBeUndefined();
  });
});

describe('detectors under Sybil identities (sybil.yaml: 20 unregistered identities at 20/s beside gateway 0)', () => {
  it('the gateway-rate EWMA alarms on gateway 0 within two 10 s windows of an attack begun after its warm-up (150 s), and never on gateway 1', () => {
    const { metric, alarms, gateways } = run('sybil.yaml', ['attacks.0.start=150s']);
    const ewma = alarms.filter((a) => a.detector === 'ewma:rate');
    expect(ewma.map((a) => a.subject)).toEqual([`gateway:${gateways[0]}`]);
    expect(ewma[0]!.atUs).toBeGreaterThan(150 * S);
    expect(ewma[0]!.atUs).toBeLessThanOrEqual(170 * S);
    // The identities are refused before any device detector sees them.
    expect(alarms.filter((a) => a.subject.startsWith('device:'))).toEqual([]);
    expect(metric('detect.cusum_interarrival.false_positive_rate')).toBe(0);
  });

  it('as shipped (from 60 s, inside the EWMA warm-up of 120 s) the gateway-rate EWMA learns the identities as normal and never alarms', () => {
    const { alarms } = run('sybil.yaml');
    expect(alarms).toEqual([]);
  });
});
