/**
 * The consensus checkers (safety, liveness, validity, state agreement) and the consensus collector,
 * attached to a world's engine by the composition root (src/world/assemble.ts); network counters are
 * sampled at the warm-up boundary.
 */
import { DropReason, type Engine, type HostId } from '../../sim/index.ts';
import { ConsensusCollector, type NetworkWindowTotals } from '../metrics/consensus-collector.ts';
import { LivenessChecker } from '../checkers/liveness.ts';
import { SafetyChecker } from '../checkers/safety.ts';
import { StateAgreementChecker } from '../checkers/state-agreement.ts';
import type { Checker } from '../checkers/types.ts';
import { ValidityChecker } from '../checkers/validity.ts';
import type { Distributions } from '../metrics/distribution.ts';
import { counterInterim, type InterimMetrics } from '../metrics/interim-bounds.ts';
import type { CheckOutcome, Metrics, TimeseriesRow } from '../metrics/types.ts';
import { NO_APPLICATION, type ReplicatedApplication } from '../protocols/types.ts';
import type { Scenario } from '../scenario/schema.ts';
import { livenessBoundUs } from '../scenario/sections/consensus.ts';
import type { ReplicaDeployment } from '../protocols/consortium/placement.ts';

/** Network and processor totals at the warm-up boundary and at the end. */
export interface MonitorTotals {
  readonly atWarmup: NetworkWindowTotals;
  readonly end: NetworkWindowTotals;
}

