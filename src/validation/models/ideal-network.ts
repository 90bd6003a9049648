/**
 * The ideal network of the closed forms (docs/references.md §2): fixed one-way delay δ, unconstrained links,
 * zero processing time, an honest leader, one request per decision. A single client sends one
 * request at a time to the current leader and waits for the replies the protocol requires, then
 * pauses; the real protocol modules run unmodified.
 *
 * Per decision it measures: commit delay after the leader received the request (at the leader, or
 * at the last replica; the arrival is taken as submission + δ, which it is on this network, so a
 * slower client hop would count as commit delay), client latency, and messages sent while the
 * decision was in flight.
 *
 * Timer-driven traffic (Raft's heartbeats, PBFT's status reports) is not part of the closed forms'
 * message counts, and a heartbeat can fall in a decision's window. It is marked, not guessed: each
 * replica runs behind a context that marks every message it sends while handling a timer, or while
 * handling a message so marked (a follower's answer to a heartbeat, and so on), and each decision
 * reports how many marked messages were sent in its window. Callers exclude those windows from the
 * message counts (checks/ideal-network.ts); nothing else is excluded.
 */
import { Engine, forwardingContext, type Actor, type ActorContext, type HostId, type TimerTag } from '../../../sim/index.ts';
import { KeyRing, ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { txId, type Transaction } from '../../ledger/types.ts';
import { defaultReplicaSettings } from '../../protocols/definition.ts';
import { NO_APPLICATION, type CommitEvent, type LeadsEvent, type ReplyMessage } from '../../protocols/types.ts';
import type { ProtocolDefinition } from '../../protocols/definition.ts';

export interface IdealRunOptions {
  readonly module: ProtocolDefinition;
  /**
   * The protocol elects its leader (Raft §5.2): the client sends each request to the replica that
   * last announced it leads (`leads`). Otherwise to replica 0, which on a network without faults
   * leads throughout (PBFT's primary of view 0) or passes requests on to each view's leader
   * (HotStuff's rotating leaders, §4.3).
   */
  readonly electedLeader?: boolean;
  readonly n: number;
  readonly deltaUs: number;
  readonly params?: Readonly<Record<string, unknown>>;
  /** Time before the first request (elections, warm-up). */
  readonly settleUs: number;
  readonly decisions: number;
  /** Measurement window per decision (long enough for the slowest reply to land). */
  readonly windowUs: number;
  readonly seed?: number;
}

export interface IdealDecision {
  /** First commit at the leader minus arrival of the request at the leader, µs. */
  readonly leaderCommitUs: number;
  /** Last replica's commit minus arrival of the request at the leader, µs. */
  readonly allCommitUs: number;
  readonly clientUs: number;
  /** Messages between replicas in the decision's window (background traffic included). */
  readonly replicaMessages: number;
  /** Same, counting the client's request and every reply too. */
  readonly allMessages: number;
  /** Last replica's commit of the request's block minus the block's proposal time, µs. */
  readonly afterProposalUs: number;
  /** New heights the first replica committed during the window (views, for chained protocols). */
  readonly heightsInWindow: number;
  /** Mean time between successive committed blocks' proposals during the window, µs. */
  readonly proposalIntervalUs: number;
  /**
   * Messages replicas sent in the window while handling a timer, or a message so marked
   * (transitively): timer-driven traffic, which the closed forms' message counts leave out.
   */
  readonly timerDrivenMessages: number;
}

const FREE = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity } as const;

