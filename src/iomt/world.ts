/**
 * Builds and runs one IoMT world on an engine: the consortium's replicas (each with its own
 * IomtLedgerApp, seeded with the same genesis state), stores, care teams, administrations,
 * portals, gateways, devices, clinicians and researchers, placed per topology.ts. The consensus
 * protocol is a parameter (a ProtocolDefinition), so the same world runs on PBFT or any other.
 */
import type { DetectorDefinition } from './detector-kinds/definition.ts';
import { Engine, type ActorContext, type ActorFactory, type DistributionSpec } from '../../sim/index.ts';
import { KeyRing, type Block, type SigningKey, type CryptoCosts, type CryptoMode, type Transaction } from '../ledger/index.ts';
import type { ReplicaSettings } from '../protocols/types.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { IomtLedgerApp } from '../contracts/index.ts';
import type { CheckOutcome, Metrics } from '../metrics/types.ts';
import type { RegistryView } from './admission.ts';
import type { AlertRule } from './alert-rules.ts';
import { CareTeam } from './care-team.ts';
import { AccessClient, DeviceAdmin, PatientPortal } from './clients.ts';
import { IomtCollector } from './collector.ts';
import type { DetectorSpec } from './detector-bank.ts';
import { Device } from './device.ts';
import type { IomtEvent } from './events.ts';
import { Gateway, type GatewayDevice } from './gateway.ts';
import type { LedgerEndpoint } from './ledger-client.ts';
import type { DeviceKind, DeviceProfile } from './profiles.ts';
import { pseudonym } from './pseudonym.ts';
import { placeConsortium, type ReplicaDeployment, type WrapReplica } from '../protocols/consortium/placement.ts';
import { OffChainStore, type PermitCheck, type StoreOptions } from './store.ts';
import { buildTopology, latencyMatrix, type Topology } from './topology.ts';
import { PatientVitals, type Episode, type EpisodeConfig } from './vitals.ts';

export interface IomtWorldConfig {
  readonly seed: number;
  readonly durationUs: number;
  readonly warmupUs: number;
  readonly protocol: ProtocolDefinition;
  readonly replicaSettings: ReplicaSettings;
  readonly batchSize: number;
  readonly batchTimeoutUs: number;
  readonly blockSizeMaxBytes: number;
  readonly cryptoMode: CryptoMode;
  readonly cryptoCosts: CryptoCosts;
  /** Processor cores of each consortium node (gateways and devices have one). */
  readonly nodeCores?: number;
  readonly hospitals: number;
  readonly wardsPerHospital: number;
  readonly bedsPerWard: number;
  readonly devicesPerBed: Readonly<Record<DeviceKind, number>>;
  readonly profiles: Readonly<Record<DeviceKind, DeviceProfile>>;
  readonly noiseScale: number;
  readonly clockDrift: boolean;
  /** Devices start at a random phase of their interval (false: all at one interval; for closed forms). */
  readonly randomPhase: boolean;
  readonly consortium: { readonly nodesPerHospital: number; readonly lab: number; readonly insurer: number; readonly regulator: number };
  readonly links: { readonly radioUs: DistributionSpec; readonly lanUs: DistributionSpec; readonly wanUs: DistributionSpec; readonly deviceUploadBps: number; readonly siteBandwidthBps: number; readonly lossProbability: number; readonly receiveQueueing?: boolean };
  readonly gateway: { readonly batchIntervalUs: number; readonly batchMaxReadings: number; readonly freshnessUs: number; readonly rateLimitFactor: number; readonly rateLimitBurst: number; readonly rateWindowUs: number; readonly recordAlertsOnChain: boolean };
  readonly store: StoreOptions;
  readonly episodes: EpisodeConfig;
  readonly rules: readonly AlertRule[];
  readonly detectors: readonly DetectorSpec[];
  /** The detector kinds `detectors` name (the registry, plus a scenario's plug-ins). */
  readonly detectorKinds?: readonly DetectorDefinition[];
  readonly access: { readonly cliniciansPerWard: number; readonly clinicianRatePerHour: number; readonly breakGlassProbability: number; readonly researchers: number; readonly researcherRatePerHour: number; readonly researchConsentFraction: number; readonly revocationsPerHour: number };
  readonly identity: { readonly actionsPerHour: number; readonly revokeFraction: number };
  readonly retransmitUs: number;
  /** Wrap replica i's actor factory (Byzantine behaviour from an attack plan). */
  readonly wrapReplica?: WrapReplica;
}

