/**
 * Consensus metrics from model events: throughput and latency per transaction (submit → first
 * honest commit, submit → client confirmation), decisions, view changes, mempool occupancy and
 * drops, each counted only inside the measurement window [warm-up, end). Network totals come from
 * the run model as counters sampled at the window's edges; this collector knows nothing of the engine.
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { MempoolDropEvent, MempoolEvent } from '../ledger/events.ts';
import type { Block } from '../ledger/types.ts';
import { forgetThrough } from '../checkers/commit-frontier.ts';
import { CommitLag } from './commit-lag.ts';
import { TxIdSet } from '../ledger/txid-set.ts';
import type { CommitEvent, ConfirmedEvent, ElectionEvent, SubmitEvent, TimedOutEvent, ViewChangeEvent } from '../protocols/types.ts';
import { cpuUtilizationMetrics, type CoreBusyUs } from './cpu-utilization.ts';
import { distributionsOf, type Distributions } from './distribution.ts';
import { Histogram } from './histogram.ts';
import { counterInterim, latencyInterim, type InterimMetrics } from './interim-bounds.ts';
import type { Metrics, TimeseriesRow } from './types.ts';
import { TimeWindows } from './windows.ts';

/** The term of a Raft run's first election (currentTerm starts at 0, Raft §5.2). */
const FIRST_RAFT_TERM = 1;

export interface NetworkWindowTotals {
  /** Messages and bytes sent by every host inside the window. */
  readonly messages: number;
  readonly bytes: number;
  /** Messages and bytes sent by the replicas inside the window, and how many replicas. */
  readonly replicaMessages: number;
  readonly replicaBytes: number;
  readonly replicas: number;
  /** Messages dropped for any reason, and those of them dropped by a full link queue. */
  readonly dropped: number;
  readonly droppedQueueFull: number;
  /** Modelled processing time of each replica's cores inside the window, µs, [replica][core]. */
  readonly replicaCoreBusyUs: CoreBusyUs;
}

export class ConsensusCollector {
  readonly commitLatencyMs = new Histogram();
  readonly clientLatencyMs = new Histogram();
  readonly mempoolTxs = new Histogram();
  /** Hashes of the blocks honest replicas committed, by height, above the commit frontier (commit-frontier.ts), which `lag` keeps. */
  private readonly seenBlocks = new Map<number, string[]>();
  private readonly lag: CommitLag;
  /** The frontier height `seenBlocks` was last pruned through. */
  private prunedThrough = -Infinity;
  /** Transactions whose commit latency is counted: once each, at the first honest commit (a second commit is a validity violation, not a second latency). */
  private readonly latencyCounted = new TxIdSet();
  /** Views (PBFT, HotStuff) and terms (Raft) entered in the window after the first. */
  private readonly views = new Set<number>();
  private submitted = 0;
  private committedTxs = 0;
  private confirmedTxs = 0;
  private timedOutTxs = 0;
  private decisions = 0;
  private droppedFullTxs = 0;
  private droppedFullBytes = 0;
  private expiredTxs = 0;
  private readonly windows: TimeWindows;

  constructor(
    readonly warmupUs: number,
    readonly endUs: number,
    private readonly isHonest: (host: HostId) => boolean,
    windowUs: number,
    honestReplicas: readonly HostId[] = [],
  ) {
    this.windows = new TimeWindows(warmupUs, endUs, windowUs);
    this.lag = new CommitLag(honestReplicas, warmupUs);
  }

