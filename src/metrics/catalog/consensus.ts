/** Metrics of the consensus run model, its checkers and the network. */
import type { MetricDoc } from './types.ts';

const latency = (family: string, from: string, to: string): MetricDoc[] => [
  { name: `${family}.mean`, unit: 'ms', meaning: `mean time from ${from} to ${to}` },
  { name: `${family}.p50`, unit: 'ms', meaning: `median time from ${from} to ${to}` },
  { name: `${family}.p95`, unit: 'ms', meaning: `95th percentile of the time from ${from} to ${to}` },
  { name: `${family}.p99`, unit: 'ms', meaning: `99th percentile of the time from ${from} to ${to}` },
];

export const CONSENSUS_METRIC_DOCS: readonly MetricDoc[] = [
  { name: 'consensus.offered_tps', unit: 'tx/s', meaning: 'transactions submitted by clients per second after warm-up' },
  { name: 'consensus.throughput_tps', unit: 'tx/s', meaning: 'transactions committed (first honest commit) per second after warm-up' },
  { name: 'consensus.committed_txs', unit: 'tx', meaning: 'transactions committed after warm-up' },
  { name: 'consensus.confirmed_txs', unit: 'tx', meaning: 'transactions confirmed to their clients after warm-up' },
  { name: 'consensus.timed_out_txs', unit: 'tx', meaning: 'transactions submitted after warm-up that their client abandoned unconfirmed workload.giveUpAfter after submission (a later reply no longer confirms them; the ledger may still commit them)' },
  ...latency('consensus.commit_latency_ms', 'submission', 'the first commit by an honest replica (transactions submitted after warm-up)'),
  ...latency('consensus.client_latency_ms', 'submission', 'confirmation at the client (enough matching replies)'),
  { name: 'consensus.decisions_per_sec', unit: '1/s', meaning: 'blocks (batches, log entries) committed per second after warm-up' },
  { name: 'consensus.txs_per_decision', unit: 'tx', meaning: 'mean transactions per committed block' },
  { name: 'consensus.messages_per_decision', unit: 'msg', meaning: 'messages sent by all hosts (clients included) per committed block after warm-up' },
  { name: 'consensus.bytes_per_decision', unit: 'B', meaning: 'bytes sent by all hosts per committed block after warm-up' },
  { name: 'consensus.view_changes', unit: 'count', meaning: 'distinct new views (PBFT), terms (Raft) or rounds entered after a fault, after warm-up' },
  { name: 'consensus.replica_lag_ms', unit: 'ms', meaning: 'the longest an honest replica trailed: from a block\'s first commit by an honest replica to its commit by another (to the end of the run for a block one never committed), over blocks first committed after warm-up; a crashed or cut-off replica counts while it trails' },
  { name: 'network.bytes_per_node', unit: 'B', meaning: 'mean bytes sent per replica after warm-up' },
  { name: 'network.messages_per_node', unit: 'msg', meaning: 'mean messages sent per replica after warm-up' },
  { name: 'network.dropped_messages', unit: 'msg', meaning: 'messages lost to loss, partitions, cut links, crashed hosts or full link queues after warm-up' },
  { name: 'network.dropped_queue_full', unit: 'msg', meaning: "messages dropped after warm-up because a link's queue (the sender's uplink or the receiver's downlink) held more than network.queueLimit of backlog: offered traffic above a link's rate" },
  { name: 'node.cpu_utilization', unit: 'ratio', meaning: "mean fraction of time the replicas' cores were busy with modelled processing (crypto, hashing): busy time over cores × window, every core of every replica counted" },
  { name: 'node.cpu_utilization_max', unit: 'ratio', meaning: "the busiest replica's utilisation, busy time over its cores × window" },
  { name: 'node.cpu_utilization_core_max', unit: 'ratio', meaning: "the busiest single core of any replica, busy time over the window; core 0 runs the protocol thread and its share of every parallel batch, so 1 means a replica was saturated" },
  { name: 'node.cpu_utilization_core_min', unit: 'ratio', meaning: 'the least busy single core of any replica, busy time over the window; with several cores per replica, how much of their parallel capacity went unused' },
  { name: 'mempool.occupancy_txs.mean', unit: 'tx', meaning: "mean mempool size at the proposer, sampled each time it cuts a batch" },
  { name: 'mempool.occupancy_txs.max', unit: 'tx', meaning: 'largest mempool size sampled at the proposer' },
  { name: 'mempool.dropped_txs', unit: 'tx', meaning: 'transactions rejected by a full mempool (either limit) after warm-up' },
  { name: 'mempool.dropped_full_txs', unit: 'tx', meaning: 'transactions rejected because the mempool held its capacity in transactions' },
  { name: 'mempool.dropped_full_bytes_txs', unit: 'tx', meaning: 'transactions rejected because the mempool held its capacity in bytes' },
  { name: 'mempool.expired_txs', unit: 'tx', meaning: 'transactions past their lifetime (consensus.mempool.ttl after submission; 0 without one) that replicas refused or dropped instead of proposing, after warm-up, each replica counting its own' },
  { name: 'safety.violations', unit: 'count', meaning: 'heights at which two honest replicas committed different blocks' },
  { name: 'liveness.violations', unit: 'count', meaning: 'stalls longer than the liveness bound (consensus.livenessBound, or its default for the protocol) while work waited and the fault model allowed progress, a block counting once as many honest replicas committed it as a client needs replies from; absent where the run checks no liveness (proof of work without a stated bound)' },
  { name: 'validity.violations', unit: 'count', meaning: 'committed transactions never submitted, altered, or committed at two heights' },
  { name: 'state_agreement.violations', unit: 'count', meaning: 'heights at which honest replicas hold different application state digests (the IoMT contracts\' state; under synthetic load, the sequence of transactions each replica executed)' },
];
