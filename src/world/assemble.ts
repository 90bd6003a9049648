/**
 * The composition root: a scenario and a seed in, a world ready to run out. A configuration
 * places the hosts (the consensus-only world: replicas and load clients; the IoMT world: the
 * hospital topology); everything else is wired here, once, for every configuration: the attack
 * plan (Byzantine proxies around the replicas, network and engine events, device attacks), the
 * consensus checkers and collector, the one leader tracker (src/protocols/consortium/leader-tracker.ts), and the one
 * computation of the windows the liveness checker excuses (src/world/excused-windows.ts).
 *
 *   const world = assembleWorld(scenario, seed, consensusConfiguration(scenario, seed));
 *   world.excused;        // the windows the liveness checker excuses
 *   const out = world.run();
 */
import type { ActorFactory, Engine, HostId, ModelEventObserver } from '../../sim/index.ts';
import type { AnyAttackDefinition } from '../attacks/definition.ts';
import { planAttacks } from '../attacks/plan.ts';
import { registriesFor } from '../plugins/registries.ts';
import { actingAttacks } from '../scenario/acting-attacks.ts';
import type { AttackTargetsSizes } from '../attacks/types.ts';
import type { Distributions } from '../metrics/distribution.ts';
import type { CheckOutcome, Metrics, RunOutput } from '../metrics/types.ts';
import type { RunWatch } from '../metrics/interim-bounds.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import type { Scenario } from '../scenario/schema.ts';
import { excusedWindows, type ExcusedWindow } from './excused-windows.ts';
import { addTotals, ConsensusMonitor, type MonitorTotals } from './monitor.ts';
import type { ReplicaDeployment, WrapReplica } from '../protocols/consortium/placement.ts';
import type { ConsensusWorld, FaultPlan } from './types.ts';

/** The hosts of a world, placed by its configuration. */
export interface PlacedWorld<S> {
  readonly engine: Engine;
  readonly consortium: ReplicaDeployment;
  /** Clients in index order (attack targets: censored clients). */
  readonly clientHosts: readonly HostId[];
  /** What the `setup` option receives, given the world as attacks see it. */
  subject(view: ConsensusWorld): S;
  /** Watch the run besides the consensus checkers (called right after they are attached). */
  observe?(): void;
  /**
   * How many transactions the submitters can still submit after now and up to `toUs`: exact while
   * nothing crashes them; Infinity when unknown (closed loops). With those already submitted, it
   * bounds the latency samples a run can still record (src/metrics/interim-bounds.ts).
   */
  futureSubmissionsBound?(toUs: number): number;
  /**
   * The site of each host, by host id (the hosts of one site run in one partition of a split run:
   * a hospital with its devices); by default its network region.
   */
  sites?(): readonly number[];
  /**
   * The scenario field that gives the latency from region `fromRegion` to `toRegion` (a split
   * refused for a latency without a floor names it); by default `network.latency` or its entry.
   */
  latencyField?(fromRegion: number, toRegion: number): readonly (string | number)[];
  /**
   * What `finish` reads from the state of the hosts this engine ran (structured-cloneable): in a run
   * split over partitions each partition's engine reports its share, for the coordinator's `finish`.
   */
  hostTotals?(): unknown;
  /** What the configuration adds to the run's output, after the consensus monitor's; given the partitions' `hostTotals` in a split run. */
  finish?(partitions?: readonly unknown[]): { readonly metrics: Metrics; readonly checks: readonly CheckOutcome[]; readonly distributions: Distributions };
}

/** What a partition's engine reports at the end of a split run: its share of what the output reads from hosts. */
export interface PartitionTotals {
  readonly monitor: MonitorTotals;
  readonly world: unknown;
  /** The attacks' counts made inside this partition's hosts (FaultPlan.hostTotals). */
  readonly attacks?: unknown;
}

/** One kind of world: the protocol whose fault model bounds the faults, and how its hosts are placed. */
export interface WorldConfiguration<S> {
  readonly protocol: ProtocolDefinition;
  /** Replicas and clients, for the attack plan's target checks before any host exists. */
  readonly sizes: AttackTargetsSizes;
  build(wrapReplica: WrapReplica | undefined, plan: FaultPlan | undefined): PlacedWorld<S>;
}

export interface WorldOptions<S> {
  /** Faults and attacks; by default the plan of the scenario's `attacks:` section. */
  readonly faults?: FaultPlan;
  /** The attack definitions the scenario's attacks are planned from (plug-ins add theirs). */
  readonly registry?: readonly AnyAttackDefinition[];
  /** Wrap replica i's factory instead of the plan's Byzantine proxies. */
  readonly wrapReplica?: WrapReplica;
  /** Extra observers of every model event. */
  readonly observers?: readonly ModelEventObserver[];
  /** Schedule extra faults or observers once the hosts exist (tests). */
  readonly setup?: (subject: S) => void;
}

