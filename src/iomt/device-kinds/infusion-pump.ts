/** Infusion pump: event-driven reports (start, rate change, complete, alarms) (docs/references.md §1). */
import type { DeviceKindDefinition } from './definition.ts';

export const infusionPump: DeviceKindDefinition<'infusionPump'> = {
  kind: 'infusionPump',
  title: 'Infusion pump',
  description: 'infusion rate on events (start, rate change, complete, alarms): exponential gaps, one per 10 min on average, ~100 B (IHE PCD infusion events)',
  perBed: 5,
  profile: { kind: 'infusionPump', channel: 'infusionRate', intervalUs: 600_000_000, jitterUs: 0, eventDriven: true, payloadBytes: 100, clockDriftPpm: 50, processingLagUs: 0 },
};
