/**
 * A small cluster for protocol tests (raft, hotstuff, poa): n replicas of one protocol and one
 * client host on an engine with a chosen latency distribution. It records every commit, view change,
 * reply and replica-to-replica message so tests can assert closed forms. Only tests import
 * it.
 */
import { Engine, forwardingContext, type Actor, type ActorContext, type DistributionSpec, type HostId, type ModelEvent } from '../../../sim/index.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import { txId } from '../../ledger/types.ts';
import { KeyRing, ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import type { MempoolOptions } from '../../ledger/mempool.ts';
import { defaultReplicaSettings } from '../definition.ts';
import { NO_APPLICATION, type CommitEvent, type CryptoCosts, type LeadsEvent, type ReplicatedApplication, type ReplyMessage, type RequestMessage, type ViewChangeEvent } from '../types.ts';
import type { ProtocolDefinition } from '../definition.ts';


export interface ClusterOptions {
  readonly module: ProtocolDefinition;
  readonly n: number;
  readonly seed?: number;
  readonly latencyUs: DistributionSpec;
  /** Probability that any message is lost. */
  readonly lossProbability?: number;
  readonly batchSize?: number;
  readonly batchTimeoutUs?: number;
  readonly blockSizeMaxBytes?: number;
  /** Overrides of the protocol's default parameters (base units: µs, bytes). */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly crypto?: CryptoCosts;
  /** Client resends unanswered requests to every replica this often (0: never). */
  readonly retransmitUs?: number;
  /** Keep a log of every replica-to-replica message (for message-count tests). */
  readonly recordMessages?: boolean;
  /** Messages between replicas that the network loses: those this returns true for. */
  readonly dropWhen?: (from: number, to: number, msg: unknown) => boolean;
  /** Every replica's pool limits (default: the scenario defaults). */
  readonly mempool?: MempoolOptions;
  /** Processor cores of each replica's host (default 1). */
  readonly cores?: number;
  /** Each replica's application (default: none, NO_APPLICATION). */
  readonly application?: (replicaIndex: number) => ReplicatedApplication;
}

/** The fields of a protocol message that tell one copy of it from another. */
type MessageId = { readonly kind: string; readonly view?: number; readonly newView?: number; readonly seq?: number };

/**
 * A `dropWhen` that loses every message `always` matches, and the first copy of each message
 * `first` matches sent from one replica to another (a copy is named by its kind and its view, new
 * view or sequence number); later copies arrive, as after a retransmission.
 */
export function loseFirstCopies(
  first: (from: number, to: number, m: MessageId) => boolean,
  always: (from: number, to: number, m: MessageId) => boolean = () => false,
): (from: number, to: number, msg: unknown) => boolean {
  const lost = new Set<string>();
  return (from, to, msg) => {
    const m = msg as MessageId;
    if (always(from, to, m)) return true;
    if (!first(from, to, m)) return false;
    const key = `${from}>${to}:${m.kind}:${m.view ?? m.newView ?? m.seq}`;
    if (lost.has(key)) return false;
    lost.add(key);
    return true;
  };
}

export interface SentMessage {
  readonly timeUs: number;
  readonly from: number;
  readonly to: number;
  readonly kind: string;
}

export interface CommitRecord {
  readonly timeUs: number;
  readonly block: Block;
}

const FREE_LINK = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity } as const;

export class TestCluster {
  readonly engine: Engine;
  readonly replicaHosts: HostId[] = [];
  readonly clientHost: HostId;
  /** commits[i]: replica i's commits in order. */
  readonly commits: CommitRecord[][] = [];
  readonly viewChanges: { timeUs: number; host: HostId; view: number; leader: HostId }[] = [];
  /** Replicas' announcements that they lead (`leads`: Raft's elected leader of each term, HotStuff's leader of each view, Clique's in-turn signer). */
  readonly leaders: { timeUs: number; view: number; leader: HostId }[] = [];
  /** Replies reaching the client, by transaction id. */
  readonly replies = new Map<number, { timeUs: number; replica: HostId; height: number }[]>();
  readonly messages: SentMessage[] = [];
  /** The replicas, by index: for tests that hand one a message directly. */
  readonly replicas: Actor<unknown>[] = [];
  /** Model events other than commits, view changes, leader announcements and replies. */
  readonly otherEvents: { timeUs: number; host: HostId; event: ModelEvent }[] = [];
  private clientCtx: ActorContext<unknown> | undefined;
  private readonly unanswered = new Map<number, RequestMessage>();
  private seq = 0;

