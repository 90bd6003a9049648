/**
 * An attack plan: the scenario's `attacks:` list, checked against the world's size, turned into
 * actor wrappers (used when the run model creates its replicas) and scheduled network and engine
 * events (installed once the hosts exist).
 *
 * Use from a run model:
 *   const attacks = planAttacks(scenario.attacks, { replicas: n, clients: c });
 *   engine.addHost(placement, attacks.wrapReplica(i, factory));      // for each replica i
 *   attacks.install({ engine, replicaHosts, clientHosts, currentLeader, endUs });
 *   ... engine.run(endUs) ...
 *   metrics = { ...metrics, ...attacks.outcomes() };
 */
import type { ActorFactory, HostId } from '../../sim/index.ts';
import type { Metrics } from '../metrics/types.ts';
import type { AttackSpec } from '../scenario/sections/attacks.ts';
import { emptyModes, type ByzantineModes, type CensorshipMode, type EquivocationMode } from './byzantine/behaviour.ts';
import { ByzantineReplica } from './byzantine/replica.ts';
import { installCrash } from './engine/crash.ts';
import { GroundTruth } from './ground-truth.ts';
import { installEclipse } from './network/eclipse.ts';
import { installLeaderDelay } from './network/leader-delay.ts';
import { installLeaderDos } from './network/leader-dos.ts';
import { installPartition } from './network/partition.ts';
import { AttackOutcomes } from './outcomes/collector.ts';
import { checkAttackTargets } from './targets.ts';
import type { AttackTargetsSizes, AttackWorld, InstallContext } from './types.ts';

export class AttackPlan {
  readonly truth = new GroundTruth();
  private world: AttackWorld | undefined;
  private outcomesCollector: AttackOutcomes | undefined;
  /** Byzantine modes by replica index; their host sets are filled at install. */
  private readonly byzantine = new Map<number, ByzantineModes>();
  private readonly pendingSets: Array<(world: AttackWorld) => void> = [];

  constructor(readonly specs: readonly AttackSpec[], readonly sizes: AttackTargetsSizes) {
    checkAttackTargets(specs, sizes);
    for (const spec of specs) this.planByzantine(spec);
  }

  /** Replica indices that run Byzantine code at some time. */
  byzantineReplicas(): number[] {
    return [...this.byzantine.keys()].sort((a, b) => a - b);
  }

  /** The factory to create replica `index` with: the honest one, or a Byzantine proxy around it. */
  wrapReplica<M>(index: number, factory: ActorFactory<M>): ActorFactory<M> {
    const modes = this.byzantine.get(index);
    if (modes === undefined) return factory;
    const view = { replicaHosts: () => this.world?.replicaHosts ?? [], truth: this.truth };
    return ((ctx) => new ByzantineReplica(ctx as never, factory as ActorFactory<unknown>, modes, view)) as ActorFactory<M>;
  }

  /** Schedule every network and engine attack and start observing outcomes. Call once. */
  install(world: AttackWorld): void {
    if (this.world !== undefined) throw new Error('attack plan installed twice');
    this.world = world;
    for (const fill of this.pendingSets) fill(world);
    for (const [index, modes] of this.byzantine) {
      const attack = [...new Set(Object.entries(modes).filter(([, list]) => (list as unknown[]).length > 0).map(([k]) => k))].join('+');
      this.truth.label('host', world.replicaHosts[index]!, attack, 'byzantine-replica', 0);
    }
    const ic: InstallContext = { world, truth: this.truth };
    for (const spec of this.specs) {
      switch (spec.type) {
        case 'crash': installCrash(spec, ic); break;
        case 'partition': installPartition(spec, ic); break;
        case 'eclipse': installEclipse(spec, ic); break;
        case 'leader-delay': installLeaderDelay(spec, ic); break;
        case 'leader-dos': installLeaderDos(spec, ic); break;
        default: break; // Byzantine modes act through the replica wrappers
      }
    }
    this.outcomesCollector = new AttackOutcomes(world, this.truth, this.specs);
    if (world.excuseLiveness !== undefined) {
      for (const [a, b] of excusedWindows(this.specs, this.byzantine.size, this.sizes.maxFaulty ?? Infinity, world.endUs)) world.excuseLiveness(a, b);
    }
  }

