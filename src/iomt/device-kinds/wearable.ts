/**
 * Consumer wearable: heart rate once a minute, with a cheaper clock. The model's assumptions, not
 * sourced figures: docs/references.md §1 has no row for consumer wearables, and its once-a-minute
 * IHE PCD-01 figure is the rate at which a gateway forwards messages to the record system, not a
 * device's sampling rate.
 */
import type { DeviceKindDefinition } from './definition.ts';

export const wearable: DeviceKindDefinition<'wearable'> = {
  kind: 'wearable',
  title: 'Consumer wearable',
  description: 'heart rate once a minute, 40 B, clock within ±100 ppm (assumed figures: docs/references.md §1 has no wearable row)',
  perBed: 3,
  profile: { kind: 'wearable', channel: 'hr', intervalUs: 60_000_000, jitterUs: 2_000_000, eventDriven: false, payloadBytes: 40, clockDriftPpm: 100, processingLagUs: 0 },
};
