/**
 * Small engine worlds for the attacks' own tests: n replicas of a toy quorum protocol (a fixed leader
 * proposes a value each period; every replica votes to all; 2f+1 matching votes commit) plus clients.
 * The toy protocol is honest code with no knowledge of attacks, like the real ones. Each proposal
 * carries one transaction the leader submits with it, so that a height committed is a transaction
 * served (attack.max_commit_gap_ms counts only commits that settle a waiting transaction).
 */
import { Engine, type Actor, type ActorContext, type ActorFactory, type HostId } from '../../../sim/index.ts';
import { txId, type Block, type Transaction } from '../../ledger/types.ts';
import { z } from 'zod';
import { attackSchema } from '../../scenario/sections/attacks.ts';
import { LeaderTracker } from '../../protocols/consortium/leader-tracker.ts';
import type { AnyAttackDefinition } from '../definition.ts';
import { planAttacks, type AttackPlan, type PlannedSpec } from '../plan.ts';
import { ATTACK_REGISTRY } from '../registry.ts';

type ToyMsg =
  | { kind: 'propose'; height: number; value: number; tx: Transaction }
  | { kind: 'vote'; height: number; value: number; tx: Transaction }
  | { kind: 'ping'; seq: number };

const PROPOSE_TAG = 1;

export class ToyReplica implements Actor<ToyMsg> {
  private readonly votes = new Map<string, Set<HostId>>();
  private readonly committed = new Set<number>();
  private height = 0;
  received = 0;
  recovered = 0;

  constructor(
    private readonly ctx: ActorContext<ToyMsg>,
    private readonly peers: () => readonly HostId[],
    private readonly isLeader: boolean,
    private readonly periodUs: number,
  ) {}

  onStart(): void {
    if (this.isLeader) this.ctx.setTimer(this.periodUs, PROPOSE_TAG);
  }

  onRecover(): void {
    this.recovered++;
    this.onStart();
  }

  onTimer(): void {
    this.height++;
    const value = 1 + this.ctx.rng.int(1_000_000);
    const tx: Transaction = { id: txId(this.ctx.self, this.height), sender: this.ctx.self, sizeBytes: 1, payloadDigest: '', submittedUs: this.ctx.nowUs };
    this.ctx.emit({ kind: 'submit', tx } as never);
    for (const p of this.peers()) this.ctx.send(p, { kind: 'propose', height: this.height, value, tx }, 100);
    this.ctx.setTimer(this.periodUs, PROPOSE_TAG);
  }

  onMessage(from: HostId, msg: ToyMsg): void {
    this.received++;
    if (msg.kind === 'propose') {
      for (const p of this.peers()) this.ctx.send(p, { kind: 'vote', height: msg.height, value: msg.value, tx: msg.tx }, 50);
    } else if (msg.kind === 'vote') {
      const k = `${msg.height}:${msg.value}`;
      let s = this.votes.get(k);
      if (s === undefined) this.votes.set(k, (s = new Set()));
      s.add(from);
      const n = this.peers().length;
      const quorum = 2 * Math.floor((n - 1) / 3) + 1;
      if (s.size >= quorum && !this.committed.has(msg.height)) {
        this.committed.add(msg.height);
        const block = { hash: `v${msg.value}`, parentHash: '', height: msg.height, proposer: 0, timestampUs: this.ctx.nowUs, merkleRoot: '', txs: [msg.tx], sizeBytes: 0 } satisfies Block;
        this.ctx.emit({ kind: 'commit', block } as never);
      }
    }
  }
}

/** A client that sends a ping to every replica each period (to observe what gets through). */
export class PingClient implements Actor<ToyMsg> {
  private seq = 0;
  constructor(private readonly ctx: ActorContext<ToyMsg>, private readonly peers: () => readonly HostId[], private readonly periodUs: number) {}
  onStart(): void {
    this.ctx.setTimer(this.periodUs, 0);
  }
  onTimer(): void {
    for (const p of this.peers()) this.ctx.send(p, { kind: 'ping', seq: this.seq++ }, 10);
    this.ctx.setTimer(this.periodUs, 0);
  }
  onMessage(): void {}
}

export interface ToyWorld {
  readonly engine: Engine;
  readonly plan: AttackPlan;
  readonly replicaHosts: HostId[];
  readonly clientHosts: HostId[];
  readonly commits: Array<{ host: HostId; height: number; hash: string; timeUs: number }>;
  /** Follows `view-change` events the test emits from a replica host (the first replica leads until then). */
  readonly leader: LeaderTracker;
}

export interface ToyWorldOptions {
  readonly clients?: number;
  readonly seed?: number;
  readonly periodUs?: number;
  readonly latencyUs?: number;
  readonly endUs?: number;
  /** Attack definitions to parse and plan `attacks` with (the in-tree registry by default). */
  readonly registry?: readonly AnyAttackDefinition[];
}

/** Build a toy world of `n` replicas and `clients` clients, with `attacks` (as written in a file). */
export function toyWorld(n: number, attacks: unknown[], opts: ToyWorldOptions = {}): ToyWorld {
  const registry = opts.registry ?? ATTACK_REGISTRY;
  const specs = z.array(attackSchema(registry)).parse(attacks) as unknown as PlannedSpec[];
  const engine = new Engine({ seed: opts.seed ?? 7, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: opts.latencyUs ?? 1_000 } } });
  const plan = planAttacks(specs, { replicas: n, clients: opts.clients ?? 0 }, registry);
  const replicaHosts: HostId[] = [];
  const clientHosts: HostId[] = [];
  const place = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };
  for (let i = 0; i < n; i++) {
    const factory: ActorFactory<ToyMsg> = (ctx) => new ToyReplica(ctx, () => replicaHosts, i === 0, opts.periodUs ?? 10_000);
    replicaHosts.push(engine.addHost(place, plan.wrapReplica(i, factory), `replica:${i}`));
  }
  for (let c = 0; c < (opts.clients ?? 0); c++) {
    clientHosts.push(engine.addHost(place, (ctx: ActorContext<ToyMsg>) => new PingClient(ctx, () => replicaHosts, 5_000), `client:${c}`));
  }
  const leader = new LeaderTracker(engine, replicaHosts);
  const world: ToyWorld = { engine, plan, replicaHosts, clientHosts, commits: [], leader };
  engine.observe((host, ev, timeUs) => {
    if (ev.kind === 'commit') {
      const b = (ev as unknown as { block: Block }).block;
      world.commits.push({ host, height: b.height, hash: b.hash, timeUs });
    }
  });
  plan.install({ engine, replicaHosts, clientHosts, currentLeader: () => leader.current(), onLeaderChange: (fn) => leader.onChange(fn), endUs: opts.endUs ?? 1_000_000 });
  return world;
}
