/**
 * Builds and runs one IoMT world on an engine: the consortium's replicas (each with its own
 * IomtLedgerApp, seeded with the same genesis state), stores, care teams, administrations,
 * portals, gateways, devices, clinicians and researchers, placed per topology.ts. The consensus
 * protocol is a parameter (a ProtocolDefinition), so the same world runs on PBFT or any other.
 */
import type { DetectorDefinition } from './detector-kinds/definition.ts';
import { Engine, type Actor, type ActorContext, type ActorFactory, type DistributionSpec, type HostId, type HostPlacement, type PartitionPlan } from '../../sim/index.ts';
import { KeyRing, macCostUs, type Block, type SigningKey, type CryptoCosts, type CryptoMode, type Transaction } from '../ledger/index.ts';
import { txAuthenticateCostUs } from '../ledger/tx-authentication.ts';
import type { ReplicaSettings } from '../protocols/types.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { IomtLedgerApp, type AuditEntry, type ConsentRecord, type DeviceAuthority } from '../contracts/index.ts';
import type { CheckOutcome, Metrics } from '../metrics/types.ts';
import { ACTOR_KINDS, type ActorKind, type ConfigOf } from './actor-kinds.ts';
import { consentId, deviceName } from './application-calls.ts';
import type { AlertRule } from './alert-rules.ts';
import { AlteredRecords } from './altered-records.ts';
import { IomtCollector, type ChannelReadingTimes } from './collector.ts';
import { accessEntriesByRequest } from './served-reads.ts';
import { ServedRecordTap } from './served-record-tap.ts';
import { patientName, recordNumber } from './patient-identifiers.ts';
import { ConsortiumNode, type ConsortiumNodeConfig } from './consortium-node.ts';
import { detectorName, type DetectorSpec } from './detector-bank.ts';
import type { AlarmEvent } from './detectors.ts';
import type { Device } from './device.ts';
import type { IomtEvent } from './events.ts';
import type { Gateway, GatewayDevice } from './gateway.ts';
import type { LedgerEndpoint } from './ledger-client.ts';
import type { NodeEndpoint } from './node-link.ts';
import type { NodeQueryService } from './node-service.ts';
import { CHANNEL_INDEX, type DeviceKind, type DeviceProfile } from './profiles.ts';
import { pseudonym } from './pseudonym.ts';
import { ENROLMENT_AUTHORITY_SIGNER, enrolReader, type ReaderCredential } from './reader-credential.ts';
import { placeConsortium, type ReplicaDeployment, type WrapReplica } from '../protocols/consortium/placement.ts';
import { shareable } from './shareable.ts';
import type { OffChainStore, StoreConfig, StoreOptions } from './store.ts';
import { latencyMatrix, sitesOf, topologyOf, type Topology } from './topology.ts';
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
  /** Devices start, and gateways seal their first batch, at a random phase of their interval (false: all at one interval; for closed forms). */
  readonly randomPhase: boolean;
  readonly consortium: { readonly nodesPerHospital: number; readonly lab: number; readonly insurer: number; readonly regulator: number };
  readonly links: { readonly radioUs: DistributionSpec; readonly lanUs: DistributionSpec; readonly wanUs: DistributionSpec; readonly deviceUploadBps: number; readonly siteBandwidthBps: number; readonly lossProbability: number; readonly receiveQueueing?: boolean; readonly queueLimitUs?: number };
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
  /** Period of each node's heartbeat to its subscribers (node-messages.ts). */
  readonly noticeHeartbeatUs: number;
  /** Wrap replica i's actor factory (Byzantine behaviour from an attack plan). */
  readonly wrapReplica?: WrapReplica;
  /** Run one partition of the hosts (src/world/threads/). */
  readonly partition?: PartitionPlan;
}

/**
 * What `finish` reads from hosts' own state, for the hosts one engine ran: in a run split over
 * partitions each partition reports its own, and the coordinator combines them (`finish`).
 */
export interface IomtHostTotals {
  readonly accepted: number;
  /** Readings the devices and other reading sources run here sent (the messages those hosts sent: they send nothing else). */
  readonly readingsSent: number;
  /** Readings of any device or reading source that the network lost where this engine routed or delivered them. */
  readonly readingsLost: number;
  readonly alertsRefused: number;
  /** Per honest replica run here, in node order: its access and break-glass audit entries. */
  readonly audits: readonly { readonly host: HostId; readonly entries: readonly AuditEntry[] }[];
  /** The honest replica run here that executed the most (the first in node order of those), with its consents. */
  readonly leading: { readonly host: HostId; readonly executed: number; readonly consents: ReadonlyMap<string, ConsentRecord> } | null;
  /** When the first honest replica run here executed each consent revocation (when it committed here). */
  readonly consentRevokedUs: ReadonlyMap<string, number>;
}

