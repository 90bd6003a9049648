/**
 * The IoMT run model: a scenario with an `iomt:` section becomes an IomtWorld (devices, gateways,
 * stores, clients, and the consortium running the scenario's protocol with the framework's
 * contracts), watched by the consensus checkers and collector as well as the IoMT collector.
 */
import { DEFAULT_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { DEFAULT_ALERT_RULES, type AlertRule } from '../../iomt/alert-rules.ts';
import type { DetectorSpec } from '../../iomt/detector-bank.ts';
import { DEFAULT_PROFILES, DEVICE_KINDS, type DeviceKind, type DeviceProfile } from '../../iomt/profiles.ts';
import { IomtWorld, type IomtWorldConfig } from '../../iomt/world.ts';
import { distributionsOf } from '../../metrics/distribution.ts';
import type { RunOutput } from '../../metrics/types.ts';
import { protocolByName } from '../../protocols/index.ts';
import type { ProtocolModule, ViewChangeEvent } from '../../protocols/types.ts';
import { inputError } from '../../scenario/errors.ts';
import type { Scenario } from '../../scenario/index.ts';
import { replicaSettings } from '../../scenario/sections/consensus.ts';
import type { IomtSection } from '../../scenario/sections/iomt.ts';
import { planAttacks } from '../../attacks/plan.ts';
import { IomtAttackPlan } from '../../attacks/iomt/plan.ts';
import { ConsensusMonitor, type ConsensusWorld, type ReplicaDeployment } from './consensus.ts';
import { outsideFaultModel } from './fault-windows.ts';
import { latencyDistribution } from './network.ts';

export interface IomtRunOptions {
  /** Use this module instead of the scenario's protocol (tests). */
  readonly protocol?: ProtocolModule;
  /** Adjust the world before it runs (tests schedule faults here). */
  readonly setup?: (world: IomtWorld) => void;
}

/** The world configuration a scenario describes. */
export function iomtWorldConfig(scenario: Scenario, seed: number, protocolOverride?: ProtocolModule): IomtWorldConfig {
  const s = scenario.iomt;
  if (s === undefined) throw inputError(scenario.name, 'iomt', 'an iomt section', 'none');
  const c = scenario.consensus;
  const protocol = protocolOverride ?? protocolByName(c.protocol);
  if (protocol === undefined) throw inputError(scenario.name, 'consensus.protocol', 'a registered protocol', c.protocol);
  const nodes = s.hospitals * s.consortium.nodesPerHospital + s.consortium.lab + s.consortium.insurer + s.consortium.regulator;
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
    cryptoMode: c.crypto,
    cryptoCosts: c.cryptoCosts ?? DEFAULT_CRYPTO_COSTS,
    hospitals: s.hospitals,
    wardsPerHospital: s.wardsPerHospital,
    bedsPerWard: s.bedsPerWard,
    devicesPerBed: s.devicesPerBed,
    profiles: profiles(s),
    noiseScale: s.noiseScale,
    clockDrift: s.clockDrift,
    randomPhase: true,
    consortium: s.consortium,
    links: {
      radioUs: latencyDistribution(s.links.radio, 'iomt.links.radio'),
      lanUs: latencyDistribution(s.links.lan, 'iomt.links.lan'),
      wanUs: latencyDistribution(s.links.wan, 'iomt.links.wan'),
      deviceUploadBps: s.links.deviceUpload,
      siteBandwidthBps: s.links.siteBandwidth,
      lossProbability: scenario.network.loss,
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
    rules: rules(s),
    detectors: s.detectors as readonly DetectorSpec[],
    access: s.access,
    identity: s.identity,
    retransmitUs: s.retransmit,
  };
}

function profiles(s: IomtSection): Record<DeviceKind, DeviceProfile> {
  const out = { ...DEFAULT_PROFILES };
  for (const kind of DEVICE_KINDS) {
    const o = s.profiles[kind];
    if (o === undefined) continue;
    const d = DEFAULT_PROFILES[kind];
    out[kind] = {
      ...d,
      intervalUs: o.interval ?? d.intervalUs,
      jitterUs: o.jitter ?? d.jitterUs,
      payloadBytes: o.payload ?? d.payloadBytes,
      clockDriftPpm: o.clockDriftPpm ?? d.clockDriftPpm,
      processingLagUs: o.processingLag ?? d.processingLagUs,
    };
  }
  return out;
}

function rules(s: IomtSection): readonly AlertRule[] {
  if (s.rules === undefined) return DEFAULT_ALERT_RULES;
  return s.rules.map((r) => ({ name: r.name, channel: r.channel, op: r.op, threshold: r.threshold, holdUs: r.hold, targetUs: r.target }));
}

/** One run of an IoMT scenario with one seed; the scenario's `attacks:` act on its consortium as in the consensus model. */
export function runIomtScenario(scenario: Scenario, seed: number, options: IomtRunOptions = {}): RunOutput {
  const base = iomtWorldConfig(scenario, seed, options.protocol);
  const attacks = scenario.attacks;
  const s = scenario.iomt!;
  // Ledger clients, in host order: per hospital its administration, portal, gateways and clinicians; then researchers.
  const clients = s.hospitals * (2 + s.wardsPerHospital * (1 + s.access.cliniciansPerWard)) + s.access.researchers;
  const faults = attacks.length > 0 ? planAttacks(attacks, { replicas: scenario.consensus.nodes, clients, maxFaulty: base.protocol.faultModel.maxFaulty(scenario.consensus.nodes) }) : undefined;
  // Device and gateway attacks wrap devices and gateways through the world's hook (src/attacks/iomt).
  const deviceAttacks = IomtAttackPlan.appliesTo(attacks) ? new IomtAttackPlan(attacks) : undefined;
  const world = new IomtWorld(faults === undefined ? base : { ...base, wrapReplica: (i, f) => faults.wrapReplica(i, f) }, deviceAttacks?.hooks);
  deviceAttacks?.install(world);
  const c = world.config;
  const replicaHosts = world.topology.nodes.map((n) => n.host);
  const ledger: ReplicaDeployment = {
    protocol: c.protocol,
    replicaHosts,
    applications: replicaHosts.map((h) => world.apps[h]!),
    keyRing: world.keyRing,
    costs: c.cryptoCosts,
    repliesNeeded: c.protocol.faultModel.repliesNeeded(replicaHosts.length),
    currentLeader: () => leader,
  };
  // The leader is the one the latest view change announced (PBFT §4.4); the first replica until then.
  let leader = replicaHosts[0]!;
  let leaderView = -1;
  world.engine.observe((host, event) => {
    if (event.kind !== 'view-change' || !replicaHosts.includes(host)) return;
    const e = event as ViewChangeEvent;
    if (e.view > leaderView) {
      leaderView = e.view;
      leader = e.leader;
    }
  });
  const byzantineHosts = new Set((faults?.byzantineReplicas() ?? []).map((i) => replicaHosts[i]!));
  const monitor = new ConsensusMonitor(world.engine, scenario, ledger, { byzantineHosts });
  if (faults !== undefined && world.ledgerClientHosts().length !== clients) throw new Error('iomt: ledger client count does not match the topology');
  const attackWorld: ConsensusWorld = {
    engine: world.engine,
    replicaHosts,
    clientHosts: world.ledgerClientHosts(),
    currentLeader: () => leader,
    endUs: scenario.duration,
    excuseLiveness: (a, b) => monitor.liveness.excuse(a, b),
  };
  for (const [a, b] of outsideFaultModel(attacks, c.protocol.faultModel.maxFaulty(replicaHosts.length), scenario.duration)) attackWorld.excuseLiveness(a, b);
  faults?.install(attackWorld);
  options.setup?.(world);
  world.run();
  const consensus = monitor.finish();
  const iomt = world.finish();
  const collector = world.collector;
  const distributions = {
    ...consensus.distributions,
    ...distributionsOf({
      'iomt.alert_latency_ms': { histogram: collector.alertFast, unit: 'ms' },
      'iomt.alert_latency_onchain_ms': { histogram: collector.alertChain, unit: 'ms' },
      'iomt.durable_latency_ms': { histogram: collector.durable, unit: 'ms' },
      'iomt.anchor_latency_ms': { histogram: collector.anchored, unit: 'ms' },
    }),
  };
  return {
    metrics: { ...consensus.metrics, ...iomt.metrics, ...(faults?.outcomes() ?? {}), ...(deviceAttacks?.outcomes() ?? {}) },
    checks: [...consensus.checks, ...iomt.checks],
    traceHash: world.engine.traceHash(),
    eventsProcessed: world.engine.eventsProcessed,
    simulatedUs: world.engine.nowUs,
    timeseries: consensus.timeseries,
    ...(Object.keys(distributions).length > 0 ? { distributions } : {}),
  };
}
