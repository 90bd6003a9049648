/**
 * The `iomt:` section: hospitals, wards, beds and devices; gateways and the off-chain store; the
 * consortium's organisations; identity, consent and access workloads; alert rules and detectors.
 * Defaults follow REFERENCES §1. A scenario with this section runs the IoMT model.
 */
import { z } from 'zod';
import { zBandwidthBps, zDurationUs, zPositiveDurationUs, zSizeBytes } from '../zod-units.ts';
import { zLatency } from './network.ts';

const count = z.number().int().nonnegative();
const rate = z.number().nonnegative();

const zDeviceMix = z
  .object({
    ecgPatch: count.default(1),
    pulseOximeter: count.default(1),
    cgm: count.default(1),
    bpCuff: count.default(1),
    infusionPump: count.default(5),
    wearable: count.default(3),
  })
  .strict();

/** Override of a device profile's defaults (profiles.ts). */
const zProfileOverride = z
  .object({
    interval: zPositiveDurationUs.optional(),
    jitter: zDurationUs.optional(),
    payload: zSizeBytes.optional(),
    clockDriftPpm: z.number().nonnegative().optional(),
    processingLag: zDurationUs.optional(),
  })
  .strict();

const zRule = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    channel: z.enum(['hr', 'spo2', 'glucose', 'sbp', 'infusionRate']),
    op: z.enum(['below', 'above']),
    threshold: z.number(),
    hold: zDurationUs,
    target: zPositiveDurationUs.default(10_000_000),
  })
  .strict();

const zDetectorBase = { scope: z.enum(['device', 'gateway']), feature: z.enum(['interarrival', 'value', 'rate']), warmup: z.number().int().min(2).default(30) };
const zDetector = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ewma'), ...zDetectorBase, lambda: z.number().gt(0).max(1).default(0.2), limitSigmas: z.number().positive().default(4) }).strict(),
  z.object({ type: z.literal('cusum'), ...zDetectorBase, k: z.number().nonnegative().default(0.5), h: z.number().positive().default(8) }).strict(),
  z.object({ type: z.literal('zscore'), ...zDetectorBase, threshold: z.number().positive().default(5) }).strict(),
]);

export const zIomt = z
  .object({
    hospitals: z.number().int().min(1).default(1),
    wardsPerHospital: z.number().int().min(1).default(30),
    bedsPerWard: z.number().int().min(1).default(10),
    devicesPerBed: zDeviceMix.default(() => zDeviceMix.parse({})),
    profiles: z.partialRecord(z.enum(['ecgPatch', 'pulseOximeter', 'cgm', 'bpCuff', 'infusionPump', 'wearable']), zProfileOverride).default({}),
    /** Measurement noise multiplier (0: noiseless signals). */
    noiseScale: z.number().nonnegative().default(1),
    clockDrift: z.boolean().default(true),
    /** Consensus nodes: per hospital, plus the lab, insurer and regulator organisations. */
    consortium: z
      .object({ nodesPerHospital: z.number().int().min(1).default(4), lab: count.default(1), insurer: count.default(1), regulator: count.default(1) })
      .strict()
      .default({ nodesPerHospital: 4, lab: 1, insurer: 1, regulator: 1 }),
    links: z
      .object({
        /** Device ↔ gateway radio hop (BLE / Wi-Fi). */
        radio: zLatency.default({ kind: 'fixed', value: 5_000 }),
        /** Within one site (hospital LAN, or one organisation's data centre). */
        lan: zLatency.default({ kind: 'fixed', value: 1_000 }),
        /** Between sites. */
        wan: zLatency.default({ kind: 'fixed', value: 15_000 }),
        deviceUpload: zBandwidthBps.default(1_000_000),
        siteBandwidth: zBandwidthBps.default(1_000_000_000),
      })
      .strict()
      .default(() => ({ radio: { kind: 'fixed' as const, value: 5_000 }, lan: { kind: 'fixed' as const, value: 1_000 }, wan: { kind: 'fixed' as const, value: 15_000 }, deviceUpload: 1_000_000, siteBandwidth: 1_000_000_000 })),
    gateway: z
      .object({
        batchInterval: zPositiveDurationUs.default(5_000_000),
        batchMaxReadings: z.number().int().min(1).default(1_000),
        freshness: zPositiveDurationUs.default(30_000_000),
        rateLimitFactor: z.number().positive().default(4),
        rateLimitBurst: z.number().min(1).default(5),
        rateWindow: zPositiveDurationUs.default(10_000_000),
        recordAlertsOnChain: z.boolean().default(true),
      })
      .strict()
      .default({ batchInterval: 5_000_000, batchMaxReadings: 1_000, freshness: 30_000_000, rateLimitFactor: 4, rateLimitBurst: 5, rateWindow: 10_000_000, recordAlertsOnChain: true }),
    store: z
      .object({
        writeLatency: zDurationUs.default(10_000),
        readLatency: zDurationUs.default(5_000),
        throughput: zBandwidthBps.default(800_000_000),
        capacity: zSizeBytes.default(1_000_000_000_000),
        /** How long the simulator keeps record bytes for reads (a memory bound of the simulator). */
        retain: zPositiveDurationUs.default(120_000_000),
      })
      .strict()
      .default({ writeLatency: 10_000, readLatency: 5_000, throughput: 800_000_000, capacity: 1_000_000_000_000, retain: 120_000_000 }),
    episodes: z
      .object({
        desaturationPerHour: rate.default(0.25),
        tachycardiaPerHour: rate.default(0.25),
        durationMin: zPositiveDurationUs.default(60_000_000),
        durationMax: zPositiveDurationUs.default(180_000_000),
        notBefore: zDurationUs.default(120_000_000),
      })
      .strict()
      .default({ desaturationPerHour: 0.25, tachycardiaPerHour: 0.25, durationMin: 60_000_000, durationMax: 180_000_000, notBefore: 120_000_000 }),
    rules: z.array(zRule).optional(),
    detectors: z.array(zDetector).default([]),
    access: z
      .object({
        cliniciansPerWard: count.default(2),
        clinicianRatePerHour: rate.default(6),
        breakGlassProbability: z.number().min(0).max(1).default(0.02),
        researchers: count.default(5),
        researcherRatePerHour: rate.default(12),
        /** Fraction of patients who consent to research use. */
        researchConsentFraction: z.number().min(0).max(1).default(0.3),
        /** Consent revocations per hour per hospital portal. */
        revocationsPerHour: rate.default(10),
      })
      .strict()
      .default({ cliniciansPerWard: 2, clinicianRatePerHour: 6, breakGlassProbability: 0.02, researchers: 5, researcherRatePerHour: 12, researchConsentFraction: 0.3, revocationsPerHour: 10 }),
    identity: z
      .object({
        /** Key rotations and revocations per hour per hospital administration. */
        actionsPerHour: rate.default(6),
        revokeFraction: z.number().min(0).max(1).default(0.2),
      })
      .strict()
      .default({ actionsPerHour: 6, revokeFraction: 0.2 }),
    /** Client retransmission of unanswered ledger requests. */
    retransmit: zPositiveDurationUs.default(4_000_000),
  })
  .strict();

export type IomtSection = z.output<typeof zIomt>;