/** Optional hooks of a world's builder (src/attacks wraps devices, gateways, clinicians and stores through it). */
export interface IomtWorldHooks {
  /** `config`: what the honest actor is built from (a gateway's GatewayOptions), for wrappers that act on what it knows. */
  wrapActor?(role: 'device' | 'gateway' | 'clinician' | 'store', id: number, factory: ActorFactory<unknown>, config: unknown): ActorFactory<unknown>;
}

/** What a host of the world was built from: its kind and its own configuration (a node: its application and costs). */
export interface HostBuild {
  readonly host: HostId;
  readonly kind: ActorKind | 'node';
  readonly config: unknown;
}

type DevicePlacement = Topology['devices'][number];

/** The topology's devices of each ward, at index hospital × wardsPerHospital + ward, in topology order. */
function groupDevicesByWard(topo: Topology, wardsPerHospital: number): DevicePlacement[][] {
  const byWard: DevicePlacement[][] = [];
  for (let i = 0; i < topo.hospitals.length * wardsPerHospital; i++) byWard.push([]);
  for (const d of topo.devices) byWard[d.hospital * wardsPerHospital + d.ward]!.push(d);
  return byWard;
}

/** Signer ids for device keys start here, above any host id. */
const DEVICE_SIGNER_BASE = 1 << 24;
/** Each hospital administration issues rotated keys from its own range of signer ids. */
const ADMIN_SIGNER_BASE = 1 << 26;
const ADMIN_SIGNER_SPAN = 1 << 20;
const HOUR_US = 3_600_000_000;

export class IomtWorld {
  readonly engine: Engine;
  readonly topology: Topology;
  readonly apps: IomtLedgerApp[] = [];
  /** Each node's query service, by host (a partition of a split run builds only its own). */
  private readonly nodeServices: NodeQueryService[] = [];
  readonly collector: IomtCollector;
  readonly vitals: PatientVitals[] = [];
  readonly patientPseudonyms: string[] = [];
  readonly deviceNames: string[] = [];
  /** The gateways, devices and stores this engine built (a partition of a split run builds only its own). */
  readonly gateways: Gateway[] = [];
  readonly devices: Device[] = [];
  readonly stores: OffChainStore[] = [];
  /** The records attacks altered in this engine's stores (ground truth, recorded by the attacks), which the stores' taps judge served records by. */
  readonly alteredRecords = new AlteredRecords();
  readonly keyRing: KeyRing;
  /** The consortium's replicas (placed by src/protocols/consortium/placement.ts), with the world's leader tracker. */
  readonly consortium: ReplicaDeployment;
  /** Each device's initial signing key, by device number (what an attacker with physical access extracts). */
  readonly deviceKeys: readonly SigningKey[];
  /** How every ledger client of the world reaches the consortium, an attack's among them. */
  readonly ledgerEndpoint: LedgerEndpoint;
  /** The consortium's enrolment authority, which certifies readers' keys (reader-credential.ts). */
  private readonly enrolmentAuthority: SigningKey;
  /** The host each reader pseudonym is bound to in the genesis state (ReaderRegistry), the world's and any an attack enrolled. */
  private readonly readerHosts = new Map<string, HostId>();
  /** The hosts each patient pseudonym's consents are granted and revoked from (PatientRegistry at genesis): its portal, and any agent an attack enrolled. */
  private readonly patientAgents = new Map<string, readonly HostId[]>();
  /**
   * How many genesis transactions there are (their ids count down from -1), and the block they
   * execute at. The transactions themselves are not kept: once every replica this engine runs is
   * built from the genesis state, nothing reads them (regional.yaml's 65,000 and the genesis state
   * held 13.6 MB of its live heap for the whole run).
   */
  private genesisTxCount: number;
  private readonly genesisBlock: Block;
  /**
   * The genesis state, applied once when the first replica this engine runs is built, then copied;
   * dropped once every replica is built (the end of the constructor), as nothing copies it again.
   */
  private genesisState: IomtLedgerApp | undefined;
  /** Every host in the order it was added, with what it was built from (actors share no memory: isolation.test.ts). */
  readonly builds: HostBuild[] = [];
  /** Hosts an attack placed beside another (an attacker beside a gateway), which share its site. */
  private readonly neighbours = new Map<HostId, HostId>();
  /** Hosts other than the devices that send readings to gateways: attackers in radio range (sybil identities, a stolen key's spoofer). */
  private readonly readingSources: HostId[] = [];

