/** Blood-pressure cuff: systolic pressure every 15 minutes by day (docs/references.md §1). */
import type { DeviceKindDefinition } from './definition.ts';

export const bpCuff: DeviceKindDefinition<'bpCuff'> = {
  kind: 'bpCuff',
  title: 'Blood-pressure cuff',
  description: 'systolic BP every 15 min (15–30 min by day), 19 B (BLE Blood Pressure Measurement 0x2A35: 7–19 B)',
  perBed: 1,
  profile: { kind: 'bpCuff', channel: 'sbp', intervalUs: 900_000_000, jitterUs: 30_000_000, eventDriven: false, payloadBytes: 19, clockDriftPpm: 50, processingLagUs: 0 },
};
