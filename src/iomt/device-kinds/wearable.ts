/** Consumer wearable: heart rate once a minute, with a cheaper clock (docs/references.md §1). */
import type { DeviceKindDefinition } from './definition.ts';

export const wearable: DeviceKindDefinition<'wearable'> = {
  kind: 'wearable',
  title: 'Consumer wearable',
  description: "heart rate once a minute (IHE PCD-01's typical rate), 40 B, clock within ±100 ppm",
  perBed: 3,
  profile: { kind: 'wearable', channel: 'hr', intervalUs: 60_000_000, jitterUs: 2_000_000, eventDriven: false, payloadBytes: 40, clockDriftPpm: 100, processingLagUs: 0 },
};
