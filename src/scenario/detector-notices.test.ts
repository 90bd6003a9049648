/** Notices of detectors still learning their baseline when the run ends. */
import { describe, expect, it } from 'vitest';
import { detectorNotices } from './detector-notices.ts';
import { loadScenarioText } from './index.ts';

/** One bed of `devices` for `duration`, with `iomt` lines added (indented under iomt:). */
const notices = (duration: string, devices: string, iomt: string) => {
  const l = loadScenarioText('s.yaml', `name: s\nduration: ${duration}\nconsensus: { protocol: pbft }\nworkload: { rateTps: 0 }\niomt:\n  hospitals: 1\n  wardsPerHospital: 1\n  bedsPerWard: 1\n  devicesPerBed: { ${devices} }\n${iomt}`);
  return detectorNotices(l.scenario, l.locate);
};
const WEARABLE_ONLY = 'ecgPatch: 0, pulseOximeter: 0, cgm: 0, bpCuff: 0, infusionPump: 0, wearable: 1';
const CUSUM = (warmup: number) => `  detectors:\n    - { type: cusum, scope: device, feature: interarrival, k: 1.5, h: 7, warmup: ${warmup} }\n`;

describe('detectors still learning at the run\'s end', () => {
  it('names a device detector no device of the scenario feeds its warm-up in the run, by file, line and field', () => {
    // A wearable reads every 60 s: 50 readings take about 3,000 s.
    expect(notices('3m', WEARABLE_ONLY, CUSUM(50))).toEqual([
      "s.yaml:11:82: iomt.detectors.0.warmup: detector 'cusum:interarrival' learns from each device's first 50 readings (wearable: a reading every 60 s, ready after about 3000 s), at or after the run's end (duration 180 s): it raises no alarm in this run",
    ]);
    expect(notices('3m', WEARABLE_ONLY, CUSUM(2))).toEqual([]);
    expect(notices('50m', WEARABLE_ONLY, CUSUM(50))).toEqual([expect.stringContaining("detector 'cusum:interarrival'")]);
    expect(notices('3001s', WEARABLE_ONLY, CUSUM(50))).toEqual([]);
  });

  it('says nothing where one device kind arms it, however slow the others', () => {
    expect(notices('3m', 'ecgPatch: 1, pulseOximeter: 0, cgm: 0, bpCuff: 1, infusionPump: 0, wearable: 1', CUSUM(50))).toEqual([]);
  });

  it('names a gateway detector whose warm-up windows outlast the run', () => {
    const ewma = (warmup: number) => `  detectors:\n    - { type: ewma, scope: gateway, feature: rate, lambda: 0.2, limitSigmas: 5, warmup: ${warmup} }\n`;
    expect(notices('2m', WEARABLE_ONLY, ewma(12))).toEqual([
      "s.yaml:11:89: iomt.detectors.0.warmup: detector 'ewma:rate' learns from its first 12 windows of 10 s (iomt.gateway.rateWindow), so it is ready after 120 s, at or after the run's end (duration 120 s): it raises no alarm in this run",
    ]);
    expect(notices('121s', WEARABLE_ONLY, ewma(12))).toEqual([]);
  });
});