/** Optional hooks of a world's builder (src/attacks wraps devices and gateways through it). */
export interface IomtWorldHooks {
  wrapActor?(role: 'device' | 'gateway' | 'clinician', id: number, factory: ActorFactory<unknown>): ActorFactory<unknown>;
}

/** Signer ids for device keys start here, above any host id. */
const DEVICE_SIGNER_BASE = 1 << 24;
const HOUR_US = 3_600_000_000;

export class IomtWorld {
  readonly engine: Engine;
  readonly topology: Topology;
  readonly apps: IomtLedgerApp[] = [];
  readonly collector: IomtCollector;
  readonly vitals: PatientVitals[] = [];
  readonly patientPseudonyms: string[] = [];
  readonly deviceNames: string[] = [];
  readonly gateways: Gateway[] = [];
  readonly devices: Device[] = [];
  readonly stores: OffChainStore[] = [];
  readonly keyRing: KeyRing;
  /** The consortium's replicas (placed by src/protocols/consortium/placement.ts), with the world's leader tracker. */
  readonly consortium: ReplicaDeployment;
  /** Each device's initial signing key, by device number (what an attacker with physical access extracts). */
  readonly deviceKeys: readonly SigningKey[];
  private nextSigner = DEVICE_SIGNER_BASE;

  constructor(readonly config: IomtWorldConfig, hooks: IomtWorldHooks = {}) {
    const wrap = (role: 'device' | 'gateway' | 'clinician', id: number, f: ActorFactory<unknown>): ActorFactory<unknown> => hooks.wrapActor?.(role, id, f) ?? f;
    const c = config;
    const topo = buildTopology({ ...c, cliniciansPerWard: c.access.cliniciansPerWard, researchers: c.access.researchers });
    this.topology = topo;
    const lossProbability = c.links.lossProbability;
    this.engine = new Engine({ seed: c.seed, network: { regions: topo.regions, latencyUs: latencyMatrix(topo.regions.length, c.links.radioUs, c.links.lanUs, c.links.wanUs), lossProbability, receiveQueueing: c.links.receiveQueueing ?? true } });
    const engine = this.engine;
    const ring = new KeyRing(c.cryptoMode, c.seed);
    this.keyRing = ring;

    // Patients: vitals, episodes (ground truth), pseudonyms on chain and real identifiers off chain.
    const patientRng = engine.rng.stream('patients');
    const identifiers: string[] = [];
    const episodes: Episode[] = [];
    for (let p = 0; p < topo.patients; p++) {
      const v = new PatientVitals(p, patientRng.stream(`patient:${p}`), c.episodes, c.durationUs);
      this.vitals.push(v);
      episodes.push(...v.episodes);
      this.patientPseudonyms.push(pseudonym('pt', c.seed, p));
      identifiers.push(`MRN${String(p).padStart(7, '0')}`, `Patient${p} Family${p}`);
    }
    for (const d of topo.devices) this.deviceNames.push(`dev_${d.index}`);
    this.collector = new IomtCollector(c.rules, episodes, identifiers, c.warmupUs);

    const nodeHosts = topo.nodes.map((n) => n.host);
    const endpoint: LedgerEndpoint = { replicaHosts: nodeHosts, repliesNeeded: c.protocol.faultModel.repliesNeeded(nodeHosts.length), retransmitUs: c.retransmitUs };
    const gatewayHosts = topo.hospitals.flatMap((h) => h.gateways);
    const alertRules = c.rules.map((r) => r.name);

    // Device keys and the genesis state every replica starts from.
    const deviceKeys = topo.devices.map(() => ring.issue(this.nextSigner++));
    this.deviceKeys = deviceKeys;
    const { genesis, consentsByHospital } = this.genesis(topo, deviceKeys.map((k) => k.signer));
    const genesisBlock: Block = { hash: '0'.repeat(64), parentHash: '0'.repeat(64), height: 0, proposer: -1, timestampUs: 0, merkleRoot: '0'.repeat(64), txs: genesis, sizeBytes: 0 };
    const collector = this.collector;
    engine.observe((_host, event, timeUs) => {
      const k = event.kind;
      if (k === 'alarm' || k.startsWith('iomt-')) collector.onEvent(event as IomtEvent, timeUs);
    });

    const siteLink = (region: number) => ({ region, uploadBitsPerSec: c.links.siteBandwidthBps, downloadBitsPerSec: c.links.siteBandwidthBps });
    const deviceLink = { region: 0, uploadBitsPerSec: c.links.deviceUploadBps, downloadBitsPerSec: c.links.deviceUploadBps };
    const nodeView = (host: number) => () => this.apps[host]!;

    // Hosts in the order the topology laid out.
    this.consortium = placeConsortium(engine, {
      protocol: c.protocol,
      places: topo.nodes.map((n) => ({ placement: siteLink(n.region), streamName: `node:${n.host}` })),
      ...(c.nodeCores === undefined ? {} : { cores: c.nodeCores }),
      settings: c.replicaSettings,
      batchSize: c.batchSize,
      batchTimeoutUs: c.batchTimeoutUs,
      blockSizeMaxBytes: c.blockSizeMaxBytes,
      costs: c.cryptoCosts,
      keyRing: ring,
      applicationFor: (i) => {
        const app = new IomtLedgerApp({ gateways: gatewayHosts, alertRules });
        app.applyGenesis(genesis, genesisBlock);
        app.listener = (o) => collector.onOutcome(o, engine.nowUs);
        this.apps[topo.nodes[i]!.host] = app;
        return app;
      },
      wrapReplica: c.wrapReplica,
    });
    if (this.consortium.replicaHosts.some((h, i) => h !== topo.nodes[i]!.host)) throw new Error('topology: consortium nodes must be the first hosts');
    const devicesOfGateway = new Map<number, GatewayDevice[]>();
    for (const d of topo.devices) {
      let list = devicesOfGateway.get(d.gateway);
      if (list === undefined) devicesOfGateway.set(d.gateway, (list = []));
      list.push({ device: d.index, patient: d.patient, profile: c.profiles[d.kind] });
    }
    let deviceCursor = 0;
    let clinicianCursor = 0;
    for (const hosp of topo.hospitals) {
      const region = hosp.region;
      const node = hosp.node;
      const registry = this.registryView(node);
      this.expectHost(engine.addHost(siteLink(region), (ctx: ActorContext<unknown>) => {
        const s = new OffChainStore(ctx, c.store, this.permitCheck(node));
        this.stores.push(s);
        return s;
      }, `store:${hosp.index}`), hosp.store);
      this.expectHost(engine.addHost(siteLink(region), (ctx: ActorContext<unknown>) => new CareTeam(ctx), `care:${hosp.index}`), hosp.careTeam);
      const managed = topo.devices.filter((d) => d.hospital === hosp.index).map((d) => ({ name: this.deviceNames[d.index]!, host: d.host }));
      this.expectHost(engine.addHost(siteLink(region), (ctx: ActorContext<unknown>) =>
        new DeviceAdmin(ctx, { ledger: endpoint, node: nodeView(node), ratePerHour: c.identity.actionsPerHour, devices: managed, keyRing: ring, newSignerId: () => this.nextSigner++, revokeFraction: c.identity.revokeFraction }),
      `admin:${hosp.index}`), hosp.admin);
      this.expectHost(engine.addHost(siteLink(region), (ctx: ActorContext<unknown>) =>
        new PatientPortal(ctx, { ledger: endpoint, node: nodeView(node), ratePerHour: c.access.revocationsPerHour, consents: consentsByHospital[hosp.index]! }),
      `portal:${hosp.index}`), hosp.portal);
      for (const g of hosp.gateways) {
        this.expectHost(engine.addHost(siteLink(region), wrap('gateway', g, (ctx: ActorContext<unknown>) => {
          const gw = new Gateway(ctx, {
            devices: devicesOfGateway.get(g) ?? [],
            patientPseudonyms: this.patientPseudonyms,
            admission: { freshnessUs: c.gateway.freshnessUs, rateLimitFactor: c.gateway.rateLimitFactor, rateLimitBurst: c.gateway.rateLimitBurst },
            registry,
            alertRecorded: (alert) => this.apps[node]!.alerts.recorded(alert),
            nodeHeight: () => this.apps[node]!.executedHeight,
            verifier: ring,
            crypto: c.cryptoCosts,
            rules: c.rules,
            detectors: c.detectors,
            ...(c.detectorKinds === undefined ? {} : { detectorKinds: c.detectorKinds }),
            rateWindowUs: c.gateway.rateWindowUs,
            batchIntervalUs: c.gateway.batchIntervalUs,
            batchMaxReadings: c.gateway.batchMaxReadings,
            store: hosp.store,
            careTeam: hosp.careTeam,
            ledger: endpoint,
            recordAlertsOnChain: c.gateway.recordAlertsOnChain,
          });
          this.gateways.push(gw);
          return gw;
        }), `gateway:${g}`), g);
      }
      for (let w = 0; w < c.wardsPerHospital; w++) {
        while (deviceCursor < topo.devices.length && topo.devices[deviceCursor]!.hospital === hosp.index && topo.devices[deviceCursor]!.ward === w) {
          const d = topo.devices[deviceCursor++]!;
          this.expectHost(engine.addHost(deviceLink, wrap('device', d.index, (ctx: ActorContext<unknown>) => {
            const dev = new Device(ctx, { index: d.index, gateway: d.gateway, profile: c.profiles[d.kind], vitals: this.vitals[d.patient]!, key: deviceKeys[d.index]!, verifier: ring, crypto: c.cryptoCosts, noiseScale: c.noiseScale, clockDrift: c.clockDrift, randomPhase: c.randomPhase });
            this.devices.push(dev);
            return dev;
          }), `device:${d.index}`), d.host);
        }
        while (clinicianCursor < topo.clinicians.length && topo.clinicians[clinicianCursor]!.hospital === hosp.index && topo.clinicians[clinicianCursor]!.ward === w) {
          const cl = topo.clinicians[clinicianCursor++]!;
          const patients = this.clinicianPatients(topo, cl.hospital, cl.ward);
          this.expectHost(engine.addHost(siteLink(region), wrap('clinician', cl.host, (ctx: ActorContext<unknown>) =>
            new AccessClient(ctx, { role: 'clinician', pseudonym: pseudonym('cl', c.seed, cl.host), ledger: endpoint, node: nodeView(node), ratePerHour: c.access.clinicianRatePerHour, patients, breakGlassProbability: c.access.breakGlassProbability })),
          `clinician:${cl.host}`), cl.host);
        }
      }
    }
    const allPatients = this.patientTargets(topo, () => true);
    for (const r of topo.researchers) {
      const region = topo.nodes.find((n) => n.host === topo.researchNode)!.region;
      this.expectHost(engine.addHost(siteLink(region), (ctx: ActorContext<unknown>) =>
        new AccessClient(ctx, { role: 'researcher', pseudonym: pseudonym('rs', c.seed, r), ledger: endpoint, node: nodeView(topo.researchNode), ratePerHour: c.access.researcherRatePerHour, patients: allPatients, breakGlassProbability: 0 }),
      `researcher:${r}`), r);
    }
  }

