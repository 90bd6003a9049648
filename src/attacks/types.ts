/** What attacks need from a run model, and what an installed attack looks like. */
import type { Engine, HostId } from '../../sim/index.ts';
import type { GroundTruth } from './ground-truth.ts';

/**
 * The run model's world as attacks see it. Built by the run model after its hosts exist and passed
 * to `AttackPlan.install`.
 */
export interface AttackWorld {
  readonly engine: Engine;
  /** Host of replica i, for every replica index. */
  readonly replicaHosts: readonly HostId[];
  /** Hosts of the clients (load generators, gateways) in index order; may be empty. */
  readonly clientHosts: readonly HostId[];
  /** The replica host leading now, or undefined for leaderless protocols. */
  currentLeader(): HostId | undefined;
  /** When the run ends, µs: windows without an `end` close here. */
  readonly endUs: number;
  /** Declare [startUs, endUs] outside the fault model: the liveness checker excuses stalls there. */
  excuseLiveness?(startUs: number, endUs: number): void;
}

/** Everything an attack's installer gets. */
export interface InstallContext {
  readonly world: AttackWorld;
  readonly truth: GroundTruth;
}

/** Sizes known before any host exists, to check a scenario's targets at load time. */
export interface AttackTargetsSizes {
  readonly replicas: number;
  readonly clients: number;
  /** Faulty replicas the protocol tolerates (PBFT ⌊(n−1)/3⌋); Infinity if unknown. */
  readonly maxFaulty?: number;
}
