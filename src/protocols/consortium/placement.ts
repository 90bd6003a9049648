/**
 * The consortium's replicas, placed by the one loop every world uses (the consensus-only world and
 * the IoMT world differ only in where each replica sits and what application it runs). Replica i
 * gets the next host id, its own signing key, and the protocol's factory, wrapped when an attack
 * makes it Byzantine. The world's leader tracker watches these hosts.
 */
import type { ActorFactory, Engine, HostId, HostPlacement } from '../../../sim/index.ts';
import type { CryptoCosts, KeyRing } from '../../ledger/crypto.ts';
import { ExecutedSequence } from '../executed-sequence.ts';
import type { ReplicaConfig, ReplicatedApplication, ReplicaSettings } from '../types.ts';
import type { ProtocolDefinition } from '../definition.ts';
import { LeaderTracker } from './leader-tracker.ts';
import { clientReplyVerifyCostUs } from '../reply.ts';

/** Wrap replica i's factory (Byzantine behaviour from an attack plan). */
export type WrapReplica = <M>(replicaIndex: number, factory: ActorFactory<M>) => ActorFactory<M>;

export interface ConsortiumPlan {
  readonly protocol: ProtocolDefinition;
  /** Where replica i sits and the name of its random stream, one entry per replica. */
  readonly places: readonly { readonly placement: HostPlacement; readonly streamName: string }[];
  /** Processor cores of every replica (consensus.cores); the placement's own, or 1, when absent. */
  readonly cores?: number;
  /** Parameters and mempool limits every replica gets. */
  readonly settings: ReplicaSettings;
  readonly batchSize: number;
  readonly batchTimeoutUs: number;
  readonly blockSizeMaxBytes: number;
  readonly costs: CryptoCosts;
  readonly keyRing: KeyRing;
  /** The application replica i executes; by default the sequence of transactions it executed (synthetic load, src/protocols/executed-sequence.ts). */
  readonly applicationFor?: (replicaIndex: number) => ReplicatedApplication;
  readonly wrapReplica?: WrapReplica | undefined;
}

/** A placed consortium: its hosts, applications and keys, and who leads now. */
export interface ReplicaDeployment {
  readonly protocol: ProtocolDefinition;
  readonly replicaHosts: readonly HostId[];
  readonly applications: readonly ReplicatedApplication[];
  readonly keyRing: KeyRing;
  readonly costs: CryptoCosts;
  /** Matching replies a client waits for. */
  readonly repliesNeeded: number;
  /** CPU time, µs, a client spends checking the authentication of each reply it counts (reply.ts). */
  readonly replyVerifyUs: number;
  readonly leader: LeaderTracker;
  /** The leader announced by the latest view change (the first replica until then). */
  currentLeader(): HostId;
}

/** Places the replicas on consecutive hosts, from the engine's next host id. */
export function placeConsortium(engine: Engine, plan: ConsortiumPlan): ReplicaDeployment {
  const { protocol, keyRing, costs } = plan;
  const n = plan.places.length;
  const base = engine.hostCount;
  const replicaHosts = Array.from({ length: n }, (_, i) => base + i);
  const applications: ReplicatedApplication[] = [];
  for (let i = 0; i < n; i++) {
    const app = plan.applicationFor?.(i) ?? new ExecutedSequence();
    applications.push(app);
    const config: ReplicaConfig = {
      replicaHosts,
      index: i,
      batchSize: plan.batchSize,
      batchTimeoutUs: plan.batchTimeoutUs,
      blockSizeMaxBytes: plan.blockSizeMaxBytes,
      crypto: costs,
      signingKey: keyRing.issue(replicaHosts[i]!),
      verifier: keyRing,
      ...plan.settings,
    };
    const factory: ActorFactory<unknown> = (ctx) => protocol.createReplica(ctx, config, app);
    const place = plan.places[i]!;
    const placement = plan.cores === undefined ? place.placement : { ...place.placement, cores: plan.cores };
    const h = engine.addHost(placement, plan.wrapReplica?.(i, factory) ?? factory, place.streamName);
    if (h !== replicaHosts[i]) throw new Error(`replica ${i} was placed on host ${h}, expected ${replicaHosts[i]}`);
  }
  const leader = new LeaderTracker(engine, replicaHosts);
  return { protocol, replicaHosts, applications, keyRing, costs, repliesNeeded: protocol.faultModel.repliesNeeded(n), replyVerifyUs: clientReplyVerifyCostUs(protocol, plan.settings, costs), leader, currentLeader: () => leader.current() };
}
