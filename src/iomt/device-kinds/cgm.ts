/** Continuous glucose monitor: one reading every 5 minutes (docs/references.md §1). */
import type { DeviceKindDefinition } from './definition.ts';

export const cgm: DeviceKindDefinition<'cgm'> = {
  kind: 'cgm',
  title: 'Continuous glucose monitor',
  description: 'glucose every 5 min (288/day), ~20 B (Dexcom G6)',
  perBed: 1,
  profile: { kind: 'cgm', channel: 'glucose', intervalUs: 300_000_000, jitterUs: 1_000_000, eventDriven: false, payloadBytes: 20, clockDriftPpm: 50, processingLagUs: 0 },
};