  constructor(readonly config: IomtWorldConfig, private readonly hooks: IomtWorldHooks = {}) {
    const c = config;
    const topo = topologyOf(c);
    this.topology = topo;
    const lossProbability = c.links.lossProbability;
    this.engine = new Engine({
      seed: c.seed,
      network: { regions: topo.regions, latencyUs: latencyMatrix(topo.radioHome, c.links.radioUs, c.links.lanUs, c.links.wanUs), lossProbability, receiveQueueing: c.links.receiveQueueing ?? true, queueLimitUs: c.links.queueLimitUs },
      ...(c.partition === undefined ? {} : { partition: c.partition }),
    });
    const engine = this.engine;
    const ring = new KeyRing(c.cryptoMode, c.seed, { portable: c.partition !== undefined });
    this.keyRing = ring;
    this.enrolmentAuthority = ring.issue(ENROLMENT_AUTHORITY_SIGNER);

    // Patients: vitals, episodes (ground truth), pseudonyms on chain and real identifiers off chain.
    const patientRng = engine.rng.stream('patients');
    const identifiers: string[] = [];
    const episodes: Episode[] = [];
    for (let p = 0; p < topo.patients; p++) {
      const v = new PatientVitals(p, patientRng.stream(`patient:${topo.patientPlaces[p]!}`), c.episodes, c.durationUs);
      this.vitals.push(v);
      episodes.push(...v.episodes);
      this.patientPseudonyms.push(pseudonym('pt', c.seed, p));
      identifiers.push(recordNumber(p), patientName(p));
    }
    for (const d of topo.devices) this.deviceNames.push(deviceName(d.index));
    // The most a device clock drifts (ppm): an alert carries the time its condition began by that clock.
    const kindsInUse = (Object.keys(c.devicesPerBed) as DeviceKind[]).filter((k) => c.devicesPerBed[k] > 0);
    const clockDriftPpm = c.clockDrift ? Math.max(0, ...kindsInUse.map((k) => c.profiles[k].clockDriftPpm)) : 0;
    // How each patient's devices sample their channels: an episode on another channel no device can
    // see, and one too short for the readings to surely span a rule's hold the sampling may miss.
    // One entry per kind a patient has: devices of one kind sample alike.
    const timesOfKind = new Map(
      kindsInUse.map((k): [DeviceKind, ChannelReadingTimes] => {
        const p = c.profiles[k];
        return [k, { channel: CHANNEL_INDEX[p.channel], intervalUs: p.intervalUs, jitterUs: p.jitterUs, eventDriven: p.eventDriven, clockDriftPpm: c.clockDrift ? p.clockDriftPpm : 0 }];
      }),
    );
    const readingTimes: ChannelReadingTimes[][] = Array.from({ length: topo.patients }, () => []);
    for (const d of topo.devices) {
      const times = timesOfKind.get(d.kind)!;
      const ofPatient = readingTimes[d.patient]!;
      if (!ofPatient.includes(times)) ofPatient.push(times);
    }
    this.collector = new IomtCollector(c.rules, episodes, identifiers, c.warmupUs, c.detectors.map(detectorName), { clockDriftPpm, readingTimes });

    // Configuration several hosts read is handed out as one deep-frozen copy (the same as a copy each).
    const profiles = shareable(c.profiles);
    const rules = shareable(c.rules);
    const detectors = shareable(c.detectors);
    // Detector kinds are code: the list is frozen, the definitions are shared as they are.
    const detectorKinds = c.detectorKinds === undefined ? undefined : Object.freeze([...c.detectorKinds]);
    const crypto = shareable(c.cryptoCosts);
    const pseudonyms = shareable(this.patientPseudonyms);
    const patientOfDevice = shareable(topo.devices.map((d) => this.patientPseudonyms[d.patient]!));
    const gatewayHosts = topo.hospitals.flatMap((h) => h.gateways);
    const alertRules = c.rules.map((r) => r.name);
    const nodeEndpoint = (host: HostId): NodeEndpoint => ({ host, macUs: macCostUs(c.cryptoCosts), retryUs: c.retransmitUs });

    // Device keys and the genesis state every replica starts from.
    const deviceKeys = topo.devices.map((d) => ring.issue(DEVICE_SIGNER_BASE + d.index));
    this.deviceKeys = deviceKeys;
    const genesis = this.genesis(topo, deviceKeys.map((k) => k.signer));
    const consentsByHospital = genesis.consentsByHospital;
    // Until the replicas are built; the closures below keep this constructor's scope for the run.
    let genesisTxs: readonly Transaction[] | undefined = genesis.txs;
    this.genesisTxCount = genesis.txs.length;
    const genesisBlock: Block = { hash: '0'.repeat(64), parentHash: '0'.repeat(64), height: 0, proposer: -1, timestampUs: 0, merkleRoot: '0'.repeat(64), txs: [], sizeBytes: 0 };
    this.genesisBlock = genesisBlock;
    // Every replica starts from this state: executed once, when the first replica this engine runs
    // is built, and copied into that replica's own application. A partition of a split run builds
    // only its own replicas (sim/engine.ts, addHost), so the others' applications stay empty.
    const startingState = (): IomtLedgerApp => {
      if (this.genesisState === undefined) {
        this.genesisState = new IomtLedgerApp({ gateways: gatewayHosts, alertRules });
        this.genesisState.applyGenesis(genesisTxs!, genesisBlock);
      }
      return this.genesisState;
    };
    const collector = this.collector;
    engine.observe((_host, event, timeUs) => {
      const k = event.kind;
      if (k === 'iomt-contract-outcome') collector.onOutcome((event as Extract<IomtEvent, { kind: 'iomt-contract-outcome' }>).outcome, timeUs);
      else if (k === 'alarm' || k.startsWith('iomt-')) collector.onEvent(event as IomtEvent | AlarmEvent, timeUs);
    });

    const siteLink = (region: number) => ({ region, uploadBitsPerSec: c.links.siteBandwidthBps, downloadBitsPerSec: c.links.siteBandwidthBps });
    const deviceLinks = topo.hospitals.map((hosp) => ({ region: hosp.radioRegion, uploadBitsPerSec: c.links.deviceUploadBps, downloadBitsPerSec: c.links.deviceUploadBps }));

    // Hosts in the order the topology laid out: first the consortium's nodes, each its replica and
    // its node query service (node-service.ts) around its own application.
    const wrapReplica = c.wrapReplica;
    this.consortium = placeConsortium(engine, {
      protocol: c.protocol,
      places: topo.nodes.map((n) => ({ placement: siteLink(n.region), streamName: `node:${n.place}` })),
      ...(c.nodeCores === undefined ? {} : { cores: c.nodeCores }),
      settings: c.replicaSettings,
      batchSize: c.batchSize,
      batchTimeoutUs: c.batchTimeoutUs,
      blockSizeMaxBytes: c.blockSizeMaxBytes,
      costs: c.cryptoCosts,
      keyRing: ring,
      applicationFor: (i) => {
        const app = new IomtLedgerApp({ gateways: gatewayHosts, alertRules });
        this.apps[topo.nodes[i]!.host] = app;
        return app;
      },
      wrapReplica: <M>(i: number, replica: ActorFactory<M>): ActorFactory<M> => {
        const host = topo.nodes[i]!.host;
        const node: ConsortiumNodeConfig = { app: this.apps[host]!, costs: crypto, heartbeatUs: c.noticeHeartbeatUs };
        this.builds.push({ host, kind: 'node', config: node });
        const inner = (wrapReplica?.(i, replica) ?? replica) as ActorFactory<unknown>;
        return ((ctx: ActorContext<unknown>) => {
          node.app.copyFrom(startingState());
          const built = new ConsortiumNode(ctx, node, inner);
          this.nodeServices[host] = built.service;
          return built;
        }) as unknown as ActorFactory<M>;
      },
    });
    if (this.consortium.replicaHosts.some((h, i) => h !== topo.nodes[i]!.host)) throw new Error('topology: consortium nodes must be the first hosts');
    // What each ledger client needs and pays to accept a confirmation comes from the placed
    // consortium, as the load clients' does (src/world/consensus.ts).
    const endpoint: LedgerEndpoint = shareable({
      replicaHosts: this.consortium.replicaHosts,
      repliesNeeded: this.consortium.repliesNeeded,
      replyVerifyUs: this.consortium.replyVerifyUs,
      retransmitUs: c.retransmitUs,
      requests: c.protocol.clientRequests,
      authenticateUs: txAuthenticateCostUs(c.replicaSettings.txAuth, c.cryptoCosts),
    });
    this.ledgerEndpoint = endpoint;
    const devicesOfGateway = new Map<number, GatewayDevice[]>();
    for (const d of topo.devices) {
      let list = devicesOfGateway.get(d.gateway);
      if (list === undefined) devicesOfGateway.set(d.gateway, (list = []));
      list.push({ device: d.index, name: this.deviceNames[d.index]!, keyId: deviceKeys[d.index]!.signer, patient: d.patient, profile: profiles[d.kind] });
    }
    // Devices by hospital and ward, in topology order: each lookup below reads its own ward's, so
    // building stays linear in the number of hospitals (a scan of every device per clinician did not).
    const devicesByWard = groupDevicesByWard(topo, c.wardsPerHospital);
    let deviceCursor = 0;
    let clinicianCursor = 0;
    for (const hosp of topo.hospitals) {
      const region = hosp.region;
      const node = hosp.node;
      const hospitalDevices = devicesByWard.slice(hosp.index * c.wardsPerHospital, (hosp.index + 1) * c.wardsPerHospital).flat();
      const hospitalPatients = [...new Set(hospitalDevices.map((d) => this.patientPseudonyms[d.patient]!))];
      const store = this.spawn(hosp.store, siteLink(region), 'store', { options: { ...c.store }, node: nodeEndpoint(node), patientOfDevice, patients: hospitalPatients, verifier: ring, crypto }, `store:${hosp.index}`, { role: 'store', id: hosp.index });
      if (store !== undefined) this.stores.push(store);
      this.spawn(hosp.careTeam, siteLink(region), 'care-team', {}, `care:${hosp.index}`);
      const managed = hospitalDevices.map((d) => ({ name: this.deviceNames[d.index]!, host: d.host }));
      const signerIds = { first: ADMIN_SIGNER_BASE + hosp.index * ADMIN_SIGNER_SPAN, count: ADMIN_SIGNER_SPAN };
      this.spawn(hosp.admin, siteLink(region), 'admin', { ledger: endpoint, node: nodeEndpoint(node), ratePerHour: c.identity.actionsPerHour, devices: managed, keyRing: ring, signerIds, revokeFraction: c.identity.revokeFraction }, `admin:${hosp.index}`);
      this.spawn(hosp.portal, siteLink(region), 'portal', { ledger: endpoint, node: nodeEndpoint(node), ratePerHour: c.access.revocationsPerHour, consents: consentsByHospital[hosp.index]! }, `portal:${hosp.index}`);
      for (const [ward, g] of hosp.gateways.entries()) {
        const gw = this.spawn(g, siteLink(region), 'gateway', {
          devices: devicesOfGateway.get(g) ?? [],
          patientPseudonyms: pseudonyms,
          admission: { freshnessUs: c.gateway.freshnessUs, rateLimitFactor: c.gateway.rateLimitFactor, rateLimitBurst: c.gateway.rateLimitBurst },
          node: nodeEndpoint(node),
          verifier: ring,
          crypto,
          rules,
          detectors,
          ...(detectorKinds === undefined ? {} : { detectorKinds }),
          rateWindowUs: c.gateway.rateWindowUs,
          batchIntervalUs: c.gateway.batchIntervalUs,
          batchMaxReadings: c.gateway.batchMaxReadings,
          store: hosp.store,
          careTeam: hosp.careTeam,
          ledger: endpoint,
          recordAlertsOnChain: c.gateway.recordAlertsOnChain,
          randomPhase: c.randomPhase,
        }, `gateway:h${hosp.index}/w${ward}`, { role: 'gateway', id: g });
        if (gw !== undefined) this.gateways.push(gw);
      }
      for (let w = 0; w < c.wardsPerHospital; w++) {
        while (deviceCursor < topo.devices.length && topo.devices[deviceCursor]!.hospital === hosp.index && topo.devices[deviceCursor]!.ward === w) {
          const d = topo.devices[deviceCursor++]!;
          const dev = this.spawn(d.host, deviceLinks[d.hospital]!, 'device', { index: d.index, gateway: d.gateway, profile: profiles[d.kind], vitals: this.vitals[d.patient]!, key: deviceKeys[d.index]!, verifier: ring, crypto, noiseScale: c.noiseScale, clockDrift: c.clockDrift, randomPhase: c.randomPhase }, `device:${d.place}`, { role: 'device', id: d.index });
          if (dev !== undefined) this.devices.push(dev);
        }
        while (clinicianCursor < topo.clinicians.length && topo.clinicians[clinicianCursor]!.hospital === hosp.index && topo.clinicians[clinicianCursor]!.ward === w) {
          const cl = topo.clinicians[clinicianCursor++]!;
          const patients = this.clinicianPatients(topo, devicesByWard, cl.hospital, cl.ward);
          const credential = this.enrolReader(pseudonym('cl', c.seed, cl.host), cl.host);
          this.spawn(cl.host, siteLink(region), 'access-client', { role: 'clinician', credential, verifier: ring, crypto, ledger: endpoint, node: nodeEndpoint(node), ratePerHour: c.access.clinicianRatePerHour, patients, breakGlassProbability: c.access.breakGlassProbability }, `clinician:${cl.place}`, { role: 'clinician', id: cl.host });
        }
      }
    }
    const allPatients = shareable(this.patientTargets(topo, topo.devices));
    const researchRegion = topo.nodes.find((n) => n.host === topo.researchNode)!.region;
    for (const [k, r] of topo.researchers.entries()) {
      const credential = this.enrolReader(pseudonym('rs', c.seed, r), r);
      this.spawn(r, siteLink(researchRegion), 'access-client', { role: 'researcher', credential, verifier: ring, crypto, ledger: endpoint, node: nodeEndpoint(topo.researchNode), ratePerHour: c.access.researcherRatePerHour, patients: allPatients, breakGlassProbability: 0 }, `researcher:${k}`);
    }
    // Every replica this engine runs is built (addHost builds a host's actor at once): a genesis
    // transaction added from now on goes to their applications (addGenesis), and nothing copies the
    // genesis state again.
    genesisTxs = undefined;
    this.genesisState = undefined;
  }