export interface AssembledWorld {
  readonly engine: Engine;
  readonly consortium: ReplicaDeployment;
  readonly monitor: ConsensusMonitor;
  /** The world as attacks and tests' fault schedules see it. */
  readonly view: ConsensusWorld;
  /**
   * The windows the liveness checker excuses, computed from the scenario's attacks before the run;
   * those an attack on 'leader' adds once it acts (leaderTargetActed) are excused then, not listed.
   */
  readonly excused: readonly ExcusedWindow[];
  /**
   * Run for `scenario.duration` and collect every metric and check. The run covers [0, duration):
   * events due at the duration itself never run (Engine.runBefore), and the clock ends there. With a
   * watch, pause every `watch.everyUs` to report the metrics of the events before that time; the run
   * ends there when the watch says so, and its output is that of the run whose duration that time
   * is (`simulatedUs` tells).
   */
  run(watch?: RunWatch): RunOutput;
  /**
   * The output of the run so far, once the engine has run the events before `scenario.duration` (a
   * caller that runs the engine itself, in slices, instead of `run()`: src/runner/sliced-run.ts).
   */
  finish(): RunOutput;
  /** The site of each host (see PlacedWorld.sites). */
  sites(): readonly number[];
  /** The scenario field of the latency between two regions (see PlacedWorld.latencyField). */
  latencyField(fromRegion: number, toRegion: number): readonly (string | number)[];
  /** This engine's share of what the output reads from hosts' state (a partition's, in a split run). */
  partitionTotals(): PartitionTotals;
  /** This engine's share of what a watch reads from hosts' state (a partition's, at a split run's check). */
  checkpoint(): PartitionCheckpoint;
  /**
   * A split run's check at `atUs`, in the coordinator's world: run its control callbacks before
   * there, report to `watch` what its observers saw with the partitions' checkpoints, and say
   * whether the run ends there (the watch's answer), as `run(watch)` does at each interval.
   */
  checkPartitionedRun(watch: RunWatch, atUs: number, partitions: readonly PartitionCheckpoint[]): boolean;
  /**
   * The output of a run whose hosts ran in other engines (sim/partition.ts): this world's observers
   * were shown their events, and it combines the partitions' totals.
   */
  outputOfPartitionedRun(run: { readonly traceHash: string; readonly eventsProcessed: number; readonly simulatedUs: number }, partitions: readonly PartitionTotals[]): RunOutput;
}

/** What a watch reads from one partition's hosts at a check: its clients' submissions still to come (Infinity: no bound). */
export interface PartitionCheckpoint {
  readonly futureSubmissions: number;
}

export function checkWatchInterval(watch: RunWatch): void {
  if (!(watch.everyUs > 0)) throw new RangeError(`watch interval: expected a positive duration, found ${watch.everyUs} µs`);
}

