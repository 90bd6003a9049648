/**
 * The device attacks of one IoMT run: what they share (ground truth, message labels, the tap on
 * every gateway, the detectors' scoring) and the order they act in. Each attack type's wiring comes
 * from its definition (`device.plan`); nothing here knows an attack by name.
 *
 *   const devices = new DeviceAttackRuntime(entries);      // device attacks, in scenario order
 *   const world = new IomtWorld(config, devices.hooks);    // proxies built as hosts are added
 *   devices.install(world);  ...  world.run();  metrics = { ...metrics, ...devices.outcomes() };
 */
import type { ActorFactory, HostId } from '../../../sim/index.ts';
import type { GatewayOptions } from '../../iomt/gateway.ts';
import type { IomtWorld, IomtWorldHooks } from '../../iomt/world.ts';
import type { Metrics } from '../../metrics/types.ts';
import { InputError, type InputIssue } from '../../scenario/errors.ts';
import type { AnyAttackDefinition } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import { targetIssues } from '../targets.ts';
import { deviceDetectionScorer, type DetectionScorer } from './detection.ts';
import { DeviceProxy, type DeviceBehaviour } from './device-proxy.ts';
import { GatewayTap, type GatewayBehaviour } from './gateway-tap.ts';
import type { DeviceAttackEnv, DeviceAttackRun, IndexedSpec } from './hooks.ts';
import { deviceWorldSizes } from './layout.ts';
import { MessageLabels, type MessageCounts } from './labels.ts';

/** See DeviceAttackRuntime.hostTotals. */
export interface DeviceAttackTotals {
  readonly labels: Readonly<Record<string, MessageCounts>>;
  /**
   * Ground-truth labels the attacks recorded in this engine after installing (as they acted: a
   * record tampered in a store, a read an insider served), which only the engine running the host
   * records; every engine records the labels made when installing.
   */
  readonly actedLabels: number;
  /** Of `actedLabels`, how many each attack recorded (by the attack its labels name). */
  readonly actedByAttack: Readonly<Record<string, number>>;
  /** Each attack type's own (`DeviceAttackRun.hostTotals`), in the runtime's order. */
  readonly runs: readonly unknown[];
}

/** A device attack of the scenario: its definition, spec and place in the `attacks:` list. */
export interface DeviceAttackEntry {
  readonly definition: AnyAttackDefinition;
  readonly spec: { readonly type: string };
  readonly index: number;
}

export class DeviceAttackRuntime implements DeviceAttackEnv {
  readonly truth = new GroundTruth();
  readonly labels = new MessageLabels();
  readonly taps: GatewayTap[] = [];
  readonly hooks: IomtWorldHooks;
  /** One wiring per attack type, in the order the definitions were given (registry order). */
  private readonly runs: Array<{ readonly definition: AnyAttackDefinition; readonly run: DeviceAttackRun<unknown> }> = [];
  private readonly runOf = new Map<AnyAttackDefinition, DeviceAttackRun<unknown>>();
  private alarmSink: HostId | undefined;
  private gatewayOrdinal = 0;
  private clinicianOrdinal = 0;
  private scorer: DetectionScorer | undefined;
  /** How many labels the truth held once installed: those recorded later were recorded while acting. */
  private installedLabels = 0;

  /** `definitions` in registry order; `entries` the device attacks in scenario order. */
  constructor(definitions: readonly AnyAttackDefinition[], private readonly entries: readonly DeviceAttackEntry[]) {
    for (const definition of definitions) {
      const specs: IndexedSpec<unknown>[] = entries.filter((e) => e.definition === definition).map((e) => ({ spec: e.spec, index: e.index }));
      if (specs.length === 0 || definition.device === undefined) continue;
      const run = (definition.device.plan as (s: readonly IndexedSpec<unknown>[], env: DeviceAttackEnv) => DeviceAttackRun<unknown>)(specs, this);
      this.runs.push({ definition, run });
      this.runOf.set(definition, run);
    }
    this.hooks = { wrapActor: (role, id, factory, config) => this.wrap(role, id, factory, config) };
  }

  forwardGatewayAlarmsTo(host: HostId): void {
    this.alarmSink = host;
  }

  /** Check targets against the built world, then let each attack label, add hosts and schedule. */
  install(world: IomtWorld): void {
    const topo = world.topology;
    const sizes = deviceWorldSizes(topo);
    const issues: InputIssue[] = [];
    for (const e of this.entries) e.definition.device?.checkWorldTargets?.(e.spec as never, sizes, targetIssues('scenario', `attacks.${e.index}`, issues));
    if (issues.length > 0) throw new InputError(issues);
    for (const e of this.entries) this.runOf.get(e.definition)?.installEach?.({ spec: e.spec, index: e.index }, world);
    for (const { run } of this.runs) run.installAll?.(world);
    this.scorer = deviceDetectionScorer(world, this.truth);
    this.installedLabels = this.truth.size;
  }