  /** Run over [0, durationUs), as a scenario's run does (Engine.runBefore). */
  run(): void {
    this.engine.runBefore(this.config.durationUs);
  }

  /**
   * Enrol a reader of records: a key for the reader on `host` and the enrolment authority's
   * certificate binding it to `requester`, the pseudonym consents name, and, on chain, `requester`
   * bound to `host` in the genesis state's ReaderRegistry, so that AccessControl decides the
   * requests `host` submits in that name (and no other host's). The world's clinicians and
   * researchers are bound in the genesis transactions; a reader an attack injects is enrolled as
   * they are, before the run: its binding is applied, as genesis, to every replica's state. Call it
   * outside the reader's actor factory, so that every partition of a split run applies it. Once
   * per host.
   */
  enrolReader(requester: string, host: HostId): ReaderCredential {
    const bound = this.readerHosts.get(requester);
    if (bound === undefined) this.bindReaderAtGenesis(requester, host);
    else if (bound !== host) throw new Error(`iomt: reader ${requester} is bound to host ${bound}, not ${host}`);
    return enrolReader(this.keyRing, this.enrolmentAuthority, requester, host);
  }

  /** Add `requester` → `host` to the genesis state, on every replica this engine built (all alike, so their states stay equal). */
  private bindReaderAtGenesis(requester: string, host: HostId): void {
    this.addGenesis('ReaderRegistry', 'enrol', { requester, host });
    this.readerHosts.set(requester, host);
  }

