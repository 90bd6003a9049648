/**
 * The `iomt:` section: hospitals, wards, beds and devices; gateways and the off-chain store; the
 * consortium's organisations; identity, consent and access workloads; alert rules and detectors.
 * Defaults follow docs/references.md §1. A scenario with this section runs the IoMT model. The
 * device kinds (`devicesPerBed`, `profiles`), the vital-sign channels and the detector types come
 * from their registries (src/iomt/device-kinds/, src/iomt/vitals.ts, src/iomt/detector-kinds/).
 */
import { z } from 'zod';
import { detectorMetricPrefix, detectorName } from '../../iomt/detector-bank.ts';
import { zDetectorSpec, type DetectorSpec } from '../../iomt/detector-kinds/index.ts';
import { DEVICE_KIND_DEFINITIONS } from '../../iomt/device-kinds/index.ts';
import { zProfileOverride } from '../../iomt/device-kinds/profile-override.ts';
import { DEVICE_KINDS } from '../../iomt/profiles.ts';
import { CHANNEL_DEFINITIONS, CHANNELS } from '../../iomt/vitals.ts';
import { zBandwidthBps, zDurationUs, zPositiveDurationUs, zSizeBytes } from '../zod-units.ts';
import { zLatency } from './network.ts';

const count = z.number().int().nonnegative();

/**
 * What one world can be built with: every bed's devices, gateways and patients are actors built
 * when the scenario loads (the transaction-size and attack-target checks lay the topology out),
 * so an unbounded size runs out of memory before anything runs. 100,000 beds (1,200,000 devices
 * at the default 12 per bed) is over 300 times hospital.yaml; consensus.nodes stops at 10,000 likewise.
 */
export const MAX_BEDS = 100_000;
export const MAX_DEVICES = 1_200_000;
const rate = z.number().nonnegative();

type DeviceMixShape = { [D in (typeof DEVICE_KIND_DEFINITIONS)[number] as D['kind']]: z.ZodDefault<z.ZodNumber> };

/** Devices of each kind on every bed (one patient per bed): one field per registered device kind. */
const zDeviceMix = z
  .object(
    Object.fromEntries(DEVICE_KIND_DEFINITIONS.map((d) => [d.kind, count.max(1_000).default(d.perBed).describe(`Devices of this kind on every bed, at most 1,000 (and ${MAX_DEVICES.toLocaleString('en-US')} devices in all). ${d.title}: ${d.description}.`)])) as DeviceMixShape,
  )
  .strict();

/** An EmergencyAlert rule on the gateway's accepted readings: "channel below/above threshold for at least hold". */
const zRule = z
  .object({
    /** Rule name (lower-case letters, digits, '-'); recorded on chain with each alert. */
    name: z.string().regex(/^[a-z0-9-]+$/, "a name of lower-case letters, digits and '-'"),
    channel: z.enum(CHANNELS).describe(`Vital sign watched: ${CHANNEL_DEFINITIONS.map((c) => `${c.channel} (${c.unit})`).join(', ')}.`),
    /** Whether the condition is the value below or above `threshold` (strictly). */
    op: z.enum(['below', 'above']),
    /** The value compared with, in the channel's unit (e.g. 90 for SpO₂ %). */
    threshold: z.number(),
    /** How long the condition must hold, by the readings' own timestamps, before the alert (IEC 60601-1-8 alarm condition delay). */
    hold: zDurationUs,
    /** Bound on the alarm latency beyond `hold`, the alarm signal generation delay of IEC 60601-1-8 (the hold is its alarm condition delay); scored by the collector. 10 s by default, an assumption: IEC 60601-2-27's 10 s for tachycardia is an ECG monitor's total time to alarm, hold included (docs/references.md §1). */
    target: zPositiveDurationUs.default(10_000_000),
  })
  .strict();

