/**
 * The consensus run model: a consortium of replicas running one protocol, clients offering
 * Poisson load, checkers and collectors watching, for `scenario.duration` of simulated time.
 *
 * The pieces are exported separately so other models (the IoMT hospital) can host a ledger with
 * their own clients and applications:
 *
 *   const engine = new Engine({ seed, network: networkConfig(scenario.network) });
 *   const ledger = placeReplicas(engine, scenario, { applicationFor: (i) => new MyApp() });
 *   ... add your own client hosts; send { kind: 'request', tx } to ledger.currentLeader() ...
 *   const monitor = new ConsensusMonitor(engine, scenario, ledger);
 *   engine.run(scenario.duration);
 *   const { metrics, checks, timeseries } = monitor.finish();
 */
import { Engine, type ActorFactory, type HostId, type ModelEvent } from '../../../sim/index.ts';
import { ConsensusCollector, type NetworkWindowTotals } from '../../metrics/consensus-collector.ts';
import { DEFAULT_CRYPTO_COSTS, KeyRing, type CryptoCosts } from '../../ledger/crypto.ts';
import { LivenessChecker } from '../../checkers/liveness.ts';
import { SafetyChecker } from '../../checkers/safety.ts';
import { StateAgreementChecker } from '../../checkers/state-agreement.ts';
import type { Checker } from '../../checkers/types.ts';
import { ValidityChecker } from '../../checkers/validity.ts';
import type { Distributions } from '../../metrics/distribution.ts';
import type { CheckOutcome, Metrics, RunOutput, TimeseriesRow } from '../../metrics/types.ts';
import { LoadClient } from '../../protocols/client/client.ts';
import { protocolByName } from '../../protocols/index.ts';
import { NO_APPLICATION, type ProtocolModule, type ReplicaConfig, type ReplicatedApplication, type ViewChangeEvent } from '../../protocols/types.ts';
import { planAttacks } from '../../attacks/plan.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { replicaSettings } from '../../scenario/sections/consensus.ts';
import { outsideFaultModel } from './fault-windows.ts';
import { networkConfig, placement } from './network.ts';

export interface PlaceReplicasOptions {
  /** Use this module instead of the scenario's protocol (broken variants in checker tests). */
  readonly protocol?: ProtocolModule;
  /** The application replica i executes; none by default (synthetic load). */
  readonly applicationFor?: (replicaIndex: number) => ReplicatedApplication;
  /** Wrap replica i's factory (Byzantine behaviour from an attack plan). */
  readonly wrapReplica?: <M>(replicaIndex: number, factory: ActorFactory<M>) => ActorFactory<M>;
  /** Overrides the scenario's cost table. */
  readonly cryptoCosts?: CryptoCosts;
}

/** A placed consortium: its hosts, applications and keys, and who leads now. */
export interface ReplicaDeployment {
  readonly protocol: ProtocolModule;
  readonly replicaHosts: readonly HostId[];
  readonly applications: readonly ReplicatedApplication[];
  readonly keyRing: KeyRing;
  readonly costs: CryptoCosts;
  /** Matching replies a client waits for. */
  readonly repliesNeeded: number;
  /** The leader announced by the latest view change (the first replica until then). */
  currentLeader(): HostId;
}

/** Places `consensus.nodes` replicas of the scenario's protocol (hosts are consecutive). */
export function placeReplicas(engine: Engine, scenario: Scenario, options: PlaceReplicasOptions = {}): ReplicaDeployment {
  const c = scenario.consensus;
  const protocol = options.protocol ?? protocolByName(c.protocol);
  if (protocol === undefined) throw new RangeError(`consensus.protocol: expected a registered protocol, found '${c.protocol}' (not implemented yet)`);
  const n = c.nodes;
  const base = engine.hostCount;
  const replicaHosts = Array.from({ length: n }, (_, i) => base + i);
  const keyRing = new KeyRing(c.crypto, engine.rng.seed);
  const costs = options.cryptoCosts ?? c.cryptoCosts ?? DEFAULT_CRYPTO_COSTS;
  const applications = Array.from({ length: n }, (_, i) => options.applicationFor?.(i) ?? NO_APPLICATION);
  for (let i = 0; i < n; i++) {
    const config: ReplicaConfig = {
      replicaHosts,
      index: i,
      batchSize: c.batchSize,
      batchTimeoutUs: c.batchTimeout,
      blockSizeMaxBytes: c.blockSizeMax,
      crypto: costs,
      signingKey: keyRing.issue(replicaHosts[i]!),
      verifier: keyRing,
      ...replicaSettings(c, protocol),
    };
    const app = applications[i]!;
    const factory: ActorFactory<unknown> = (ctx) => protocol.createReplica(ctx, config, app);
    const wrapped = options.wrapReplica?.(i, factory) ?? factory;
    const h = engine.addHost(placement(scenario.network, i, n), wrapped, `replica:${i}`);
    if (h !== replicaHosts[i]) throw new Error(`replica ${i} was placed on host ${h}, expected ${replicaHosts[i]}`);
  }
  let leader = replicaHosts[0]!;
  let leaderView = -1;
  engine.observe((host, event) => {
    if (event.kind !== 'view-change' || !replicaHosts.includes(host)) return;
    const e = event as ViewChangeEvent;
    if (e.view > leaderView) {
      leaderView = e.view;
      leader = e.leader;
    }
  });
  return { protocol, replicaHosts, applications, keyRing, costs, repliesNeeded: protocol.faultModel.repliesNeeded(n), currentLeader: () => leader };
}

