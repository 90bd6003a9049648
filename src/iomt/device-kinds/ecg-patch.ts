/** ECG patch: heart rate from 1 s chunks of single- or two-lead ECG (docs/references.md §1). */
import type { DeviceKindDefinition } from './definition.ts';

export const ecgPatch: DeviceKindDefinition<'ecgPatch'> = {
  kind: 'ecgPatch',
  title: 'ECG patch',
  description: 'heart rate; 1 s chunks of 250 Hz ECG, 1–2 leads at 16 bit: 500–1000 B per chunk (Kwon et al. 2018)',
  perBed: 1,
  profile: { kind: 'ecgPatch', channel: 'hr', intervalUs: 1_000_000, jitterUs: 20_000, eventDriven: false, payloadBytes: 750, clockDriftPpm: 50, processingLagUs: 0 },
};
