/**
 * An attack plan: the scenario's `attacks:` list, checked against the world's size and turned into
 * Byzantine proxies (used when the world creates its replicas), scheduled network and engine events
 * (installed once the hosts exist), and, in an IoMT world, device attacks. Built from a registry of
 * definitions, so a plug-in attack is one more definition in the list.
 *
 * Use from a world (src/world):
 *   const attacks = planAttacks(scenario.attacks, { replicas: n, clients: c });
 *   engine.addHost(placement, attacks.wrapReplica(i, factory));      // for each replica i
 *   attacks.install({ engine, replicaHosts, clientHosts, currentLeader, onLeaderChange, endUs });
 *   ... engine.runBefore(endUs) ...                                   // the run covers [0, endUs)
 *   metrics = { ...metrics, ...attacks.outcomes() };
 */
import type { ActorFactory } from '../../sim/index.ts';
import type { IomtWorld, IomtWorldHooks } from '../iomt/world.ts';
import type { Metrics } from '../metrics/types.ts';
import { InputError } from '../scenario/errors.ts';
import type { AnyAttackDefinition } from './definition.ts';
import type { ByzantineBehaviour } from './byzantine/behaviour.ts';
import { ByzantineReplica } from './byzantine/replica.ts';
import { GroundTruth } from './ground-truth.ts';
import { DeviceAttackRuntime, type DeviceAttackTotals } from './iomt/runtime.ts';
import { AttackOutcomes } from './outcomes/collector.ts';
import { ATTACK_REGISTRY } from './registry.ts';
import { checkAttackTargets } from './targets.ts';
import type { AttackTargetsSizes, AttackWorld, InstallContext } from './types.ts';

/** See AttackPlan.hostTotals. */
export interface AttackPlanTotals {
  readonly devices?: DeviceAttackTotals;
}

/** What a plan needs of a spec: its type and window (the rest is the definition's business). */
export interface PlannedSpec {
  readonly type: string;
  readonly start: number;
  readonly end?: number | undefined;
}

export class AttackPlan {
  readonly truth = new GroundTruth();
  private world: AttackWorld | undefined;
  private outcomesCollector: AttackOutcomes | undefined;
  /** Byzantine behaviours by replica index, with the registry position of the attack that made each. */
  private readonly byzantine = new Map<number, Array<{ readonly order: number; readonly type: string; readonly behaviour: ByzantineBehaviour }>>();
  private readonly whenInstalled: Array<(world: AttackWorld) => void> = [];
  private readonly definitions: readonly AnyAttackDefinition[];
  private readonly devices: DeviceAttackRuntime | undefined;
  private devicesInstalled = false;

  constructor(readonly specs: readonly PlannedSpec[], readonly sizes: AttackTargetsSizes, readonly registry: readonly AnyAttackDefinition[] = ATTACK_REGISTRY) {
    this.definitions = specs.map((spec, k) => {
      const d = registry.find((r) => r.type === spec.type);
      if (d === undefined) throw new InputError([{ source: 'scenario', path: `attacks.${k}.type`, expected: `one of ${registry.map((r) => r.type).join(', ')}`, found: `'${spec.type}'` }]);
      return d;
    });
    checkAttackTargets(specs, this.definitions, sizes);
    const setup = {
      truth: this.truth,
      replicaHosts: () => this.world?.replicaHosts ?? [],
      whenInstalled: (fn: (world: AttackWorld) => void) => { this.whenInstalled.push(fn); },
    };
    specs.forEach((spec, k) => {
      const d = this.definitions[k]!;
      if (d.byzantineBehaviour === undefined) return;
      const behaviour = d.byzantineBehaviour(spec as never, setup);
      for (const i of d.faultyReplicas?.(spec as never) ?? []) {
        if (typeof i !== 'number') continue;
        let list = this.byzantine.get(i);
        if (list === undefined) this.byzantine.set(i, (list = []));
        list.push({ order: registry.indexOf(d), type: spec.type, behaviour });
      }
    });
    const deviceEntries = specs.flatMap((spec, index) => (this.definitions[index]!.device === undefined ? [] : [{ definition: this.definitions[index]!, spec, index }]));
    this.devices = deviceEntries.length === 0 ? undefined : new DeviceAttackRuntime(registry, deviceEntries);
  }

  /** Replica indices that run Byzantine code at some time. */
  byzantineReplicas(): number[] {
    return [...this.byzantine.keys()].sort((a, b) => a - b);
  }