  run(): void {
    this.engine.run(this.config.durationUs);
  }

  /** The app of the replica that executed the most (the most advanced committed state). */
  leadingApp(): IomtLedgerApp {
    let best = this.apps[0]!;
    for (const a of this.apps) if (a !== undefined && a.executed > best.executed) best = a;
    return best;
  }

  /** Hosts that submit transactions: administrations, portals, gateways, clinicians, researchers. */
  ledgerClientHosts(): number[] {
    const t = this.topology;
    return t.hostRoles.flatMap((role, h) => (role === 'admin' || role === 'portal' || role === 'gateway' || role === 'clinician' || role === 'researcher' ? [h] : []));
  }

  readingsAccepted(): number {
    let n = 0;
    for (const g of this.gateways) n += g.accepted;
    return n;
  }

  /** IoMT metrics and checks; call after `run`. Audit completeness is judged on the leading replica's log. */
  finish(): { metrics: Metrics; checks: CheckOutcome[] } {
    const audited = new Set(this.leadingApp().audit.entries.map((e) => e.ref));
    let alertsRefused = 0;
    for (const g of this.gateways) alertsRefused += g.alertsRefused;
    return this.collector.finish({ durationUs: this.config.durationUs, accepted: this.readingsAccepted(), alertsRefused, auditedRefs: audited });
  }