  /**
   * Bind `host` as a further agent of patient `patient` (besides its hospital's portal) in the
   * genesis state's PatientRegistry, so that Consent.grant and Consent.revoke it submits in the
   * patient's name are the patient's (an attack's scripted patient side acts from such a host).
   * Before the run and outside the host's actor factory, as enrolReader.
   */
  enrolPatientAgent(patient: string, host: HostId): void {
    const agents = this.patientAgents.get(patient);
    if (agents === undefined) throw new Error(`iomt: no patient ${patient}`);
    if (agents.includes(host)) return;
    this.addGenesis('PatientRegistry', 'enrol', { patient, host });
    this.patientAgents.set(patient, [...agents, host]);
  }

  /**
   * Give `host` `authority` over the devices of `gateways` in the genesis state's
   * DeviceAdministrators ('revoke': a security service that revokes the devices it watches). Before
   * the run and outside the host's actor factory, as enrolReader.
   */
  enrolDeviceAuthority(host: HostId, gateways: readonly HostId[], authority: DeviceAuthority): void {
    for (const gateway of gateways) this.addGenesis('DeviceAdministrators', 'enrol', { host, gateway, authority });
  }

  /**
   * Append one transaction to the genesis state, and apply it on every replica this engine built;
   * only before the run (the registries it enrols in take bindings at genesis only).
   */
  private addGenesis(contract: string, method: string, args: Record<string, unknown>): void {
    if (this.engine.eventsProcessed > 0) throw new Error(`iomt: ${contract}.${method} ${JSON.stringify(args)} after the run began (bindings are made at genesis only)`);
    const tx = this.genesisTx(contract, method, args);
    this.genesisTxCount++;
    this.genesisState?.applyGenesis([tx], this.genesisBlock);
    for (const app of this.apps) app?.applyGenesis([tx], this.genesisBlock);
  }