  constructor(readonly options: ClusterOptions) {
    const o = options;
    this.engine = new Engine({ seed: o.seed ?? 1, network: { regions: ['r'], latencyUs: o.latencyUs, lossProbability: o.lossProbability ?? 0 } });
    const hosts = Array.from({ length: o.n }, (_, i) => i);
    const record = o.recordMessages === true;
    // Symbolic signatures (free, but checked) for the protocols that sign their votes.
    const ring = new KeyRing('symbolic', o.seed ?? 1);
    for (let i = 0; i < o.n; i++) {
      this.commits.push([]);
      const config = {
        replicaHosts: hosts,
        index: i,
        batchSize: o.batchSize ?? 1,
        batchTimeoutUs: o.batchTimeoutUs ?? 1_000,
        blockSizeMaxBytes: o.blockSizeMaxBytes ?? 1_048_576,
        crypto: o.crypto ?? ZERO_CRYPTO_COSTS,
        ...defaultReplicaSettings(o.module, o.params),
        ...(o.mempool === undefined ? {} : { mempool: o.mempool }),
        signingKey: ring.issue(i),
        verifier: ring,
      };
      const h = this.engine.addHost(o.cores === undefined ? FREE_LINK : { ...FREE_LINK, cores: o.cores }, (ctx: ActorContext<unknown>) =>
        this.keep(o.module.createReplica(record || o.dropWhen !== undefined ? this.linkContext(ctx, o.n) : ctx, config, o.application?.(i) ?? NO_APPLICATION)),
      );
      this.replicaHosts.push(h);
    }
    this.clientHost = this.engine.addHost(FREE_LINK, (ctx: ActorContext<unknown>) => this.clientActor(ctx));
    this.engine.observe((host, event, timeUs) => {
      if (event.kind === 'commit') this.commits[host]?.push({ timeUs, block: (event as CommitEvent).block });
      else if (event.kind === 'view-change') {
        const v = event as ViewChangeEvent;
        this.viewChanges.push({ timeUs, host, view: v.view, leader: v.leader });
      } else if (event.kind === 'leads') {
        const l = event as LeadsEvent;
        this.leaders.push({ timeUs, view: l.view, leader: l.leader });
      } else this.otherEvents.push({ timeUs, host, event });
    });
  }

  /** The client sends a new transaction to the given replicas now; returns it. */
  submit(toReplicas: readonly number[], sizeBytes = 100): Transaction {
    const ctx = this.clientCtx!;
    const tx: Transaction = {
      id: txId(this.clientHost, this.seq++),
      sender: this.clientHost,
      sizeBytes,
      payloadDigest: 'ab'.repeat(32),
      submittedUs: ctx.nowUs,
    };
    const req: RequestMessage = { kind: 'request', tx };
    this.unanswered.set(tx.id, req);
    for (const r of toReplicas) ctx.send(this.replicaHosts[r]!, req, 64 + sizeBytes);
    return tx;
  }

  /** Submit at a future time. */
  submitAt(timeUs: number, toReplicas: readonly number[], sizeBytes = 100): void {
    this.engine.at(timeUs, () => this.submit(toReplicas, sizeBytes));
  }

  run(untilUs: number): void {
    this.engine.run(untilUs);
  }

  /** Heights at which two replicas committed different blocks (should be none). */
  conflicts(): { height: number; hashes: string[] }[] {
    const byHeight = new Map<number, Set<string>>();
    for (const list of this.commits) {
      for (const c of list) {
        let s = byHeight.get(c.block.height);
        if (s === undefined) byHeight.set(c.block.height, (s = new Set()));
        s.add(c.block.hash);
      }
    }
    const out: { height: number; hashes: string[] }[] = [];
    for (const [height, s] of byHeight) if (s.size > 1) out.push({ height, hashes: [...s] });
    return out;
  }

  /** Heights each replica committed, in order (must be 1, 2, 3, ... with no gaps). */
  committedHeights(i: number): number[] {
    return this.commits[i]!.map((c) => c.block.height);
  }

  /** Transaction ids committed by replica i, in commit order. */
  committedTxIds(i: number): number[] {
    const out: number[] = [];
    for (const c of this.commits[i]!) for (const tx of c.block.txs) out.push(tx.id);
    return out;
  }

  private clientActor(ctx: ActorContext<unknown>): Actor<unknown> {
    this.clientCtx = ctx;
    const every = this.options.retransmitUs ?? 0;
    return {
      onStart: () => {
        if (every > 0) ctx.setTimer(every, 0);
      },
      onTimer: () => {
        for (const req of this.unanswered.values()) {
          if (ctx.nowUs - req.tx.submittedUs < every) continue;
          for (const h of this.replicaHosts) ctx.send(h, req, 64 + req.tx.sizeBytes);
        }
        ctx.setTimer(every, 0);
      },
      onMessage: (from, msg) => {
        const m = msg as ReplyMessage;
        if (m.kind !== 'reply') return;
        this.unanswered.delete(m.txId);
        let list = this.replies.get(m.txId);
        if (list === undefined) this.replies.set(m.txId, (list = []));
        list.push({ timeUs: ctx.nowUs, replica: from, height: m.height });
      },
    };
  }

  private keep(replica: Actor<unknown>): Actor<unknown> {
    this.replicas.push(replica);
    return replica;
  }

  private linkContext(ctx: ActorContext<unknown>, n: number): ActorContext<unknown> {
    const messages = this.options.recordMessages === true ? this.messages : undefined;
    const dropWhen = this.options.dropWhen;
    return forwardingContext(ctx, {
      send(to, msg, sizeBytes) {
        if (to < n) {
          messages?.push({ timeUs: ctx.nowUs, from: ctx.self, to, kind: (msg as { kind: string }).kind });
          if (dropWhen?.(ctx.self, to, msg) === true) return;
        }
        ctx.send(to, msg, sizeBytes);
      },
    });
  }

}
