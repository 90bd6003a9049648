/**
 * The scenario's override of a device kind's profile (`iomt.profiles.<kind>`): every field optional,
 * quantities with units; a field left out keeps the kind's default.
 */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs, zSizeBytes } from '../../scenario/zod-units.ts';
import type { DeviceProfile } from './definition.ts';

export const zProfileOverride = z
  .object({
    interval: zPositiveDurationUs.optional().describe('Mean time between readings (event-driven devices: mean of exponential gaps).'),
    jitter: zDurationUs.optional().describe('Uniform jitter ± around the interval (0: strictly periodic; ignored by event-driven devices).'),
    payload: zSizeBytes.optional().describe("Bytes of one reading's payload."),
    clockDriftPpm: z.number().nonnegative().optional().describe('Clock drift bound in parts per million; each device draws its drift uniformly in ±bound.'),
    processingLag: zDurationUs.optional().describe('Signal-processing delay: a reading reports the physiology this long before it is sent.'),
  })
  .strict();

export type ProfileOverride = z.output<typeof zProfileOverride>;

/** `profile` with the fields `override` sets replaced. */
export function withOverride<Kind extends string>(profile: DeviceProfile<Kind>, override: ProfileOverride | undefined): DeviceProfile<Kind> {
  if (override === undefined) return profile;
  return {
    ...profile,
    intervalUs: override.interval ?? profile.intervalUs,
    jitterUs: override.jitter ?? profile.jitterUs,
    payloadBytes: override.payload ?? profile.payloadBytes,
    clockDriftPpm: override.clockDriftPpm ?? profile.clockDriftPpm,
    processingLagUs: override.processingLag ?? profile.processingLagUs,
  };
}
