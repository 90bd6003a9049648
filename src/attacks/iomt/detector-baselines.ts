/**
 * When the gateways' device detectors have learnt their baseline from a device's honest readings.
 * Every detector estimates its in-control mean and σ from its first `warmup` samples and alarms
 * only after them (src/iomt/detectors.ts; docs/references.md §9, estimated parameters): readings an
 * attack sends during the warm-up become part of what the detector takes as in control, and it never
 * alarms on them. A device's first reading falls within its first interval (src/iomt/device.ts), so
 * a value detector has its `warmup` samples by `warmup` intervals and an inter-arrival detector, each
 * of whose samples is the gap between two readings, by `warmup` + 1; on average for an event-driven
 * device, and within its jitter (±20 ms a 1 s interval) for a periodic one.
 */
import type { DetectorBaseline, DeviceDetectionLayout } from './hooks.ts';

/** When each device detector has its baseline on every one of `devices`: the latest of them. */
export function deviceDetectorBaselines(devices: readonly number[], layout: DeviceDetectionLayout): DetectorBaseline[] {
  return layout.deviceDetectors.map((d) => {
    const readings = d.feature === 'interarrival' ? d.warmup + 1 : d.warmup;
    const slowestUs = Math.max(...devices.map((device) => layout.deviceIntervalsUs[device] ?? 0));
    return { detector: d.name, readyUs: readings * slowestUs };
  });
}