/** The section for the detector kinds `detectorSpec` accepts (the registry, plus a scenario's plug-ins). */
export function iomtSchema(detectorSpec: z.ZodType<DetectorSpec, unknown>) {
  return z
    .object({
      /** Hospitals, each with its own site, off-chain store, care team, administration and patient portal; at most 10,000, as consensus.nodes (each runs a node). */
      hospitals: z.number().int().min(1).max(10_000).default(1),
      /** Wards per hospital; each ward has one gateway (30 × 10 = 300 beds, as docs/references.md §1's hospital.yaml). At most 100,000 beds in all (hospitals × wardsPerHospital × bedsPerWard): what one world can be built with in memory. */
      wardsPerHospital: z.number().int().min(1).max(MAX_BEDS).default(30),
      /** Beds per ward; one patient per bed. At most 100,000 beds and 1,200,000 devices in all (hospitals × wardsPerHospital × bedsPerWard, times devicesPerBed): what one world can be built with in memory. */
      bedsPerWard: z.number().int().min(1).max(MAX_BEDS).default(10),
      devicesPerBed: zDeviceMix.default(() => zDeviceMix.parse({})).describe('Devices of each kind on every bed (one patient per bed): 12 by default (docs/references.md §1: 10–15 per bed).'),
      /** Per device kind, overrides of its profile's defaults (`iomtsim list devices` prints them; docs/references.md §1). */
      profiles: z.partialRecord(z.enum(DEVICE_KINDS), zProfileOverride).default({}),
      /** Measurement noise multiplier (0: noiseless signals). */
      noiseScale: z.number().nonnegative().default(1),
      /** Device clocks drift (each within ±clockDriftPpm of its profile); false: perfect clocks. */
      clockDrift: z.boolean().default(true),
      /** Consensus nodes: per hospital, plus the lab, insurer and regulator organisations. */
      consortium: z
        .object({
          /** Consensus nodes each hospital runs; the first serves its staff and gateways. */
          nodesPerHospital: z.number().int().min(1).default(4),
          /** Nodes of the lab organisation (researchers query the first; 0: they query the first node). */
          lab: count.default(1),
          /** Nodes of the insurer organisation, each at the insurer's site. */
          insurer: count.default(1),
          /** Nodes of the regulator organisation, each at the regulator's site. */
          regulator: count.default(1),
        })
        .strict()
        .default({ nodesPerHospital: 4, lab: 1, insurer: 1, regulator: 1 }),
      /** Latency and bandwidth of the IoMT network: radio hop, LAN within a site, WAN between sites. */
      links: z
        .object({
          /** Device ↔ gateway radio hop (BLE / Wi-Fi). */
          radio: zLatency.default({ kind: 'fixed', value: 5_000 }),
          /** Within one site (hospital LAN, or one organisation's data centre). */
          lan: zLatency.default({ kind: 'fixed', value: 1_000 }),
          /** Between sites. */
          wan: zLatency.default({ kind: 'fixed', value: 15_000 }),
          /** Upload (and download) bandwidth of every device's radio link. */
          deviceUpload: zBandwidthBps.default(1_000_000),
          /** Upload and download bandwidth of every site host (nodes, stores, gateways, clients). */
          siteBandwidth: zBandwidthBps.default(1_000_000_000),
        })
        .strict()
        .default(() => ({ radio: { kind: 'fixed' as const, value: 5_000 }, lan: { kind: 'fixed' as const, value: 1_000 }, wan: { kind: 'fixed' as const, value: 15_000 }, deviceUpload: 1_000_000, siteBandwidth: 1_000_000_000 })),
      /** Ward gateways: admission checks on readings, batching into Merkle-anchored batches, alerts. */
      gateway: z
        .object({
          /** A batch is sealed (stored off chain, root anchored on chain) this long after its first reading; a gateway's first batch after a uniform random part of it, so that gateways do not seal in lockstep. */
          batchInterval: zPositiveDurationUs.default(5_000_000),
          /** A batch is sealed at once when it holds this many accepted readings. */
          batchMaxReadings: z.number().int().min(1).default(1_000),
          /** Largest |gateway clock − reading timestamp| accepted; older or future readings are refused as stale. */
          freshness: zPositiveDurationUs.default(30_000_000),
          /** Per-device token-bucket refill rate, as a multiple of the device's nominal reading rate. */
          rateLimitFactor: z.number().positive().default(4),
          /** Per-device token-bucket size, in readings. */
          rateLimitBurst: z.number().min(1).default(5),
          /** Window over which a gateway counts incoming readings for its 'rate' detector feature. */
          rateWindow: zPositiveDurationUs.default(10_000_000),
          /** Also record each alert through the EmergencyAlert contract (slow path) besides notifying the care team directly. */
          recordAlertsOnChain: z.boolean().default(true),
        })
        .strict()
        .default({ batchInterval: 5_000_000, batchMaxReadings: 1_000, freshness: 30_000_000, rateLimitFactor: 4, rateLimitBurst: 5, rateWindow: 10_000_000, recordAlertsOnChain: true }),
      /** Each hospital's off-chain, content-addressed record store. */
      store: z
        .object({
          /** Fixed processing time of one batch write, before the size-dependent part. */
          writeLatency: zDurationUs.default(10_000),
          /** Processing time of one read (or refused read). */
          readLatency: zDurationUs.default(5_000),
          /** Write throughput of the store's processor; a write also takes size / throughput, so writes queue under load. */
          throughput: zBandwidthBps.default(800_000_000),
          /** Most bytes the store holds; a write that would exceed it is refused. */
          capacity: zSizeBytes.default(1_000_000_000_000),
          /** How long the simulator keeps record bytes for reads (a memory bound of the simulator). */
          retain: zPositiveDurationUs.default(120_000_000),
        })
        .strict()
        .default({ writeLatency: 10_000, readLatency: 5_000, throughput: 800_000_000, capacity: 1_000_000_000_000, retain: 120_000_000 }),
      /** Scheduled clinical episodes per patient: the ground truth that alerts are scored against. */
      episodes: z
        .object({
          /** Poisson rate per patient per hour of desaturation episodes (SpO₂ drops to 82–87 %). */
          desaturationPerHour: rate.default(0.25),
          /** Poisson rate per patient per hour of tachycardia episodes (heart rate rises to 135–160 bpm). */
          tachycardiaPerHour: rate.default(0.25),
          /** Shortest episode; each episode's length is uniform in [durationMin, durationMax]. */
          durationMin: zPositiveDurationUs.default(60_000_000),
          /** Longest episode (taken as durationMin when smaller). */
          durationMax: zPositiveDurationUs.default(180_000_000),
          /** No episode starts before this time, so baselines and detectors warm up first. */
          notBefore: zDurationUs.default(120_000_000),
        })
        .strict()
        .default({ desaturationPerHour: 0.25, tachycardiaPerHour: 0.25, durationMin: 60_000_000, durationMax: 180_000_000, notBefore: 120_000_000 }),
      /** Alert rules; omitted: spo2-low (SpO₂ < 90 % for 15 s) and hr-high (HR > 120 bpm for 5 s), both with a 10 s target. */
      rules: z.array(zRule).optional(),
      /** Streaming anomaly detectors (statistical process control) the gateways run; none by default (`iomtsim list detectors`). */
      detectors: z.array(detectorSpec).default([]),
      /** Access-request and consent workload on the AccessControl and Consent contracts. */
      access: z
        .object({
          /** Clinicians per ward; each requests records of its own ward's patients (consented) and of the next ward's (not). */
          cliniciansPerWard: count.default(2),
          /** Access requests per hour per clinician (Poisson). */
          clinicianRatePerHour: rate.default(6),
          /** Chance a clinician's request is a break-glass (emergency treatment) request. */
          breakGlassProbability: z.number().min(0).max(1).default(0.02),
          /** Researchers requesting research access to any patient, through the lab's first node (the first node if there is no lab). */
          researchers: count.default(5),
          /** Access requests per hour per researcher (Poisson). */
          researcherRatePerHour: rate.default(12),
          /** Fraction of patients who consent to research use. */
          researchConsentFraction: z.number().min(0).max(1).default(0.3),
          /** Consent revocations per hour per hospital portal. */
          revocationsPerHour: rate.default(10),
        })
        .strict()
        .default({ cliniciansPerWard: 2, clinicianRatePerHour: 6, breakGlassProbability: 0.02, researchers: 5, researcherRatePerHour: 12, researchConsentFraction: 0.3, revocationsPerHour: 10 }),
      /** Device identity workload: each hospital's administration rotates and revokes device keys. */
      identity: z
        .object({
          /** Key rotations and revocations per hour per hospital administration. */
          actionsPerHour: rate.default(6),
          /** Fraction of the administration's actions (`actionsPerHour`) that revoke a device instead of rotating its key. */
          revokeFraction: z.number().min(0).max(1).default(0.2),
        })
        .strict()
        .default({ actionsPerHour: 6, revokeFraction: 0.2 }),
      /** Client retransmission of unanswered ledger requests, and of queries and subscriptions its node has not answered. */
      retransmit: zPositiveDurationUs.default(4_000_000),
      /**
       * Period of each consortium node's heartbeat to its subscribers (gateways' registry changes, stores' access decisions, monitors' audit log): it carries the number of the subscription's last notice, so a subscriber whose last notice was lost subscribes again and the node replays what it missed. A lost notice is recovered within this period and a round trip; a shorter period costs each node one 53-byte message and one MAC per subscriber each period. The default recovers a lost access decision before a store gives up the read waiting for it (5 s).
       */
      noticeHeartbeat: zPositiveDurationUs.default(1_000_000),
    })
    .strict()
    .superRefine((iomt, ctx) => {
      // An alert goes on chain under its rule's name, and a detector reports under its type and
      // feature: a second of either could not be told from the first.
      const firstRule = new Map<string, number>();
      (iomt.rules ?? []).forEach((r, i) => {
        const first = firstRule.get(r.name);
        if (first === undefined) firstRule.set(r.name, i);
        else ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `expected a name no other rule has (an alert is recorded on chain by its rule's name), found '${r.name}', the name of rules.${first}` });
      });
      const firstDetector = new Map<string, number>();
      iomt.detectors.forEach((d, i) => {
        const name = detectorName(d);
        const first = firstDetector.get(name);
        if (first === undefined) firstDetector.set(name, i);
        else ctx.addIssue({ code: 'custom', path: ['detectors', i], message: `expected a detector of another type or feature than detectors.${first} (each reports as ${detectorMetricPrefix(name)}.*), found a second ${d.type} on ${d.feature}` });
      });
      // Checked before anything lays the topology out (see MAX_BEDS).
      // Only once each factor is valid on its own (zod runs this even when a field failed).
      const factors = [iomt.hospitals, iomt.wardsPerHospital, iomt.bedsPerWard];
      if (!factors.every((f) => Number.isInteger(f) && f >= 1 && f <= MAX_BEDS)) return;
      const beds = factors.reduce((a, b) => a * b, 1);
      const perBed = Object.values((iomt.devicesPerBed ?? {}) as Record<string, unknown>).reduce((a: number, b) => a + (typeof b === 'number' ? b : 0), 0);
      if (beds > MAX_BEDS) {
        ctx.addIssue({ code: 'custom', path: ['bedsPerWard'], message: `expected at most ${MAX_BEDS.toLocaleString('en-US')} beds in all (hospitals × wardsPerHospital × bedsPerWard; what one world can be built with), found ${iomt.hospitals} × ${iomt.wardsPerHospital} × ${iomt.bedsPerWard} = ${beds.toLocaleString('en-US')}` });
      } else if (beds * perBed > MAX_DEVICES) {
        ctx.addIssue({ code: 'custom', path: ['devicesPerBed'], message: `expected at most ${MAX_DEVICES.toLocaleString('en-US')} devices in all (beds × devices per bed; what one world can be built with), found ${beds.toLocaleString('en-US')} × ${perBed} = ${(beds * perBed).toLocaleString('en-US')}` });
      }
    });
}

export const zIomt = iomtSchema(zDetectorSpec);

export type IomtSection = z.output<typeof zIomt>;

/** Consensus nodes the consortium places: one per seat (each hospital's, the lab's, the insurer's, the regulator's). */
export function consortiumSeats(iomt: IomtSection): number {
  const c = iomt.consortium;
  return iomt.hospitals * c.nodesPerHospital + c.lab + c.insurer + c.regulator;
}
