/** What a world offers the attacks and tests that act on it, and what an attack plan looks like to it. */
import type { ActorFactory } from '../../sim/index.ts';
import type { AttackWorld } from '../attacks/types.ts';
import type { IomtWorld, IomtWorldHooks } from '../iomt/world.ts';
import type { Metrics } from '../metrics/types.ts';

/** The world an attack plan or a test's fault schedule acts on. */
export interface ConsensusWorld extends AttackWorld {
  /** Declare [startUs, endUs] outside the fault model: the liveness checker excuses stalls there. */
  excuseLiveness(startUs: number, endUs: number): void;
}

/** An attack plan as the world uses it (src/attacks' AttackPlan has this shape). */
export interface FaultPlan {
  wrapReplica<M>(index: number, factory: ActorFactory<M>): ActorFactory<M>;
  byzantineReplicas(): readonly number[];
  install(world: ConsensusWorld): void;
  /** Outcome metrics; in a split run, given each partition's `hostTotals`. */
  outcomes(partitions?: readonly unknown[]): Metrics;
  /** What the outcomes read from the hosts this engine ran (a partition's share, in a split run). */
  hostTotals?(): unknown;
  /** The ground-truth labels by the type of the attacks that recorded them (RunOutput.attackLabels); in a split run, given each partition's `hostTotals`. */
  labelsByAttack?(partitions?: readonly unknown[]): Record<string, number>;
  /** Device attacks: hooks an IoMT world builds its devices, gateways and clinicians through. */
  readonly deviceHooks?: IomtWorldHooks | undefined;
  /** Device attacks: install in the built IoMT world (before `install`). */
  installDevices?(world: IomtWorld): void;
}