export function assembleWorld<S>(scenario: Scenario, configuration: WorldConfiguration<S>, options: WorldOptions<S> = {}): AssembledWorld {
  const registry = options.registry ?? registriesFor(scenario.plugins).attacks;
  // An attack whose window opens at or after the end never acts (the command line says so): the run
  // is the one without it, so its replicas run honest code, count as honest in every check and
  // ground truth labels nothing it never did.
  const attacks = actingAttacks(scenario.attacks, scenario.duration);
  const plan = options.faults ?? (attacks.length > 0 ? planAttacks(attacks, configuration.sizes, registry) : undefined);
  const wrapReplica = options.wrapReplica ?? (plan === undefined ? undefined : <M>(i: number, f: ActorFactory<M>) => plan.wrapReplica(i, f));
  const placed = configuration.build(wrapReplica, plan);
  const { engine, consortium } = placed;
  const byzantineHosts = new Set((plan?.byzantineReplicas() ?? []).map((i) => consortium.replicaHosts[i]!));
  const monitor = new ConsensusMonitor(engine, scenario, consortium, { byzantineHosts });
  placed.observe?.();
  for (const o of options.observers ?? []) engine.observe(o);
  const view: ConsensusWorld = {
    engine,
    replicaHosts: consortium.replicaHosts,
    clientHosts: placed.clientHosts,
    currentLeader: () => consortium.leader.current(),
    onLeaderChange: (fn) => consortium.leader.onChange(fn),
    protocol: configuration.protocol,
    endUs: scenario.duration,
    ...(scenario.consensus.mempool.ttl === undefined ? {} : { txLifetimeUs: scenario.consensus.mempool.ttl }),
    excuseLiveness: (a, b) => monitor.liveness?.excuse(a, b),
    leaderTargetActed: (spec, replica) => {
      // Windows the known leader takes beyond f are excused from then on: a stall judged before it
      // acted was owed, with fewer replicas faulty then.
      leaderWhenActed.set(spec as (typeof attacks)[number], replica);
      for (const [a, b] of windowsExcused()) view.excuseLiveness(a, b);
    },
  };
  const leaderWhenActed = new Map<(typeof attacks)[number], number>();
  const windowsExcused = (): ExcusedWindow[] => excusedWindows(attacks, registry, configuration.protocol.faultModel.maxFaulty(consortium.replicaHosts.length), consortium.replicaHosts.length, scenario.duration, leaderWhenActed);
  const excused = windowsExcused();
  for (const [a, b] of excused) view.excuseLiveness(a, b);
  plan?.install(view);
  options.setup?.(placed.subject(view));
  // Attacks may fabricate transactions or crash submitters, which voids the bound on submissions.
  const futureSubmissions = (): number => (plan === undefined ? placed.futureSubmissionsBound?.(scenario.duration) ?? Infinity : Infinity);
  /** Report to the watch; true when it says to stop. */
  const interim = (watch: RunWatch, simulatedUs: number, futureSubmissionsBound: number): boolean =>
    watch.onInterim({ simulatedUs, metrics: monitor.interim(monitor.collector.submittedInWindow + futureSubmissionsBound, watch.metrics) });
  const runWatched = (watch: RunWatch): void => {
    checkWatchInterval(watch);
    // Running the events before successive horizons processes the same events in the same order as
    // one run; a check at a horizon sees what a run of that duration would have.
    for (let untilUs = Math.min(watch.everyUs, scenario.duration); ; untilUs = Math.min(untilUs + watch.everyUs, scenario.duration)) {
      engine.runBefore(untilUs);
      if (untilUs >= scenario.duration) return;
      if (interim(watch, engine.nowUs, futureSubmissions())) return;
    }
  };
  const output = (run: { readonly traceHash: string; readonly eventsProcessed: number; readonly simulatedUs: number }, partitions?: readonly PartitionTotals[]): RunOutput => {
    const consensus = monitor.finish(partitions?.map((p) => p.monitor).reduce(addTotals));
    const extra = placed.finish?.(partitions?.map((p) => p.world)) ?? { metrics: {}, checks: [], distributions: {} };
    const distributions = { ...consensus.distributions, ...extra.distributions };
    const attackTotals = partitions?.flatMap((p) => (p.attacks === undefined ? [] : [p.attacks]));
    return {
      metrics: { ...consensus.metrics, ...extra.metrics, ...(plan?.outcomes(attackTotals) ?? {}) },
      checks: [...consensus.checks, ...extra.checks],
      ...run,
      timeseries: consensus.timeseries,
      ...(Object.keys(distributions).length > 0 ? { distributions } : {}),
      ...(plan?.labelsByAttack === undefined ? {} : { attackLabels: plan.labelsByAttack(attackTotals) }),
    };
  };
  const finish = (): RunOutput => output({ traceHash: engine.traceHash(), eventsProcessed: engine.eventsProcessed, simulatedUs: engine.nowUs });
  return {
    engine,
    consortium,
    monitor,
    view,
    excused,
    run(watch) {
      if (watch === undefined) engine.runBefore(scenario.duration);
      else runWatched(watch);
      return finish();
    },
    finish,
    sites: () => placed.sites?.() ?? Array.from({ length: engine.hostCount }, (_, h) => engine.network.regionOf(h)),
    latencyField: (fromRegion, toRegion) => placed.latencyField?.(fromRegion, toRegion) ?? (Array.isArray(scenario.network.latency) ? ['network', 'latency', fromRegion, toRegion] : ['network', 'latency']),
    partitionTotals: () => ({ monitor: monitor.totals(), world: placed.hostTotals?.(), ...(plan?.hostTotals === undefined ? {} : { attacks: plan.hostTotals() }) }),
    checkpoint: () => ({ futureSubmissions: futureSubmissions() }),
    checkPartitionedRun(watch, atUs, partitions) {
      engine.runBefore(atUs);
      return interim(watch, atUs, partitions.reduce((sum, p) => sum + p.futureSubmissions, 0));
    },
    outputOfPartitionedRun(run, partitions) {
      // The hosts ran elsewhere; this engine's clock stands where theirs ended.
      engine.nowUs = run.simulatedUs;
      return output({ traceHash: run.traceHash, eventsProcessed: run.eventsProcessed, simulatedUs: run.simulatedUs }, partitions);
    },
  };
}