/** Places `workload.clients` load clients sharing `workload.rateTps`; returns their hosts. */
export function placeLoadClients(engine: Engine, scenario: Scenario, ledger: ReplicaDeployment): HostId[] {
  const w = scenario.workload;
  const hosts: HostId[] = [];
  for (let k = 0; k < w.clients; k++) {
    const h = engine.addHost(
      placement(scenario.network, k, w.clients),
      (ctx) => new LoadClient(ctx, {
        replicaHosts: ledger.replicaHosts,
        repliesNeeded: ledger.repliesNeeded,
        rateTps: w.rateTps / w.clients,
        arrival: w.arrival,
        txSizeBytes: w.txSize,
        requestTimeoutUs: w.requestTimeout,
        stopAtUs: w.stopAfter ?? Infinity,
      }),
      `client:${k}`,
    );
    hosts.push(h);
  }
  return hosts;
}

export interface MonitorOptions {
  /** Replica hosts running Byzantine code: excluded from the invariants and the metrics. */
  readonly byzantineHosts?: ReadonlySet<HostId>;
  /** Compare application state every k heights (1: every height). */
  readonly stateCheckEveryHeights?: number;
}

/**
 * Attaches the checkers (safety, liveness, validity, state agreement) and the consensus collector
 * to an engine, and samples network counters at the warm-up boundary. Create it before `run`.
 */
export class ConsensusMonitor {
  readonly safety: SafetyChecker;
  readonly liveness: LivenessChecker;
  readonly validity: ValidityChecker;
  readonly stateAgreement: StateAgreementChecker;
  readonly collector: ConsensusCollector;
  private readonly checkers: readonly Checker[];
  private atWarmup: NetworkWindowTotals | undefined;

  constructor(private readonly engine: Engine, private readonly scenario: Scenario, private readonly ledger: ReplicaDeployment, options: MonitorOptions = {}) {
    if (!(scenario.warmup < scenario.duration)) {
      throw new RangeError(`warmup: expected a duration shorter than duration (${scenario.duration / 1e6} s), found ${scenario.warmup / 1e6} s`);
    }
    const byz = options.byzantineHosts ?? new Set<HostId>();
    const honest = (h: HostId) => !byz.has(h);
    const appOf = new Map<HostId, ReplicatedApplication>();
    ledger.replicaHosts.forEach((h, i) => {
      const app = ledger.applications[i]!;
      if (app !== NO_APPLICATION) appOf.set(h, app);
    });
    this.safety = new SafetyChecker(honest);
    this.liveness = new LivenessChecker(scenario.consensus.livenessBound, honest);
    this.validity = new ValidityChecker(honest);
    this.stateAgreement = new StateAgreementChecker((h) => appOf.get(h), honest, options.stateCheckEveryHeights ?? 1);
    const durationUs = scenario.duration;
    const windowUs = durationUs <= 600_000_000 ? 1_000_000 : Math.ceil(durationUs / 600);
    this.collector = new ConsensusCollector(scenario.warmup, durationUs, honest, windowUs);
    this.checkers = [this.safety, this.liveness, this.validity, this.stateAgreement];
    for (const c of this.checkers) engine.observe(c.observe);
    engine.observe(this.collector.observe);
    if (scenario.warmup <= engine.nowUs) this.atWarmup = this.networkTotals();
    else engine.at(scenario.warmup, () => { this.atWarmup = this.networkTotals(); });
  }

  /** Metrics, check outcomes and the timeseries of the measurement window; call after `run`. */
  finish(): { metrics: Metrics; checks: CheckOutcome[]; timeseries: TimeseriesRow[]; distributions: Distributions } {
    const endUs = this.scenario.duration;
    const end = this.networkTotals();
    const start = this.atWarmup ?? end;
    const window: NetworkWindowTotals = {
      messages: end.messages - start.messages,
      bytes: end.bytes - start.bytes,
      replicaMessages: end.replicaMessages - start.replicaMessages,
      replicaBytes: end.replicaBytes - start.replicaBytes,
      replicas: end.replicas,
      dropped: end.dropped - start.dropped,
      replicaBusyUs: end.replicaBusyUs - start.replicaBusyUs,
    };
    const checks = this.checkers.map((c) => c.outcome(endUs));
    const metrics: Metrics = {
      ...this.collector.metrics(window),
      'safety.violations': { unit: 'count', value: this.safety.violationCount },
      'liveness.violations': { unit: 'count', value: this.liveness.countAt(endUs) },
      'validity.violations': { unit: 'count', value: this.validity.violationCount },
      'state_agreement.violations': { unit: 'count', value: this.stateAgreement.violationCount },
    };
    return { metrics, checks, timeseries: this.collector.timeseries(), distributions: this.collector.distributions() };
  }

