/** What attacks need from a world, and what an installed attack gets. */
import type { Engine, HostId } from '../../sim/index.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import type { GroundTruth } from './ground-truth.ts';

/**
 * The world as attacks see it, built by the composition root (src/world) once its hosts exist and
 * passed to `AttackPlan.install`.
 */
export interface AttackWorld {
  readonly engine: Engine;
  /** Host of replica i, for every replica index. */
  readonly replicaHosts: readonly HostId[];
  /** Hosts of the clients (load generators, gateways) in index order; may be empty. */
  readonly clientHosts: readonly HostId[];
  /** The replica host leading now, or undefined for leaderless protocols. */
  currentLeader(): HostId | undefined;
  /** Call `fn` with the new leader whenever leadership moves (the world's one leader tracker). */
  onLeaderChange(fn: (leader: HostId | undefined) => void): void;
  /** The definition of the protocol the replicas run; absent in worlds of test replicas. */
  readonly protocol?: ProtocolDefinition;
  /** When the run ends, µs: windows without an `end` close here. */
  readonly endUs: number;
  /** How long after its submission a transaction may still be proposed, µs (consensus.mempool.ttl); absent: no limit. */
  readonly txLifetimeUs?: number;
  /**
   * Say which replica `spec`'s 'leader' target turned out to be when it acted, so that the fault
   * model's count of faulty replicas over its window counts that one (src/world/excused-windows.ts).
   */
  leaderTargetActed?(spec: object, replica: number): void;
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
}
