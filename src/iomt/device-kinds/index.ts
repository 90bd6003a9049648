/**
 * The device-kind registry: one line per kind. Its order is the order devices are placed on a bed
 * (src/iomt/topology.ts), so a new kind goes last to leave every other device's host and random
 * stream where they were.
 */
import { bpCuff } from './bp-cuff.ts';
import { cgm } from './cgm.ts';
import { ecgPatch } from './ecg-patch.ts';
import { infusionPump } from './infusion-pump.ts';
import { pulseOximeter } from './pulse-oximeter.ts';
import { wearable } from './wearable.ts';

export const DEVICE_KIND_DEFINITIONS = [ecgPatch, pulseOximeter, cgm, bpCuff, infusionPump, wearable] as const;

export type { DeviceKindDefinition, DeviceProfile } from './definition.ts';