  /** Outcome metrics of this run (attack.*), judged against the ground truth. */
  outcomes(): Metrics {
    if (this.outcomesCollector === undefined) throw new Error('attack plan not installed');
    return this.outcomesCollector.metrics();
  }

  private modesOf(index: number): ByzantineModes {
    let m = this.byzantine.get(index);
    if (m === undefined) {
      m = emptyModes();
      this.byzantine.set(index, m);
    }
    return m;
  }

  private planByzantine(spec: AttackSpec): void {
    switch (spec.type) {
      case 'silence':
        for (const i of spec.replicas) this.modesOf(i).silence.push({ start: spec.start, end: spec.end });
        break;
      case 'delay-votes':
        for (const i of spec.replicas) {
          this.modesOf(i).delay.push({ start: spec.start, end: spec.end, delayUs: spec.delay, kinds: new Set(spec.kinds) });
        }
        break;
      case 'censorship': {
        const senders = new Set<HostId>();
        const mode: CensorshipMode = { start: spec.start, end: spec.end, senders };
        for (const i of spec.replicas) this.modesOf(i).censorship.push(mode);
        this.pendingSets.push((w) => {
          for (const c of spec.clients) {
            const h = w.clientHosts[c];
            if (h === undefined) continue;
            senders.add(h);
            this.truth.label('host', h, 'censorship', 'censored-client', spec.start, spec.end ?? Infinity);
          }
        });
        break;
      }
      case 'equivocation': {
        const sideA = new Set<HostId>();
        const colluders = new Set<HostId>();
        const mode: EquivocationMode = { start: spec.start, end: spec.end, sideA, colluders };
        for (const i of spec.replicas) this.modesOf(i).equivocation.push(mode);
        this.pendingSets.push((w) => {
          for (const i of spec.replicas) colluders.add(w.replicaHosts[i]!);
          const honest = w.replicaHosts.map((_, i) => i).filter((i) => !spec.replicas.includes(i));
          const a = spec.sideA ?? honest.slice(0, Math.floor(honest.length / 2));
          for (const i of a) sideA.add(w.replicaHosts[i]!);
        });
        break;
      }
      default:
        break;
    }
  }
}

/**
 * Windows in which the fault model promises no progress, so the liveness checker must not demand
 * it: partitions (asynchrony: protocols guarantee progress only after GST, Dwork, Lynch &
 * Stockmeyer 1988), crashes that with the Byzantine replicas exceed f, and the whole run when the
 * Byzantine replicas alone exceed f. Progress must resume after each window.
 */
export function excusedWindows(specs: readonly AttackSpec[], byzantine: number, maxFaulty: number, endUs: number): Array<[number, number]> {
  if (byzantine > maxFaulty) return [[0, endUs]];
  const out: Array<[number, number]> = [];
  const end = (s: AttackSpec) => Math.min(s.end ?? endUs, endUs);
  const overlaps = (a: AttackSpec, b: AttackSpec) => a.start < end(b) && b.start < end(a);
  for (const s of specs) {
    if (s.type === 'partition') out.push([s.start, end(s)]);
    if (s.type === 'crash') {
      const crashed = new Set<number | 'leader'>();
      for (const t of specs) {
        if (t.type !== 'crash' || !overlaps(s, t)) continue;
        if (t.replicas === 'leader') crashed.add('leader');
        else for (const i of t.replicas) crashed.add(i);
      }
      if (crashed.size + byzantine > maxFaulty) out.push([s.start, end(s)]);
    }
  }
  return out;
}

export function planAttacks(specs: readonly AttackSpec[], sizes: AttackTargetsSizes): AttackPlan {
  return new AttackPlan(specs, sizes);
}