export function runIdealNetwork(o: IdealRunOptions): IdealDecision[] {
  const engine = new Engine({ seed: o.seed ?? 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: o.deltaUs } } });
  const replicaHosts = Array.from({ length: o.n }, (_, i) => i);
  // Symbolic signatures: real checks at zero modelled cost, as the ideal network assumes.
  const ring = new KeyRing('symbolic', o.seed ?? 1);
  const timerDriven = new TimerDrivenTraffic();
  for (let i = 0; i < o.n; i++) {
    const config = { replicaHosts, index: i, batchSize: 1, batchTimeoutUs: 1, blockSizeMaxBytes: 1_048_576, crypto: ZERO_CRYPTO_COSTS, ...defaultReplicaSettings(o.module, o.params), signingKey: ring.issue(i), verifier: ring };
    engine.addHost(FREE, (ctx: ActorContext<unknown>) => timerDriven.wrap(ctx, (marked) => o.module.createReplica(marked, config, NO_APPLICATION)), `replica:${i}`);
  }
  let leader: HostId = 0;
  const commits = new Map<number, Array<{ host: HostId; timeUs: number; proposedUs: number }>>();
  const firstReplicaProposals: Array<{ timeUs: number; proposedUs: number }> = [];
  engine.observe((host, ev, timeUs) => {
    if (o.electedLeader === true && ev.kind === 'leads') leader = (ev as LeadsEvent).leader;
    else if (ev.kind === 'commit') {
      const block = (ev as CommitEvent).block;
      if (host === replicaHosts[0]) firstReplicaProposals.push({ timeUs, proposedUs: block.timestampUs });
      for (const tx of block.txs) {
        let l = commits.get(tx.id);
        if (l === undefined) commits.set(tx.id, (l = []));
        l.push({ host, timeUs, proposedUs: block.timestampUs });
      }
    }
  });
  const client = new IdealClient(o, () => leader, replicaHosts);
  const clientHost = engine.addHost(FREE, (ctx: ActorContext<unknown>) => client.bind(ctx), 'client');
  const net = engine.network;
  const sentBy = (hosts: readonly HostId[]) => hosts.reduce((s, h) => s + net.messagesSent[h]!, 0);
  const allHosts = [...replicaHosts, clientHost];
  const out: IdealDecision[] = [];
  let t = o.settleUs;
  for (let d = 0; d < o.decisions; d++) {
    engine.run(t);
    const before = { r: sentBy(replicaHosts) - net.messagesReceived[clientHost]!, a: sentBy(allHosts), timer: timerDriven.sent };
    const heightsBefore = firstReplicaProposals.length;
    const submitUs = t;
    engine.at(submitUs, () => client.submit(leader));
    engine.run(submitUs + o.windowUs);
    const after = { r: sentBy(replicaHosts) - net.messagesReceived[clientHost]!, a: sentBy(allHosts), timer: timerDriven.sent };
    const tx = client.last!;
    const cs = commits.get(tx.id) ?? [];
    const arrivalUs = submitUs + o.deltaUs;
    const leaderCommit = cs.find((c) => c.host === client.lastLeader);
    const inWindow = firstReplicaProposals.slice(heightsBefore);
    const proposalIntervalUs = inWindow.length < 2 ? NaN : (inWindow.at(-1)!.proposedUs - inWindow[0]!.proposedUs) / (inWindow.length - 1);
    out.push({
      leaderCommitUs: leaderCommit === undefined ? NaN : leaderCommit.timeUs - arrivalUs,
      allCommitUs: cs.length < o.n ? NaN : Math.max(...cs.map((c) => c.timeUs)) - arrivalUs,
      clientUs: client.confirmedUs - submitUs,
      replicaMessages: after.r - before.r,
      allMessages: after.a - before.a,
      afterProposalUs: cs.length < o.n ? NaN : Math.max(...cs.map((c) => c.timeUs)) - cs[0]!.proposedUs,
      heightsInWindow: inWindow.length,
      proposalIntervalUs,
      timerDrivenMessages: after.timer - before.timer,
    });
    t = submitUs + o.windowUs;
  }
  return out;
}

/**
 * Marks timer-driven traffic. A replica's context is wrapped so that what it sends while its
 * `onTimer` runs, or while its `onMessage` handles a marked message, is marked in turn; marks are
 * kept by message object (the engine delivers the object that was sent), so they follow a
 * heartbeat to its answers and their consequences. `sent` counts marked sends, one per recipient,
 * as the network counts messages.
 */
class TimerDrivenTraffic {
  private readonly marked = new WeakSet<object>();
  sent = 0;

  wrap(ctx: ActorContext<unknown>, create: (ctx: ActorContext<unknown>) => Actor<unknown>): Actor<unknown> {
    let handlingMarked = false;
    const marked = forwardingContext(ctx, {
      send: (to, msg, sizeBytes) => {
        if (handlingMarked) {
          if (typeof msg === 'object' && msg !== null) this.marked.add(msg);
          this.sent++;
        }
        ctx.send(to, msg, sizeBytes);
      },
    });
    const actor = create(marked);
    const during = <T>(isMarked: boolean, f: () => T): T => {
      const outer = handlingMarked;
      handlingMarked = isMarked;
      try {
        return f();
      } finally {
        handlingMarked = outer;
      }
    };
    return {
      onStart: actor.onStart === undefined ? undefined : () => actor.onStart!(),
      onRecover: actor.onRecover === undefined ? undefined : () => actor.onRecover!(),
      onMessage: (from, msg) => during(typeof msg === 'object' && msg !== null && this.marked.has(msg), () => actor.onMessage(from, msg)),
      onTimer: (tag) => during(true, () => actor.onTimer(tag)),
    };
  }
}

/** One request at a time; confirmed after `repliesNeeded(n)` replies naming the same block. */
class IdealClient implements Actor<unknown> {
  private ctx: ActorContext<unknown> | undefined;
  private seq = 0;
  last: Transaction | undefined;
  lastLeader: HostId = 0;
  confirmedUs = NaN;
  private replies = new Map<string, Set<HostId>>();

  constructor(private readonly o: IdealRunOptions, _leader: () => HostId, _replicas: readonly HostId[]) {}

  bind(ctx: ActorContext<unknown>): this {
    this.ctx = ctx;
    return this;
  }

  submit(leader: HostId): void {
    const ctx = this.ctx!;
    const tx: Transaction = { id: txId(ctx.self, this.seq++), sender: ctx.self, sizeBytes: 100, payloadDigest: 'ab'.repeat(32), submittedUs: ctx.nowUs };
    this.last = tx;
    this.lastLeader = leader;
    this.confirmedUs = NaN;
    this.replies = new Map();
    ctx.send(leader, { kind: 'request', tx }, 164);
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as ReplyMessage;
    if (m.kind !== 'reply' || this.last === undefined || m.txId !== this.last.id || !Number.isNaN(this.confirmedUs)) return;
    const key = `${m.height}:${m.blockHash}`;
    let s = this.replies.get(key);
    if (s === undefined) this.replies.set(key, (s = new Set()));
    s.add(from);
    if (s.size >= this.o.module.faultModel.repliesNeeded(this.o.n)) this.confirmedUs = this.ctx!.nowUs;
  }

  onTimer(_tag: TimerTag): void {}
}

