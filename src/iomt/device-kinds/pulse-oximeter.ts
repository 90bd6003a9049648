/** Pulse oximeter: SpO₂ every second, reported after the device's averaging delay (docs/references.md §1). */
import type { DeviceKindDefinition } from './definition.ts';

export const pulseOximeter: DeviceKindDefinition<'pulseOximeter'> = {
  kind: 'pulseOximeter',
  title: 'Pulse oximeter',
  description: 'SpO₂ every 1 s, ~20 B with the pulse rate it carries (the model reads SpO₂ only: heart-rate alerts come from the ECG patch), ~5 s averaging delay (vendor manuals)',
  perBed: 1,
  profile: { kind: 'pulseOximeter', channel: 'spo2', intervalUs: 1_000_000, jitterUs: 20_000, eventDriven: false, payloadBytes: 20, clockDriftPpm: 50, processingLagUs: 5_000_000 },
};
