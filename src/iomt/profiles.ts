/**
 * Device profiles: the defaults of REFERENCES §1. A profile says how often a device reports, how
 * much it sends, how its clock drifts and which vital sign it measures.
 */
export const DEVICE_KINDS = ['ecgPatch', 'pulseOximeter', 'cgm', 'bpCuff', 'infusionPump', 'wearable'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Vital-sign channels a device can measure (see vitals.ts). */
export const CHANNELS = ['hr', 'spo2', 'glucose', 'sbp', 'infusionRate'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_INDEX: Record<Channel, number> = { hr: 0, spo2: 1, glucose: 2, sbp: 3, infusionRate: 4 };

export interface DeviceProfile {
  readonly kind: DeviceKind;
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

const S = 1_000_000;

/** Defaults from REFERENCES §1 (Kwon et al. 2018; vendor manuals; Dexcom G6; GATT 0x2A35; IHE PCD). */
export const DEFAULT_PROFILES: Record<DeviceKind, DeviceProfile> = {
  // 1 s chunks of 250 Hz, 1–2 leads, 16 bit: 500–1000 B per chunk.
  ecgPatch: { kind: 'ecgPatch', channel: 'hr', intervalUs: 1 * S, jitterUs: 20_000, eventDriven: false, payloadBytes: 750, clockDriftPpm: 50, processingLagUs: 0 },
  // SpO₂ and pulse rate every 1 s, ~20 B, ~5 s averaging delay (vendor manuals).
  pulseOximeter: { kind: 'pulseOximeter', channel: 'spo2', intervalUs: 1 * S, jitterUs: 20_000, eventDriven: false, payloadBytes: 20, clockDriftPpm: 50, processingLagUs: 5 * S },
  // Every 5 min (288/day), ~20 B (Dexcom G6).
  cgm: { kind: 'cgm', channel: 'glucose', intervalUs: 300 * S, jitterUs: 1 * S, eventDriven: false, payloadBytes: 20, clockDriftPpm: 50, processingLagUs: 0 },
  // Every 15–30 min by day: 15 min here; 7–19 B (BLE Blood Pressure Measurement 0x2A35).
  bpCuff: { kind: 'bpCuff', channel: 'sbp', intervalUs: 900 * S, jitterUs: 30 * S, eventDriven: false, payloadBytes: 19, clockDriftPpm: 50, processingLagUs: 0 },
  // Events (start, rate change, complete, alarms), ~100 B (IHE PCD infusion events); one per 10 min on average.
  infusionPump: { kind: 'infusionPump', channel: 'infusionRate', intervalUs: 600 * S, jitterUs: 0, eventDriven: true, payloadBytes: 100, clockDriftPpm: 50, processingLagUs: 0 },
  // Consumer wearable heart rate, one message per minute (IHE PCD-01's typical rate).
  wearable: { kind: 'wearable', channel: 'hr', intervalUs: 60 * S, jitterUs: 2 * S, eventDriven: false, payloadBytes: 40, clockDriftPpm: 100, processingLagUs: 0 },
};