  /** Records an honest commit; true when no honest replica committed this block before. */
  private firstCommit(host: HostId, block: Block): boolean {
    const hashes = this.seenBlocks.get(block.height);
    const first = hashes === undefined || !hashes.includes(block.hash);
    if (hashes === undefined) this.seenBlocks.set(block.height, [block.hash]);
    else if (first) hashes.push(block.hash);
    // `observe` has given this commit to `lag` already, whose frontier is therefore current.
    const frontier = this.lag.frontierHeight;
    if (frontier > this.prunedThrough) {
      this.prunedThrough = frontier;
      forgetThrough(this.seenBlocks, frontier);
    }
    return first;
  }

  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    if (event.kind === 'commit') this.lag.commit(host, (event as CommitEvent).block.height, timeUs);
    if (event.kind === 'submit') {
      // Counted by its arrival, as the latencies are: an open-loop arrival that waited for its busy
      // host is emitted later, and counted by that it could fall in the window while its latency
      // does not (or out of it, past the end, while it arrived inside).
      const arrivedUs = (event as SubmitEvent).tx.submittedUs;
      if (arrivedUs >= this.warmupUs && arrivedUs < this.endUs) this.submitted++;
      return;
    }
    if (timeUs < this.warmupUs) {
      // A block first committed before the window is not the window's, however late a lagging
      // replica commits it (a saturated primary commits seconds after the backups).
      if (event.kind === 'commit' && this.isHonest(host)) this.firstCommit(host, (event as CommitEvent).block);
      return;
    }
    // The window is [warm-up, end): an event at the end itself (a periodic arrival or block whose
    // period divides the run) would make a window of d seconds hold d/period + 1 of them.
    if (timeUs >= this.endUs) return;
    switch (event.kind) {
      case 'commit': {
        if (!this.isHonest(host)) return;
        const { block, alreadyExecutedTxIds } = event as CommitEvent;
        if (!this.firstCommit(host, block)) return;
        this.decisions++;
        // A request ordered again and not executed again is not throughput.
        const executed = block.txs.length - (alreadyExecutedTxIds?.length ?? 0);
        this.committedTxs += executed;
        this.windows.record('commits', timeUs, executed);
        for (const tx of block.txs) {
          if (tx.submittedUs < this.warmupUs || !this.latencyCounted.add(tx.id)) continue;
          const ms = (timeUs - tx.submittedUs) / 1000;
          this.commitLatencyMs.add(ms);
          this.windows.record('commitLatency', timeUs, ms);
        }
        break;
      }
      case 'confirmed': {
        const { tx } = event as ConfirmedEvent;
        this.confirmedTxs++;
        if (tx.submittedUs < this.warmupUs) return;
        const ms = (timeUs - tx.submittedUs) / 1000;
        this.clientLatencyMs.add(ms);
        this.windows.record('clientLatency', timeUs, ms);
        break;
      }
      case 'timed-out':
        if ((event as TimedOutEvent).tx.submittedUs >= this.warmupUs) this.timedOutTxs++;
        break;
      case 'view-change':
        // Honest replicas' views only, as Raft's terms below: a Byzantine replica can enter a view no honest one does.
        if (this.isHonest(host)) this.views.add((event as ViewChangeEvent).view);
        break;
      case 'election': {
        // Raft's view change: a term above the first (the run's first election gives up none),
        // entered as the term before it is given up, whether or not its election then elects a
        // leader (a split vote), as PBFT counts a view whose primary is down. Honest replicas'
        // only: a Byzantine one can raise a term that no honest replica enters.
        const { term } = event as ElectionEvent;
        if (term > FIRST_RAFT_TERM && this.isHonest(host)) this.views.add(term);
        break;
      }
      case 'mempool': {
        // Honest replicas' pools only, as every other metric here: a Byzantine replica's pool is
        // the attack's (a censor's grows with what it refuses to propose), not the system's.
        if (!this.isHonest(host)) return;
        const size = (event as MempoolEvent).sizeTxs;
        this.mempoolTxs.add(size);
        this.windows.record('mempool', timeUs, size);
        break;
      }
      case 'mempool-drop': {
        if (!this.isHonest(host)) return;
        const reason = (event as MempoolDropEvent).reason;
        if (reason === 'expired') this.expiredTxs++;
        else if (reason === 'fullBytes') this.droppedFullBytes++;
        else this.droppedFullTxs++;
        break;
      }
      default:
        break;
    }
  };

  metrics(net: NetworkWindowTotals): Metrics {
    const seconds = (this.endUs - this.warmupUs) / 1e6;
    const commit = this.commitLatencyMs.summary();
    const client = this.clientLatencyMs.summary();
    const perDecision = (x: number) => (this.decisions === 0 ? NaN : x / this.decisions);
    const m: Metrics = {
      'consensus.offered_tps': { unit: 'tx/s', value: this.submitted / seconds },
      'consensus.throughput_tps': { unit: 'tx/s', value: this.committedTxs / seconds },
      'consensus.committed_txs': { unit: 'tx', value: this.committedTxs },
      'consensus.confirmed_txs': { unit: 'tx', value: this.confirmedTxs },
      'consensus.timed_out_txs': { unit: 'tx', value: this.timedOutTxs },
      'consensus.commit_latency_ms.mean': { unit: 'ms', value: commit.mean },
      'consensus.commit_latency_ms.p50': { unit: 'ms', value: commit.p50 },
      'consensus.commit_latency_ms.p95': { unit: 'ms', value: commit.p95 },
      'consensus.commit_latency_ms.p99': { unit: 'ms', value: commit.p99 },
      'consensus.client_latency_ms.mean': { unit: 'ms', value: client.mean },
      'consensus.client_latency_ms.p50': { unit: 'ms', value: client.p50 },
      'consensus.client_latency_ms.p95': { unit: 'ms', value: client.p95 },
      'consensus.client_latency_ms.p99': { unit: 'ms', value: client.p99 },
      'consensus.decisions_per_sec': { unit: '1/s', value: this.decisions / seconds },
      'consensus.txs_per_decision': { unit: 'tx', value: perDecision(this.committedTxs) },
      'consensus.messages_per_decision': { unit: 'msg', value: perDecision(net.messages) },
      'consensus.bytes_per_decision': { unit: 'B', value: perDecision(net.bytes) },
      'consensus.replica_messages_per_decision': { unit: 'msg', value: perDecision(net.replicaMessages) },
      'consensus.replica_bytes_per_decision': { unit: 'B', value: perDecision(net.replicaBytes) },
      'consensus.view_changes': { unit: 'count', value: this.views.size },
      'consensus.replica_lag_ms': { unit: 'ms', value: this.lag.maxUs(this.endUs) / 1000 },
      'network.bytes_per_node': { unit: 'B', value: net.replicas === 0 ? 0 : net.replicaBytes / net.replicas },
      'network.messages_per_node': { unit: 'msg', value: net.replicas === 0 ? 0 : net.replicaMessages / net.replicas },
      'network.dropped_messages': { unit: 'msg', value: net.dropped },
      'network.dropped_queue_full': { unit: 'msg', value: net.droppedQueueFull },
      ...cpuUtilizationMetrics(net.replicaCoreBusyUs, seconds * 1e6),
      // Undefined without a sample (no honest proposer cut a batch in the window, a stalled view): 0,
      // an empty pool, would read as the best value there is.
      'mempool.occupancy_txs.mean': { unit: 'tx', value: this.mempoolTxs.count === 0 ? NaN : this.mempoolTxs.mean },
      'mempool.occupancy_txs.max': { unit: 'tx', value: this.mempoolTxs.count === 0 ? NaN : this.mempoolTxs.summary().max },
      'mempool.dropped_txs': { unit: 'tx', value: this.droppedFullTxs + this.droppedFullBytes },
      'mempool.dropped_full_txs': { unit: 'tx', value: this.droppedFullTxs },
      'mempool.dropped_full_bytes_txs': { unit: 'tx', value: this.droppedFullBytes },
      'mempool.expired_txs': { unit: 'tx', value: this.expiredTxs },
    };
    return m;
  }

  /** Transactions submitted in the window so far. */
  get submittedInWindow(): number {
    return this.submitted;
  }

  /**
   * The latency and counter metrics so far, each with what its final value cannot go below
   * (interim-bounds.ts); latency bounds need `maxLatencySamples`, an upper bound on the transactions
   * submitted in the window by its end (Infinity: unknown, no latency bound).
   */
  interim(maxLatencySamples: number, wanted: readonly string[]): InterimMetrics {
    // A latency family costs a sort of its samples: only those asked for.
    const family = (name: string, h: Histogram) => (wanted.some((w) => w.startsWith(`${name}.`)) ? latencyInterim(name, h, maxLatencySamples) : {});
    return {
      ...family('consensus.commit_latency_ms', this.commitLatencyMs),
      ...family('consensus.client_latency_ms', this.clientLatencyMs),
      'consensus.committed_txs': counterInterim(this.committedTxs),
      'consensus.confirmed_txs': counterInterim(this.confirmedTxs),
      'consensus.timed_out_txs': counterInterim(this.timedOutTxs),
      'consensus.view_changes': counterInterim(this.views.size),
      'mempool.dropped_txs': counterInterim(this.droppedFullTxs + this.droppedFullBytes),
      'mempool.dropped_full_txs': counterInterim(this.droppedFullTxs),
      'mempool.dropped_full_bytes_txs': counterInterim(this.droppedFullBytes),
      'mempool.expired_txs': counterInterim(this.expiredTxs),
    };
  }

  /** The whole commit and client latency distributions of the window (families with samples only). */
  distributions(): Distributions {
    return distributionsOf({
      'consensus.commit_latency_ms': { histogram: this.commitLatencyMs, unit: 'ms' },
      'consensus.client_latency_ms': { histogram: this.clientLatencyMs, unit: 'ms' },
    });
  }

  timeseries(): TimeseriesRow[] {
    return this.windows.rows(
      { throughput_tps: 'commits' },
      { commit_latency_ms_mean: 'commitLatency', client_latency_ms_mean: 'clientLatency', mempool_txs: 'mempool' },
    );
  }
}
