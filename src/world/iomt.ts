/**
 * The IoMT configuration of a world: a scenario with an `iomt:` section becomes an IomtWorld
 * (devices, gateways, stores, clients, and the consortium running the scenario's protocol with the
 * framework's contracts), its device attacks wired through the world's actor hooks, and the IoMT
 * collector's metrics, checks and latency distributions added to the consensus ones; without a
 * device attack, its device detectors are scored here against an empty ground truth.
 */
import type { PartitionPlan } from '../../sim/index.ts';
import { GroundTruth } from '../attacks/ground-truth.ts';
import { deviceDetectionScorer } from '../attacks/iomt/detection.ts';
import { DEFAULT_CRYPTO_COSTS } from '../ledger/crypto.ts';
import { alertRulesOf } from '../iomt/alert-rules.ts';
import type { DetectorSpec } from '../iomt/detector-bank.ts';
import { deviceProfiles } from '../iomt/profiles.ts';
import { linkBetween } from '../iomt/topology.ts';
import { IomtWorld, type IomtHostTotals, type IomtWorldConfig } from '../iomt/world.ts';
import { queueLimitUs } from '../scenario/sections/network.ts';
import { distributionsOf } from '../metrics/distribution.ts';
import { protocolIn, registriesFor } from '../plugins/registries.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { inputError } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/index.ts';
import { replicaSettings } from '../scenario/sections/consensus.ts';
import { consortiumSeats, type IomtSection } from '../scenario/sections/iomt.ts';
import type { WorldConfiguration } from './assemble.ts';
import { latencyDistribution } from './network.ts';

export interface IomtWorldOptions {
  /** Use this module instead of the scenario's protocol (tests). */
  readonly protocol?: ProtocolDefinition;
  /** Run one partition of the hosts (src/world/threads/). */
  readonly partition?: PartitionPlan;
}

/** The world configuration a scenario describes. */
export function iomtWorldConfig(scenario: Scenario, seed: number, protocolOverride?: ProtocolDefinition): IomtWorldConfig {
  const s = scenario.iomt;
  if (s === undefined) throw inputError(scenario.name, 'iomt', 'an iomt section', 'none');
  const c = scenario.consensus;
  const protocol = protocolOverride ?? protocolIn(registriesFor(scenario.plugins), c.protocol);
  if (protocol === undefined) throw inputError(scenario.name, 'consensus.protocol', 'a registered protocol', c.protocol);
  const nodes = consortiumSeats(s);
  if (nodes !== c.nodes) throw inputError(scenario.name, 'consensus.nodes', `${nodes}, the consortium size from iomt.consortium`, String(c.nodes));
  return {
    seed,
    durationUs: scenario.duration,
    warmupUs: scenario.warmup,
    protocol,
    replicaSettings: replicaSettings(c, protocol),
    batchSize: c.batchSize,
    batchTimeoutUs: c.batchTimeout,
    blockSizeMaxBytes: c.blockSizeMax,
    nodeCores: c.cores,
    cryptoMode: c.crypto,
    cryptoCosts: c.cryptoCosts ?? DEFAULT_CRYPTO_COSTS,
    hospitals: s.hospitals,
    wardsPerHospital: s.wardsPerHospital,
    bedsPerWard: s.bedsPerWard,
    devicesPerBed: s.devicesPerBed,
    profiles: deviceProfiles(s.profiles),
    noiseScale: s.noiseScale,
    clockDrift: s.clockDrift,
    randomPhase: true,
    consortium: s.consortium,
    links: {
      radioUs: latencyDistribution(s.links.radio),
      lanUs: latencyDistribution(s.links.lan),
      wanUs: latencyDistribution(s.links.wan),
      deviceUploadBps: s.links.deviceUpload,
      siteBandwidthBps: s.links.siteBandwidth,
      // The only network fields an IoMT world reads: the loader refuses the others
      // (src/scenario/consistency-check.ts), which would otherwise do nothing.
      lossProbability: scenario.network.loss,
      receiveQueueing: scenario.network.receiveQueueing,
      queueLimitUs: queueLimitUs(scenario.network.queueLimit),
    },
    gateway: {
      batchIntervalUs: s.gateway.batchInterval,
      batchMaxReadings: s.gateway.batchMaxReadings,
      freshnessUs: s.gateway.freshness,
      rateLimitFactor: s.gateway.rateLimitFactor,
      rateLimitBurst: s.gateway.rateLimitBurst,
      rateWindowUs: s.gateway.rateWindow,
      recordAlertsOnChain: s.gateway.recordAlertsOnChain,
    },
    store: { writeLatencyUs: s.store.writeLatency, readLatencyUs: s.store.readLatency, throughputBytesPerSec: s.store.throughput / 8, capacityBytes: s.store.capacity, retainUs: s.store.retain },
    episodes: {
      ratePerHour: { desaturation: s.episodes.desaturationPerHour, tachycardia: s.episodes.tachycardiaPerHour },
      durationMinUs: s.episodes.durationMin,
      durationMaxUs: Math.max(s.episodes.durationMin, s.episodes.durationMax),
      notBeforeUs: s.episodes.notBefore,
    },
    rules: alertRulesOf(s.rules),
    detectors: s.detectors as readonly DetectorSpec[],
    detectorKinds: registriesFor(scenario.plugins).detectors,
    access: s.access,
    identity: s.identity,
    retransmitUs: s.retransmit,
    noticeHeartbeatUs: s.noticeHeartbeat,
  };
}