  private expectHost(actual: number, expected: number): void {
    if (actual !== expected) throw new Error(`topology: host placed at ${actual}, expected ${expected}`);
  }

  /**
   * A gateway's view of the registry at its node's committed state. Lookups are cached per device
   * and the cache is dropped whenever the registry changes (its version moves), so the view is
   * always exact while a reading costs an array read.
   */
  private registryView(node: number): RegistryView {
    const names = this.deviceNames;
    const UNKNOWN = -2;
    const keyOf = new Float64Array(names.length).fill(UNKNOWN);
    const gatewayOf = new Float64Array(names.length);
    let version = -1;
    return {
      registeredKey: (device, gateway) => {
        const registry = this.apps[node]!.registry;
        if (registry.version !== version) {
          keyOf.fill(UNKNOWN);
          version = registry.version;
        }
        let key = keyOf[device];
        if (key === undefined) return -1;
        if (key === UNKNOWN) {
          const rec = registry.devices.get(names[device]!);
          key = rec === undefined || rec.status !== 'active' ? -1 : Number(rec.keyId);
          keyOf[device] = key;
          gatewayOf[device] = rec?.gateway ?? -1;
        }
        return gatewayOf[device] === gateway ? key : -1;
      },
    };
  }

  /** The store's permit check against its hospital's node's committed AccessControl state. */
  private permitCheck(node: number): PermitCheck {
    const patientOfDevice = this.topology.devices.map((d) => this.patientPseudonyms[d.patient]!);
    return (request, requester, device) => {
      const access = this.apps[node]!.access;
      if (access.decisionOf(request) === undefined) return undefined;
      const patient = patientOfDevice[device];
      return patient !== undefined && access.permits(request, requester, patient);
    };
  }