/** The totals of two disjoint sets of hosts' work (two partitions of one run). */
export function addTotals(a: MonitorTotals, b: MonitorTotals): MonitorTotals {
  const add = (x: NetworkWindowTotals, y: NetworkWindowTotals): NetworkWindowTotals => ({
    messages: x.messages + y.messages,
    bytes: x.bytes + y.bytes,
    replicaMessages: x.replicaMessages + y.replicaMessages,
    replicaBytes: x.replicaBytes + y.replicaBytes,
    replicas: x.replicas,
    dropped: x.dropped + y.dropped,
    droppedQueueFull: x.droppedQueueFull + y.droppedQueueFull,
    replicaCoreBusyUs: x.replicaCoreBusyUs.map((cores, r) => cores.map((us, c) => us + y.replicaCoreBusyUs[r]![c]!)),
  });
  return { atWarmup: add(a.atWarmup, b.atWarmup), end: add(a.end, b.end) };
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
  /** Null where the run checks no liveness: the protocol owes no bound and the scenario states none. */
  readonly liveness: LivenessChecker | null;
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
    // What the observers keep per height or per transaction goes once every honest replica has
    // committed past it (src/checkers/commit-frontier.ts).
    const honestReplicas = ledger.replicaHosts.filter(honest);
    this.safety = new SafetyChecker(honest, honestReplicas);
    const boundUs = livenessBoundUs(scenario.consensus, ledger.protocol, ledger.replicaHosts.length);
    this.liveness = boundUs === null ? null : new LivenessChecker(boundUs, honest, { honestReplicas, repliesNeeded: ledger.repliesNeeded, lifetimeUs: scenario.consensus.mempool.ttl ?? Infinity });
    this.validity = new ValidityChecker(honest, honestReplicas);
    // Only the engine that runs a replica holds its executed state; a split run's partitions send it along (annotate).
    this.stateAgreement = new StateAgreementChecker((h) => (engine.runsHost(h) ? appOf.get(h) : undefined), honest, options.stateCheckEveryHeights ?? 1, honestReplicas);
    engine.exportEmitted(this.stateAgreement.annotate);
    const durationUs = scenario.duration;
    const windowUs = durationUs <= 600_000_000 ? 1_000_000 : Math.ceil(durationUs / 600);
    this.collector = new ConsensusCollector(scenario.warmup, durationUs, honest, windowUs, honestReplicas);
    this.checkers = [this.safety, ...(this.liveness === null ? [] : [this.liveness]), this.validity, this.stateAgreement];
    for (const c of this.checkers) engine.observe(c.observe);
    engine.observe(this.collector.observe);
    if (scenario.warmup <= engine.nowUs) this.atWarmup = this.networkTotals();
    else engine.at(scenario.warmup, () => { this.atWarmup = this.networkTotals(); });
  }

  /**
   * The network and processor totals at the warm-up boundary and now. In a run split over
   * partitions (sim/partition.ts) each partition's hosts alone have sent or worked, so the
   * partitions' totals add up to the run's (`addTotals`).
   */
  totals(): MonitorTotals {
    const end = this.networkTotals();
    return { atWarmup: this.atWarmup ?? end, end };
  }

  /**
   * Metrics, check outcomes and the timeseries of the measurement window; call after `run`. A
   * partitioned run's coordinator passes the partitions' summed totals.
   */
  finish(totals: MonitorTotals = this.totals()): { metrics: Metrics; checks: CheckOutcome[]; timeseries: TimeseriesRow[]; distributions: Distributions } {
    const endUs = this.scenario.duration;
    const { end, atWarmup: start } = totals;
    const window: NetworkWindowTotals = {
      messages: end.messages - start.messages,
      bytes: end.bytes - start.bytes,
      replicaMessages: end.replicaMessages - start.replicaMessages,
      replicaBytes: end.replicaBytes - start.replicaBytes,
      replicas: end.replicas,
      dropped: end.dropped - start.dropped,
      droppedQueueFull: end.droppedQueueFull - start.droppedQueueFull,
      replicaCoreBusyUs: end.replicaCoreBusyUs.map((cores, r) => cores.map((us, c) => us - start.replicaCoreBusyUs[r]![c]!)),
    };
    const checks = this.checkers.map((c) => c.outcome(endUs));
    const metrics: Metrics = {
      ...this.collector.metrics(window),
      'safety.violations': { unit: 'count', value: this.safety.violationCount },
      ...(this.liveness === null ? {} : { 'liveness.violations': { unit: 'count', value: this.liveness.countAt(endUs) } }),
      'validity.violations': { unit: 'count', value: this.validity.violationCount },
      'state_agreement.violations': { unit: 'count', value: this.stateAgreement.violationCount },
    };
    return { metrics, checks, timeseries: this.collector.timeseries(), distributions: this.collector.distributions() };
  }

  /**
   * Metrics so far with what their final values cannot go below (src/metrics/interim-bounds.ts):
   * the collector's, and the violation counts of the checkers that only ever add violations.
   */
  interim(maxLatencySamples: number, wanted: readonly string[]): InterimMetrics {
    return {
      ...this.collector.interim(maxLatencySamples, wanted),
      'safety.violations': counterInterim(this.safety.violationCount),
      'validity.violations': counterInterim(this.validity.violationCount),
      'state_agreement.violations': counterInterim(this.stateAgreement.violationCount),
    };
  }

  private networkTotals(): NetworkWindowTotals {
    const net = this.engine.network;
    let messages = 0, bytes = 0, replicaMessages = 0, replicaBytes = 0;
    // What left the hosts' uplinks: sent, less what never left (counted in the engine that found
    // it, so a partition's totals over every host add up to the run's).
    for (let h = 0; h < net.hostCount; h++) {
      messages += net.messagesSent[h]! - net.unsentMessagesFrom[h]!;
      bytes += net.bytesSent[h]! - net.unsentBytesFrom[h]!;
    }
    for (const h of this.ledger.replicaHosts) {
      replicaMessages += net.messagesSent[h]! - net.unsentMessagesFrom[h]!;
      replicaBytes += net.bytesSent[h]! - net.unsentBytesFrom[h]!;
    }
    const replicaCoreBusyUs = this.ledger.replicaHosts.map((h) => Array.from({ length: this.engine.cores(h) }, (_, c) => this.engine.cpuCoreDoneUs(h, c)));
    return { messages, bytes, replicaMessages, replicaBytes, replicas: this.ledger.replicaHosts.length, dropped: net.droppedTotal, droppedQueueFull: net.droppedByReason[DropReason.queueFull]!, replicaCoreBusyUs };
  }
}