/** Ledger clients, in host order: per hospital its administration, portal, gateways and clinicians; then researchers. */
function ledgerClientCount(s: IomtSection): number {
  return s.hospitals * (2 + s.wardsPerHospital * (1 + s.access.cliniciansPerWard)) + s.access.researchers;
}

export function iomtConfiguration(scenario: Scenario, seed: number, options: IomtWorldOptions = {}): WorldConfiguration<IomtWorld> {
  const config = iomtWorldConfig(scenario, seed, options.protocol);
  const base = options.partition === undefined ? config : { ...config, partition: options.partition };
  const clients = ledgerClientCount(scenario.iomt!);
  return {
    protocol: base.protocol,
    sizes: { replicas: scenario.consensus.nodes, clients },
    build(wrapReplica, plan) {
      const world = new IomtWorld(wrapReplica === undefined ? base : { ...base, wrapReplica }, plan?.deviceHooks);
      plan?.installDevices?.(world);
      // The device attacks score the device detectors against their ground truth; without any,
      // they are scored here against none: every device a negative, every alarm a false one.
      const benign = plan?.deviceHooks === undefined ? deviceDetectionScorer(world, new GroundTruth()) : undefined;
      if (plan !== undefined && world.ledgerClientHosts().length !== clients) throw new Error('iomt: ledger client count does not match the topology');
      const byzantineHosts = () => new Set((plan?.byzantineReplicas() ?? []).map((i) => world.consortium.replicaHosts[i]!));
      return {
        engine: world.engine,
        consortium: world.consortium,
        clientHosts: world.ledgerClientHosts(),
        subject: () => world,
        sites: () => world.sites(),
        latencyField: (fromRegion, toRegion) => ['iomt', 'links', linkBetween(world.topology.radioHome, fromRegion, toRegion)],
        hostTotals: () => world.hostTotals(byzantineHosts()),
        finish(partitions) {
          const iomt = world.finish(byzantineHosts(), partitions as readonly IomtHostTotals[] | undefined);
          const collector = world.collector;
          return {
            ...iomt,
            metrics: { ...iomt.metrics, ...(benign?.metrics() ?? {}) },
            distributions: distributionsOf({
              'iomt.alert_latency_ms': { histogram: collector.alertFast, unit: 'ms' },
              'iomt.alert_latency_onchain_ms': { histogram: collector.alertChain, unit: 'ms' },
              'iomt.durable_latency_ms': { histogram: collector.durable, unit: 'ms' },
              'iomt.anchor_latency_ms': { histogram: collector.anchored, unit: 'ms' },
            }),
          };
        },
      };
    },
  };
}