  /** Genesis transaction `genesisTxCount` (ids count down from -1; sender -1, no host's). */
  private genesisTx(contract: string, method: string, args: Record<string, unknown>): Transaction {
    return { id: -1 - this.genesisTxCount, sender: -1, sizeBytes: 0, payloadDigest: '', submittedUs: 0, call: { contract, method, args } };
  }

  /** Hosts that submit transactions: administrations, portals, gateways, clinicians, researchers. */
  ledgerClientHosts(): number[] {
    const t = this.topology;
    return t.hostRoles.flatMap((role, h) => (role === 'admin' || role === 'portal' || role === 'gateway' || role === 'clinician' || role === 'researcher' ? [h] : []));
  }

  /** Readings the gateways this engine runs accepted. */
  readingsAccepted(): number {
    let n = 0;
    for (const g of this.gateways) n += g.accepted;
    return n;
  }

  /**
   * What `finish` reads from the gateways and honest replicas (not in `byzantineHosts`) that this
   * engine ran: all of them in a one-engine run, its own in a partition's.
   */
  /** Place `host` at `neighbour`'s site (an attacker in radio range of a gateway): a split keeps them together. */
  placeBeside(host: HostId, neighbour: HostId): void {
    this.neighbours.set(host, neighbour);
  }

  /**
   * Count the readings `host` sends, and those the network loses, in iomt.readings_sent and
   * iomt.readings_lost beside the devices': the gateways count them among the readings accepted or
   * rejected, so every reading is sent, lost, received or on the way. `host` sends nothing else.
   */
  addReadingSource(host: HostId): void {
    this.readingSources.push(host);
  }

  /** The site of each host (src/iomt/topology.ts sitesOf), hosts placed beside another at that one's. */
  sites(): number[] {
    const sites = sitesOf(this.topology, this.engine.hostCount, (h) => this.engine.network.regionOf(h));
    for (const [host, neighbour] of this.neighbours) sites[host] = sites[neighbour]!;
    return sites;
  }