  /** The factory to create replica `index` with: the honest one, or a Byzantine proxy around it. */
  wrapReplica<M>(index: number, factory: ActorFactory<M>): ActorFactory<M> {
    const entries = this.byzantine.get(index);
    if (entries === undefined) return factory;
    const behaviours = entries.map((e) => e.behaviour);
    return ((ctx) => new ByzantineReplica(ctx as never, factory as ActorFactory<unknown>, behaviours)) as ActorFactory<M>;
  }

  /** Hooks an IoMT world builds its devices, gateways and clinicians through (device attacks' proxies). */
  get deviceHooks(): IomtWorldHooks | undefined {
    return this.devices?.hooks;
  }

  /** Install the device attacks in a built IoMT world (before `install`). */
  installDevices(world: IomtWorld): void {
    if (this.devices === undefined) return;
    this.devices.install(world);
    this.devicesInstalled = true;
  }

  /** Schedule every network and engine attack and start observing outcomes. Call once. */
  install(world: AttackWorld): void {
    if (this.world !== undefined) throw new Error('attack plan installed twice');
    this.world = world;
    for (const fill of this.whenInstalled) fill(world);
    for (const [index, entries] of this.byzantine) {
      const modes = [...entries].sort((a, b) => a.order - b.order).map((e) => e.behaviour.mode);
      this.truth.label('host', world.replicaHosts[index]!, [...new Set(modes)].join('+'), 'byzantine-replica', 0);
    }
    // Labels the attacks record as they act arrive as events (ground-truth.ts), before any observer reads them.
    world.engine.observe(this.truth.follow());
    const ic: InstallContext = { world, truth: this.truth };
    this.specs.forEach((spec, k) => this.definitions[k]!.install?.(spec as never, ic));
    const reported = new Set(this.definitions.flatMap((d) => d.outcomes));
    this.outcomesCollector = new AttackOutcomes(world, this.truth, this.specs, reported, this.devicesInstalled ? [this.devices!.truth] : []);
  }

  /** What the outcomes read from the hosts this engine ran (a partition's share, in a split run). */
  hostTotals(): AttackPlanTotals {
    return this.devicesInstalled ? { devices: this.devices!.hostTotals() } : {};
  }

  /**
   * Outcome metrics of this run (attack.*), judged against the ground truth; then the device
   * attacks'. In a split run, given the partitions' `hostTotals`.
   */
  outcomes(partitions?: readonly unknown[]): Metrics {
    if (this.outcomesCollector === undefined) throw new Error('attack plan not installed');
    const devices = (partitions as readonly AttackPlanTotals[] | undefined)?.flatMap((p) => (p.devices === undefined ? [] : [p.devices]));
    // attack.labels counts every attack's ground truth: this plan's, and the device attacks' own.
    const deviceLabels = this.devicesInstalled ? this.devices!.labelCount(devices) : 0;
    return { ...this.outcomesCollector.metrics(deviceLabels), ...(this.devicesInstalled ? this.devices!.outcomes(devices) : {}) };
  }

  /**
   * The ground-truth labels of attack.labels by the type of the plan's attacks that recorded them,
   * every type of the plan listed (in the order of `specs`), 0 where it recorded none: what tells an
   * attack that never acted in the run (src/runner/silent-attacks.ts). A label counts for the
   * attacks whose type it names; a Byzantine replica's, which names the modes of every attack that
   * made it Byzantine, for each of those. In a split run, given the partitions' `hostTotals`.
   */
  labelsByAttack(partitions?: readonly unknown[]): Record<string, number> {
    if (this.world === undefined) throw new Error('attack plan not installed');
    const devices = (partitions as readonly AttackPlanTotals[] | undefined)?.flatMap((p) => (p.devices === undefined ? [] : [p.devices]));
    const recorded = [this.truth.countsByAttack(), this.devicesInstalled ? this.devices!.labelsByAttack(devices) : {}];
    const out: Record<string, number> = {};
    for (const { type } of this.specs) out[type] = recorded.reduce((n, r) => n + (r[type] ?? 0), 0);
    // Every replica made Byzantine was labelled when the plan was installed.
    for (const entries of this.byzantine.values()) for (const type of new Set(entries.map((e) => e.type))) out[type]! += 1;
    return out;
  }
}

/** A plan of `specs` from the definitions in `registry` (the in-tree attacks by default). */
export function planAttacks(specs: readonly PlannedSpec[], sizes: AttackTargetsSizes, registry: readonly AnyAttackDefinition[] = ATTACK_REGISTRY): AttackPlan {
  return new AttackPlan(specs, sizes, registry);
}
