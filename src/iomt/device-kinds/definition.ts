/**
 * The contract of a device kind: one object per kind of medical device, from which the scenario's
 * `iomt.devicesPerBed` and `iomt.profiles` keys, the default profiles the run model merges
 * overrides into, `iomtsim list devices` and docs/scenarios.md are derived.
 */
import type { Channel } from '../vitals.ts';

/** How a device reports; the run model merges the scenario's override into its kind's defaults. */
export interface DeviceProfile<Kind extends string = string> {
  readonly kind: Kind;
  readonly channel: Channel;
  /** Mean time between readings, µs. */
  readonly intervalUs: number;
  /** Uniform jitter ±, µs, around the interval; event-driven devices use exponential gaps instead. */
  readonly jitterUs: number;
  /** True for event-driven devices (infusion pump): gaps are exponential with mean `intervalUs`. */
  readonly eventDriven: boolean;
  readonly payloadBytes: number;
  /** Clock drift bound, parts per million; each device draws its own drift in ±bound. */
  readonly clockDriftPpm: number;
  /** Signal processing delay: a reading reports the physiology this long before it is sent. */
  readonly processingLagUs: number;
}

export interface DeviceKindDefinition<Kind extends string = string> {
  /** The key under `iomt.devicesPerBed` and `iomt.profiles`. */
  readonly kind: Kind;
  readonly title: string;
  /** What it reports and how often, with the sources of its defaults (docs/references.md §1). */
  readonly description: string;
  /** Devices of this kind on every bed unless the scenario says otherwise. */
  readonly perBed: number;
  /** The defaults of its profile. */
  readonly profile: DeviceProfile<Kind>;
}