  hostTotals(byzantineHosts: ReadonlySet<HostId> = new Set()): IomtHostTotals {
    let alertsRefused = 0;
    for (const g of this.gateways) alertsRefused += g.alertsRefused;
    const audits: { host: HostId; entries: AuditEntry[] }[] = [];
    let leading: IomtHostTotals['leading'] = null;
    const consentRevokedUs = new Map<string, number>();
    for (const n of this.topology.nodes) {
      if (byzantineHosts.has(n.host) || !this.engine.runsHost(n.host)) continue;
      const app = this.apps[n.host]!;
      audits.push({ host: n.host, entries: app.audit.entries.filter((e) => e.type === 'access' || e.type === 'break-glass') });
      if (leading === null || app.executed > leading.executed) leading = { host: n.host, executed: app.executed, consents: app.consent.consents };
      earliest(consentRevokedUs, this.nodeServices[n.host]!.consentRevokedUs);
    }
    // A drop is counted where it happens, in the sender's engine or, for a destination that was
    // down or a full downlink, the receiver's: every engine counts every device's drops it saw.
    const net = this.engine.network;
    let readingsSent = 0, readingsLost = 0;
    const count = (h: HostId) => {
      if (this.engine.runsHost(h)) readingsSent += net.messagesSent[h]!;
      readingsLost += net.droppedFrom[h]!;
    };
    for (const d of this.topology.devices) count(d.host);
    for (const h of this.readingSources) count(h);
    // The consents as a Map of their own: a partition's totals reach the coordinator by structured
    // clone (sim/threads), which keeps a Map's entries but not those of the replica's own map.
    const leadingTotals = leading === null ? null : { ...leading, consents: new Map(leading.consents) };
    return { accepted: this.readingsAccepted(), readingsSent, readingsLost, alertsRefused, audits, leading: leadingTotals, consentRevokedUs };
  }

  /**
   * IoMT metrics and checks; call after `run`. Served records are judged against the access entries
   * in any honest replica's AuditLog (an honest replica executes only committed blocks) and the
   * Consent state of the most advanced honest one; `byzantineHosts` are the replicas an attack ran.
   * A run split over partitions passes each partition's `hostTotals`.
   */
  finish(byzantineHosts: ReadonlySet<HostId> = new Set(), partitions: readonly IomtHostTotals[] = [this.hostTotals(byzantineHosts)]): { metrics: Metrics; checks: CheckOutcome[] } {
    // Node order: the first honest replica to hold an entry gives it, the first of the most advanced gives the consents.
    const audit = accessEntriesByRequest(partitions.flatMap((p) => p.audits).sort((a, b) => a.host - b.host));
    const consentRevokedUs = new Map<string, number>();
    for (const p of partitions) earliest(consentRevokedUs, p.consentRevokedUs);
    let leading: IomtHostTotals['leading'] = null;
    for (const p of partitions) {
      const l = p.leading;
      if (l !== null && (leading === null || l.executed > leading.executed || (l.executed === leading.executed && l.host < leading.host))) leading = l;
    }
    if (leading === null) throw new Error('iomt: no honest replica');
    let accepted = 0, alertsRefused = 0, readingsSent = 0, readingsLost = 0;
    for (const p of partitions) {
      accepted += p.accepted;
      alertsRefused += p.alertsRefused;
      readingsSent += p.readingsSent;
      readingsLost += p.readingsLost;
    }
    return this.collector.finish({ durationUs: this.config.durationUs, accepted, readingsSent, readingsLost, alertsRefused, audit, consents: leading.consents, consentRevokedUs });
  }

  /**
   * Add host `expected` as an actor of `kind` built from its context and `config` only (the world
   * keeps the config for the isolation test). Devices, gateways, clinicians and stores go through the
   * attack hooks, and a store host then behind its served-record tap; the honest actor is returned
   * unless a hook replaced it.
   */
  private spawn<K extends ActorKind>(expected: HostId, placement: HostPlacement, kind: K, config: ConfigOf<K>, streamName: string, hook?: { role: 'device' | 'gateway' | 'clinician' | 'store'; id: number }): ReturnType<(typeof ACTOR_KINDS)[K]> | undefined {
    const build = ACTOR_KINDS[kind] as (ctx: ActorContext<unknown>, config: ConfigOf<K>) => ReturnType<(typeof ACTOR_KINDS)[K]>;
    let built: ReturnType<(typeof ACTOR_KINDS)[K]> | undefined;
    const factory: ActorFactory<unknown> = (ctx) => (built = build(ctx, config)) as Actor<unknown>;
    const wrapped = hook === undefined ? factory : (this.hooks.wrapActor?.(hook.role, hook.id, factory, config) ?? factory);
    const placed = kind === 'store' ? (ctx: ActorContext<unknown>) => new ServedRecordTap(ctx, wrapped, (config as StoreConfig).patientOfDevice, this.alteredRecords) : wrapped;
    const host = this.engine.addHost(placement, placed, streamName);
    if (host !== expected) throw new Error(`topology: host placed at ${host}, expected ${expected}`);
    this.builds.push({ host, kind, config });
    return built;
  }

  /** Patients a clinician asks about: those of its own ward (consented) and of the next ward (not). */
  private clinicianPatients(topo: Topology, devicesByWard: readonly (readonly DevicePlacement[])[], hospital: number, ward: number) {
    const wards = this.config.wardsPerHospital;
    const next = (ward + 1) % wards;
    // In topology order (the lower ward first), as a scan of every device would meet them.
    const [lo, hi] = ward < next ? [ward, next] : [next, ward];
    const own = devicesByWard[hospital * wards + lo]!;
    return this.patientTargets(topo, lo === hi ? own : [...own, ...devicesByWard[hospital * wards + hi]!]);
  }