  /**
   * What the outcomes read from the hosts this engine ran (plain data): the labelled readings'
   * counts, made where devices send and gateways admit, and each attack's own counts
   * (`DeviceAttackRun.hostTotals`). In a run split over threads each partition reports its hosts'
   * share.
   */
  hostTotals(): DeviceAttackTotals {
    return { labels: this.labels.totals(), actedLabels: this.truth.size - this.installedLabels, actedByAttack: this.truth.countsByAttack(this.installedLabels), runs: this.runs.map(({ run }) => run.hostTotals?.()) };
  }

  /**
   * Ground-truth labels the device attacks recorded in the run: this engine's, plus, given the
   * partitions' `hostTotals` in a split run, those they recorded while acting (the labels made when
   * installing, which every engine makes alike, counted once).
   */
  labelCount(partitions?: readonly DeviceAttackTotals[]): number {
    return (partitions ?? []).reduce((n, p) => n + p.actedLabels, this.truth.size);
  }

  /** The labels of `labelCount`, by the attack each names. */
  labelsByAttack(partitions?: readonly DeviceAttackTotals[]): Record<string, number> {
    const out = this.truth.countsByAttack();
    for (const p of partitions ?? []) for (const [attack, n] of Object.entries(p.actedByAttack)) out[attack] = (out[attack] ?? 0) + n;
    return out;
  }

  /**
   * Every attack's outcome metrics (registry order), then the detectors' scores; given the
   * partitions' `hostTotals` in a split run (whose hosts ran elsewhere), from their sum.
   */
  outcomes(partitions?: readonly DeviceAttackTotals[]): Metrics {
    for (const p of partitions ?? []) this.labels.add(p.labels);
    const m: Metrics = {};
    this.runs.forEach(({ run }, i) => Object.assign(m, run.outcomes?.(partitions?.map((p) => p.runs[i])) ?? {}));
    return { ...m, ...(this.scorer?.metrics() ?? {}) };
  }

  private wrap(role: 'device' | 'gateway' | 'clinician' | 'store', id: number, factory: ActorFactory<unknown>, config: unknown): ActorFactory<unknown> {
    if (role === 'store') {
      let f = factory;
      for (const { run } of this.runs) f = run.wrapStore?.(id, f) ?? f;
      return f;
    }
    if (role === 'clinician') {
      const clinician = this.clinicianOrdinal++;
      let f = factory;
      for (const { run } of this.runs) f = run.wrapClinician?.(clinician, f) ?? f;
      return f;
    }
    if (role === 'device') {
      const behaviours = this.runs.map(({ run }) => run.deviceBehaviour?.(id)).filter((b): b is DeviceBehaviour => b !== undefined);
      return behaviours.length === 0 ? factory : (ctx) => new DeviceProxy(ctx, factory, behaviours, this.labels);
    }
    // Every gateway gets a tap (to measure what its admission accepts).
    const gateway = this.gatewayOrdinal++;
    const behaviours = this.runs.map(({ run }) => run.gatewayBehaviour?.(gateway)).filter((b): b is GatewayBehaviour => b !== undefined);
    let inner = factory;
    for (const { run } of this.runs) inner = run.wrapGateway?.(gateway, inner, config as GatewayOptions) ?? inner;
    return (ctx) => {
      const tap = new GatewayTap(ctx, inner, behaviours, this.labels, () => this.alarmSink);
      this.taps.push(tap);
      return tap;
    };
  }
}

/** A batch unacknowledged this long before the end of the run is counted as never stored. */
const UNSTORED_GRACE_US = 10_000_000;

/**
 * Records in batches the store never acknowledged, sent long enough before the end that an
 * acknowledgement was due: no durable copy exists, only their digest on chain.
 */
export function unrecoverableRecords(taps: readonly GatewayTap[]): number {
  const endUs = taps[0]?.ctx.nowUs ?? 0;
  let lost = 0;
  for (const t of taps) for (const b of t.unstored.values()) if (endUs - b.sentUs > UNSTORED_GRACE_US) lost += b.records;
  return lost;
}

/** This engine's count plus the partitions' (a split run's coordinator counts nothing itself). */
export function withPartitions(own: number, partitions: readonly unknown[] | undefined): number {
  return (partitions ?? []).reduce<number>((sum, p) => sum + (p as number), own);
}

/** Each field of this engine's counts plus the partitions' (`partitions` holds counts of the same shape). */
export function summed<T extends { readonly [K in keyof T]: number }>(own: T, partitions: readonly unknown[] | undefined): (field: keyof T) => number {
  const all = [own, ...((partitions ?? []) as T[])];
  return (field) => all.reduce((x, c) => x + c[field], 0);
}