  private networkTotals(): NetworkWindowTotals {
    const net = this.engine.network;
    let messages = 0, bytes = 0, replicaMessages = 0, replicaBytes = 0, replicaBusyUs = 0;
    for (let h = 0; h < net.hostCount; h++) {
      messages += net.messagesSent[h]!;
      bytes += net.bytesSent[h]!;
    }
    for (const h of this.ledger.replicaHosts) {
      replicaMessages += net.messagesSent[h]!;
      replicaBytes += net.bytesSent[h]!;
      replicaBusyUs += this.engine.cpuBusyUs(h);
    }
    return { messages, bytes, replicaMessages, replicaBytes, replicas: this.ledger.replicaHosts.length, dropped: net.droppedTotal, replicaBusyUs };
  }
}

/** The world an attack plan or a test's fault schedule acts on. */
export interface ConsensusWorld {
  readonly engine: Engine;
  readonly replicaHosts: readonly HostId[];
  readonly clientHosts: readonly HostId[];
  currentLeader(): HostId | undefined;
  readonly endUs: number;
  /** Declare [startUs, endUs] outside the fault model: the liveness checker excuses stalls there. */
  excuseLiveness(startUs: number, endUs: number): void;
}

/** An attack plan as the run model uses it (src/attacks' AttackPlan has this shape). */
export interface FaultPlan {
  wrapReplica<M>(index: number, factory: ActorFactory<M>): ActorFactory<M>;
  byzantineReplicas(): readonly number[];
  install(world: ConsensusWorld): void;
  outcomes(): Metrics;
}

export interface ConsensusRunOptions extends PlaceReplicasOptions {
  /** Faults and attacks; by default the plan of the scenario's `attacks:` section. */
  readonly faults?: FaultPlan;
  /** Schedule extra faults or observers once the hosts exist (tests). */
  readonly setup?: (world: ConsensusWorld) => void;
  /** Extra observers of every model event. */
  readonly observers?: readonly ((host: HostId, event: ModelEvent, timeUs: number) => void)[];
}

/** One run of a consensus scenario with one seed. */
export function runConsensusScenario(scenario: Scenario, seed: number, options: ConsensusRunOptions = {}): RunOutput {
  const engine = new Engine({ seed, network: networkConfig(scenario.network) });
  const attacks = scenario.attacks;
  const faults = options.faults ?? (attacks.length > 0 ? planAttacks(attacks, { replicas: scenario.consensus.nodes, clients: scenario.workload.clients }) : undefined);
  const wrapReplica = options.wrapReplica ?? (faults === undefined ? undefined : <M>(i: number, f: ActorFactory<M>) => faults.wrapReplica(i, f));
  const ledger = placeReplicas(engine, scenario, { ...options, ...(wrapReplica === undefined ? {} : { wrapReplica }) });
  const clientHosts = placeLoadClients(engine, scenario, ledger);
  const byzantineHosts = new Set((faults?.byzantineReplicas() ?? []).map((i) => ledger.replicaHosts[i]!));
  const monitor = new ConsensusMonitor(engine, scenario, ledger, { byzantineHosts });
  const protocolCollector = ledger.protocol.createCollector?.(ledger.replicaHosts.length);
  if (protocolCollector !== undefined) engine.observe(protocolCollector.observe);
  for (const o of options.observers ?? []) engine.observe(o);
  const world: ConsensusWorld = {
    engine,
    replicaHosts: ledger.replicaHosts,
    clientHosts,
    currentLeader: () => ledger.currentLeader(),
    endUs: scenario.duration,
    excuseLiveness: (a, b) => monitor.liveness.excuse(a, b),
  };
  for (const [a, b] of outsideFaultModel(attacks, ledger.protocol.faultModel.maxFaulty(ledger.replicaHosts.length), scenario.duration)) world.excuseLiveness(a, b);
  faults?.install(world);
  options.setup?.(world);
  engine.run(scenario.duration);
  const { metrics, checks, timeseries, distributions } = monitor.finish();
  return {
    metrics: { ...metrics, ...(protocolCollector?.metrics(engine.nowUs) ?? {}), ...(faults?.outcomes() ?? {}) },
    checks,
    traceHash: engine.traceHash(),
    eventsProcessed: engine.eventsProcessed,
    simulatedUs: engine.nowUs,
    timeseries,
    ...(Object.keys(distributions).length > 0 ? { distributions } : {}),
  };
}
