/**
 * How a device attack takes part in an IoMT world (src/attacks/iomt/runtime.ts runs them): its
 * targets are checked once the topology is known, then `plan` gets every spec of its type and
 * returns the run's wiring: behaviours for the proxies around devices and gateways, wrappers
 * around gateways, clinicians and record stores, what to install once the world exists, and the
 * outcome metrics.
 */
import type { ActorFactory, HostId } from '../../../sim/index.ts';
import type { GatewayOptions } from '../../iomt/gateway.ts';
import type { IomtWorld } from '../../iomt/world.ts';
import type { Metrics } from '../../metrics/types.ts';
import type { TargetIssues } from '../definition.ts';
import type { GroundTruth } from '../ground-truth.ts';
import type { DeviceBehaviour } from './device-proxy.ts';
import type { GatewayBehaviour, GatewayTap } from './gateway-tap.ts';
import type { MessageLabels } from './labels.ts';

/** Sizes of the IoMT world a device attack's targets are checked against. */
export interface DeviceWorldSizes {
  readonly devices: number;
  readonly gateways: number;
  readonly hospitals: number;
  readonly clinicians: number;
}

/**
 * What decides when the gateways' device detectors have learnt their baseline, laid out from the
 * scenario alone (no host built), for an attack's `detectorBaselines`.
 */
export interface DeviceDetectionLayout {
  /** Mean time between each device's own readings, µs, by device number (0 is the first). */
  readonly deviceIntervalsUs: readonly number[];
  /** The device-scope detectors the gateways run, each named as its metrics are ('cusum:interarrival'). */
  readonly deviceDetectors: readonly { readonly name: string; readonly feature: string; readonly warmup: number }[];
}

/** When one detector an attack is scored by has learnt its baseline from honest traffic alone, µs from the run's start. */
export interface DetectorBaseline {
  readonly detector: string;
  readonly readyUs: number;
}

/** A spec with its position in the scenario's `attacks:` list. */
export interface IndexedSpec<S> {
  readonly spec: S;
  readonly index: number;
}

/** What every device attack of a run shares. */
export interface DeviceAttackEnv {
  /** Ground truth of the device attacks (positives for the detectors). */
  readonly truth: GroundTruth;
  readonly labels: MessageLabels;
  /** Every gateway's tap, in gateway order, once the world is built. */
  readonly taps: readonly GatewayTap[];
  /** Forward every gateway's device alarms to `host` (a security service). */
  forwardGatewayAlarmsTo(host: HostId): void;
}

/** One attack type's wiring in one run; every hook is optional. */
export interface DeviceAttackRun<S> {
  /** The behaviour of the proxy around device `device` (0-based), or undefined to leave it alone. */
  deviceBehaviour?(device: number): DeviceBehaviour | undefined;
  /** The behaviour of the tap around gateway `gateway` (0-based), or undefined. */
  gatewayBehaviour?(gateway: number): GatewayBehaviour | undefined;
  /**
   * Wrap gateway `gateway`'s (0-based) actor, built from `config` (what the honest gateway knows),
   * or undefined to leave it alone; the tap stays outermost.
   */
  wrapGateway?(gateway: number, factory: ActorFactory<unknown>, config: GatewayOptions): ActorFactory<unknown> | undefined;
  /** Wrap hospital `hospital`'s (0-based) record store, or undefined to leave it alone. */
  wrapStore?(hospital: number, factory: ActorFactory<unknown>): ActorFactory<unknown> | undefined;
  /** Wrap clinician `clinician`'s (0-based) client, or undefined to leave it alone. */
  wrapClinician?(clinician: number, factory: ActorFactory<unknown>): ActorFactory<unknown> | undefined;
  /** Once the world exists, for each spec in scenario order: label ground truth, add attacker hosts, schedule events. */
  installEach?(spec: IndexedSpec<S>, world: IomtWorld): void;
  /** After every `installEach`, once per attack type in registry order: hosts the specs share (a security service). */
  installAll?(world: IomtWorld): void;
  /**
   * What its outcomes count inside the hosts this engine ran (plain data; an attack whose
   * definition says it splits over threads reports its partition's share here).
   */
  hostTotals?(): unknown;
  /** Outcome metrics, after the run; in a split run given each partition's `hostTotals`, to add to its own (none). */
  outcomes?(partitions?: readonly unknown[]): Metrics;
}

export interface DeviceAttackHooks<S> {
  /** Check the spec against the world's sizes (a device number out of range). */
  checkWorldTargets?(spec: S, sizes: DeviceWorldSizes, issues: TargetIssues): void;
  /**
   * For an attack scored by detectors that learn an in-control baseline before they can alarm:
   * when each of those `spec` is scored by has learnt it from honest traffic alone. An attack that
   * starts earlier is learnt as part of the baseline and goes undetected; the command line says so
   * when the scenario loads (src/scenario/attack-notices.ts).
   */
  detectorBaselines?(spec: S, layout: DeviceDetectionLayout): readonly DetectorBaseline[];
  /** The run's wiring for every spec of this type, in scenario order. */
  plan(specs: readonly IndexedSpec<S>[], env: DeviceAttackEnv): DeviceAttackRun<S>;
}
