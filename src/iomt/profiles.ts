/**
 * Device profiles by kind: each kind's defaults come from its definition (src/iomt/device-kinds/,
 * with the sources of docs/references.md §1), and a scenario's `iomt.profiles` overrides are merged
 * into them here.
 */
import { DEVICE_KIND_DEFINITIONS } from './device-kinds/index.ts';
import type { DeviceProfile as KindProfile } from './device-kinds/definition.ts';
import { withOverride, type ProfileOverride } from './device-kinds/profile-override.ts';

export type DeviceKind = (typeof DEVICE_KIND_DEFINITIONS)[number]['kind'];
export type DeviceProfile = KindProfile<DeviceKind>;

/** The registered kinds, in the order devices are placed on a bed. */
export const DEVICE_KINDS = DEVICE_KIND_DEFINITIONS.map((d) => d.kind) as readonly DeviceKind[] as readonly [DeviceKind, ...DeviceKind[]];

export const DEFAULT_PROFILES = Object.fromEntries(DEVICE_KIND_DEFINITIONS.map((d) => [d.kind, d.profile])) as Readonly<Record<DeviceKind, DeviceProfile>>;

/** Every kind's profile with the scenario's overrides (`iomt.profiles`) merged in. */
export function deviceProfiles(overrides: Readonly<Partial<Record<DeviceKind, ProfileOverride>>>): Record<DeviceKind, DeviceProfile> {
  return Object.fromEntries(DEVICE_KINDS.map((kind) => [kind, withOverride(DEFAULT_PROFILES[kind], overrides[kind])])) as Record<DeviceKind, DeviceProfile>;
}

/** `count` devices of every registered kind on each bed (small test and benchmark worlds). */
export function devicesOfEachKind(count: number): Record<DeviceKind, number> {
  return Object.fromEntries(DEVICE_KINDS.map((kind) => [kind, count])) as Record<DeviceKind, number>;
}

export { CHANNELS, CHANNEL_INDEX, type Channel } from './vitals.ts';
