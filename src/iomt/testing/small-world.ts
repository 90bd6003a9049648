/** A small IoMT world configuration for tests. */
import { DEFAULT_CRYPTO_COSTS } from '../../ledger/index.ts';
import { defaultReplicaSettings } from '../../protocols/definition.ts';
import type { ProtocolDefinition } from '../../protocols/definition.ts';
import { DEFAULT_ALERT_RULES } from '../alert-rules.ts';
import { DEFAULT_PROFILES, devicesOfEachKind } from '../profiles.ts';
import type { IomtWorldConfig } from '../world.ts';

export function smallWorldConfig(protocol: ProtocolDefinition, overrides: Partial<IomtWorldConfig> = {}): IomtWorldConfig {
  return {
    seed: 1,
    durationUs: 300_000_000,
    warmupUs: 0,
    protocol,
    replicaSettings: defaultReplicaSettings(protocol),
    batchSize: 10,
    batchTimeoutUs: 200_000,
    blockSizeMaxBytes: 524_288,
    cryptoMode: 'symbolic',
    cryptoCosts: DEFAULT_CRYPTO_COSTS,
    hospitals: 1,
    wardsPerHospital: 2,
    bedsPerWard: 3,
    devicesPerBed: devicesOfEachKind(1),
    profiles: DEFAULT_PROFILES,
    noiseScale: 1,
    clockDrift: true,
    randomPhase: true,
    consortium: { nodesPerHospital: 1, lab: 1, insurer: 1, regulator: 1 },
    links: { radioUs: { kind: 'fixed', value: 5_000 }, lanUs: { kind: 'fixed', value: 1_000 }, wanUs: { kind: 'fixed', value: 10_000 }, deviceUploadBps: 1_000_000, siteBandwidthBps: 1e9, lossProbability: 0 },
    gateway: { batchIntervalUs: 5_000_000, batchMaxReadings: 1_000, freshnessUs: 30_000_000, rateLimitFactor: 4, rateLimitBurst: 5, rateWindowUs: 10_000_000, recordAlertsOnChain: true },
    store: { writeLatencyUs: 10_000, readLatencyUs: 5_000, throughputBytesPerSec: 1e8, capacityBytes: 1e12, retainUs: 120_000_000 },
    episodes: { ratePerHour: { desaturation: 2, tachycardia: 2 }, durationMinUs: 60_000_000, durationMaxUs: 120_000_000, notBeforeUs: 30_000_000 },
    rules: DEFAULT_ALERT_RULES,
    detectors: [],
    access: { cliniciansPerWard: 1, clinicianRatePerHour: 60, breakGlassProbability: 0.05, researchers: 1, researcherRatePerHour: 60, researchConsentFraction: 0.5, revocationsPerHour: 20 },
    identity: { actionsPerHour: 0, revokeFraction: 0 },
    retransmitUs: 4_000_000,
    noticeHeartbeatUs: 1_000_000,
    ...overrides,
  };
}