  /** One target per patient of `devices` (given in topology order). */
  private patientTargets(topo: Topology, devices: readonly DevicePlacement[]) {
    const byPatient = new Map<number, { patient: number; pseudonym: string; device: number; store: number }>();
    for (const d of devices) {
      const prior = byPatient.get(d.patient);
      // Read the patient's pulse oximeter when there is one (its records are the most recent).
      if (prior === undefined || d.kind === 'pulseOximeter') {
        byPatient.set(d.patient, { patient: d.patient, pseudonym: this.patientPseudonyms[d.patient]!, device: d.index, store: topo.hospitals[d.hospital]!.store });
      }
    }
    return [...byPatient.values()];
  }

  /** Genesis: every device enrolled; every clinician and researcher bound to its host; treatment consents to the ward's clinicians; research consents; each patient bound to its hospital's portal, each hospital's gateways to its administration. */
  private genesis(topo: Topology, signers: readonly number[]): { txs: Transaction[]; consentsByHospital: { consent: string; patient: string }[][] } {
    const c = this.config;
    const txs: Transaction[] = [];
    let id = 0;
    const tx = (contract: string, method: string, args: Record<string, unknown>): void => {
      txs.push({ id: -1 - id++, sender: -1, sizeBytes: 0, payloadDigest: '', submittedUs: 0, call: { contract, method, args } });
    };
    for (const d of topo.devices) {
      tx('DeviceRegistry', 'enrol', { device: this.deviceNames[d.index]!, keyId: String(signers[d.index]!), deviceType: d.kind, patient: this.patientPseudonyms[d.patient]!, gateway: d.gateway });
    }
    const reader = (requester: string, host: HostId): void => {
      if (this.readerHosts.has(requester)) throw new Error(`iomt: reader pseudonym ${requester} given twice`);
      this.readerHosts.set(requester, host);
      tx('ReaderRegistry', 'enrol', { requester, host });
    };
    for (const cl of topo.clinicians) reader(pseudonym('cl', c.seed, cl.host), cl.host);
    for (const r of topo.researchers) reader(pseudonym('rs', c.seed, r), r);
    const consentsByHospital: { consent: string; patient: string }[][] = topo.hospitals.map(() => []);
    const wardOfPatient = new Map<number, { hospital: number; ward: number }>();
    for (const d of topo.devices) wardOfPatient.set(d.patient, { hospital: d.hospital, ward: d.ward });
    const cliniciansByWard = new Map<number, Topology['clinicians'][number][]>();
    for (const cl of topo.clinicians) {
      const key = cl.hospital * c.wardsPerHospital + cl.ward;
      const list = cliniciansByWard.get(key);
      if (list === undefined) cliniciansByWard.set(key, [cl]);
      else list.push(cl);
    }
    // One draw from a stream of each patient's bed: a larger world keeps the consents of the beds it shares.
    const consentRng = this.engine.rng.stream('genesis-consent');
    const periodEndUs = c.durationUs + HOUR_US;
    for (const [patient, at] of wardOfPatient) {
      const pt = this.patientPseudonyms[patient]!;
      for (const cl of cliniciansByWard.get(at.hospital * c.wardsPerHospital + at.ward) ?? []) {
        const consent = consentId(patient, cl.host);
        tx('Consent', 'grant', { consent, patient: pt, grantee: pseudonym('cl', c.seed, cl.host), scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs, provision: 'permit' });
        consentsByHospital[at.hospital]!.push({ consent, patient: pt });
      }
      if (consentRng.stream(`patient:${topo.patientPlaces[patient]!}`).float() < c.access.researchConsentFraction) {
        for (const r of topo.researchers) {
          const consent = consentId(patient, r);
          tx('Consent', 'grant', { consent, patient: pt, grantee: pseudonym('rs', c.seed, r), scope: 'research', purpose: 'HRESCH', periodStartUs: 0, periodEndUs, provision: 'permit' });
          consentsByHospital[at.hospital]!.push({ consent, patient: pt });
        }
      }
    }
    // Who acts for whom, after the rest (so the ids above are as they were): each patient's consents
    // are granted and revoked through its hospital's portal; each hospital's administration manages
    // the devices of its own gateways.
    for (const [patient, at] of wardOfPatient) {
      const host = topo.hospitals[at.hospital]!.portal;
      this.patientAgents.set(this.patientPseudonyms[patient]!, [host]);
      tx('PatientRegistry', 'enrol', { patient: this.patientPseudonyms[patient]!, host });
    }
    for (const hosp of topo.hospitals) for (const gateway of hosp.gateways) tx('DeviceAdministrators', 'enrol', { host: hosp.admin, gateway, authority: 'admin' });
    return { txs, consentsByHospital };
  }
}

/** Fold `times` into `into`, keeping each key's earliest time. */
function earliest(into: Map<string, number>, times: ReadonlyMap<string, number>): void {
  for (const [key, t] of times) {
    const prior = into.get(key);
    if (prior === undefined || t < prior) into.set(key, t);
  }
}