  /** Patients a clinician asks about: those of its own ward (consented) and of the next ward (not). */
  private clinicianPatients(topo: Topology, hospital: number, ward: number) {
    const next = (ward + 1) % this.config.wardsPerHospital;
    return this.patientTargets(topo, (d) => d.hospital === hospital && (d.ward === ward || d.ward === next));
  }

  private patientTargets(topo: Topology, include: (d: Topology['devices'][number]) => boolean) {
    const byPatient = new Map<number, { patient: number; pseudonym: string; device: number; store: number }>();
    for (const d of topo.devices) {
      if (!include(d)) continue;
      const prior = byPatient.get(d.patient);
      // Read the patient's pulse oximeter when there is one (its records are the most recent).
      if (prior === undefined || d.kind === 'pulseOximeter') {
        byPatient.set(d.patient, { patient: d.patient, pseudonym: this.patientPseudonyms[d.patient]!, device: d.index, store: topo.hospitals[d.hospital]!.store });
      }
    }
    return [...byPatient.values()];
  }

  /** Genesis: every device enrolled; treatment consents to the ward's clinicians; research consents. */
  private genesis(topo: Topology, signers: readonly number[]): { genesis: Transaction[]; consentsByHospital: { consent: string; patient: string }[][] } {
    const c = this.config;
    const txs: Transaction[] = [];
    let id = 0;
    const tx = (contract: string, method: string, args: Record<string, unknown>): void => {
      txs.push({ id: -1 - id++, sender: -1, sizeBytes: 0, payloadDigest: '', submittedUs: 0, call: { contract, method, args } });
    };
    for (const d of topo.devices) {
      tx('DeviceRegistry', 'enrol', { device: this.deviceNames[d.index]!, keyId: String(signers[d.index]!), deviceType: d.kind, patient: this.patientPseudonyms[d.patient]!, gateway: d.gateway });
    }
    const consentsByHospital: { consent: string; patient: string }[][] = topo.hospitals.map(() => []);
    const wardOfPatient = new Map<number, { hospital: number; ward: number }>();
    for (const d of topo.devices) wardOfPatient.set(d.patient, { hospital: d.hospital, ward: d.ward });
    const rng = this.engine.rng.stream('genesis-consent');
    const periodEndUs = c.durationUs + HOUR_US;
    for (const [patient, at] of wardOfPatient) {
      const pt = this.patientPseudonyms[patient]!;
      for (const cl of topo.clinicians) {
        if (cl.hospital !== at.hospital || cl.ward !== at.ward) continue;
        const consent = `con_${patient}_${cl.host}`;
        tx('Consent', 'grant', { consent, patient: pt, grantee: pseudonym('cl', c.seed, cl.host), scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs, provision: 'permit' });
        consentsByHospital[at.hospital]!.push({ consent, patient: pt });
      }
      if (rng.float() < c.access.researchConsentFraction) {
        for (const r of topo.researchers) {
          const consent = `con_${patient}_${r}`;
          tx('Consent', 'grant', { consent, patient: pt, grantee: pseudonym('rs', c.seed, r), scope: 'research', purpose: 'HRESCH', periodStartUs: 0, periodEndUs, provision: 'permit' });
          consentsByHospital[at.hospital]!.push({ consent, patient: pt });
        }
      }
    }
    return { genesis: txs, consentsByHospital };
  }
}
