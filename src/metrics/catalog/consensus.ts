/** Metrics of the consensus run model, its checkers and the network. */
import type { CatalogMetricDoc } from './types.ts';

const latency = (family: string, from: string, to: string): CatalogMetricDoc[] => [
  { name: `${family}.mean`, unit: 'ms', better: 'lower', meaning: `mean time from ${from} to ${to}` },
  { name: `${family}.p50`, unit: 'ms', better: 'lower', meaning: `median time from ${from} to ${to}` },
  { name: `${family}.p95`, unit: 'ms', better: 'lower', meaning: `95th percentile of the time from ${from} to ${to}` },
  { name: `${family}.p99`, unit: 'ms', better: 'lower', meaning: `99th percentile of the time from ${from} to ${to}` },
];

export const CONSENSUS_METRIC_DOCS: readonly CatalogMetricDoc[] = [
  // Neither way: the load the workload offers, an input of the run.
  { name: 'consensus.offered_tps', unit: 'tx/s', better: 'neither', meaning: 'transactions submitted by clients per second after warm-up, each counted by when it arrived (an open-loop arrival that waited for its busy host counts at its arrival, as its latency does)' },
  { name: 'consensus.throughput_tps', unit: 'tx/s', better: 'higher', meaning: 'transactions committed (first honest commit) per second after warm-up' },
  // Higher is better: throughput_tps times the same window.
  { name: 'consensus.committed_txs', unit: 'tx', better: 'higher', meaning: 'transactions committed after warm-up' },
  // Higher is better: the work done for clients in the same window, as throughput_tps.
  { name: 'consensus.confirmed_txs', unit: 'tx', better: 'higher', meaning: 'transactions confirmed to their clients after warm-up' },
  { name: 'consensus.timed_out_txs', unit: 'tx', better: 'lower', meaning: 'transactions submitted after warm-up that their client abandoned unconfirmed workload.giveUpAfter after submission (a later reply no longer confirms them; the ledger may still commit them)' },
  ...latency('consensus.commit_latency_ms', 'submission', 'the first commit by an honest replica (transactions submitted after warm-up)'),
  ...latency('consensus.client_latency_ms', 'submission', 'confirmation at the client (enough matching replies), over the transactions confirmed: one its client abandoned counts in consensus.timed_out_txs instead, so under faults this can read lower than commit latency'),
  // Neither way: a batching choice (fewer, fuller blocks can commit as much at less cost).
  { name: 'consensus.decisions_per_sec', unit: '1/s', better: 'neither', meaning: 'blocks (batches, log entries) committed per second after warm-up' },
  // Neither way: a batching choice, as decisions_per_sec.
  { name: 'consensus.txs_per_decision', unit: 'tx', better: 'neither', meaning: 'mean transactions per committed block' },
  { name: 'consensus.messages_per_decision', unit: 'msg', better: 'lower', meaning: 'messages sent (left the sender\'s uplink, as network.messages_per_node counts them) by all hosts (clients included; in an IoMT world devices, gateways and stores too, so not the consensus overhead alone: consensus.replica_messages_per_decision is) per committed block after warm-up' },
  { name: 'consensus.bytes_per_decision', unit: 'B', better: 'lower', meaning: 'bytes sent (left the sender\'s uplink) by all hosts (in an IoMT world devices, gateways and stores included) per committed block after warm-up' },
  { name: 'consensus.replica_messages_per_decision', unit: 'msg', better: 'lower', meaning: 'messages the replicas sent per committed block after warm-up: the consensus overhead alone (proposals, votes, view changes, replies, forwarded requests), without the clients\' requests or an IoMT world\'s devices, gateways and stores' },
  { name: 'consensus.replica_bytes_per_decision', unit: 'B', better: 'lower', meaning: 'bytes the replicas sent per committed block after warm-up, as consensus.replica_messages_per_decision: what a consortium node\'s links carry for each block' },
  // Neither way: the cost of a fault and its cure alike (a protocol that replaces a slow leader sooner has more of them and is better off).
  { name: 'consensus.view_changes', unit: 'count', better: 'neither', meaning: 'distinct views (Raft: terms) entered after the run\'s first, after warm-up, each once however many replicas enter it: every view given up, whether or not the next one gets a leader. PBFT and HotStuff: views entered because a quorum gave up the view before (PBFT: q VIEW-CHANGEs for the view, the certificate a NEW-VIEW carries; HotStuff: a timeout certificate), so a view whose leader is down counts and so does the next one it is given up for. Raft: terms above the first (the first election\'s) that an honest replica started an election for (§5.2), whether or not it elected a leader: a term lost to a split vote, or whose candidate crashed or was cut off, counts too. With pre-vote (the default) a replica starts one only once a majority would vote for it, having lost the leader, Raft\'s counterpart of a quorum giving up the view; without it a replica cut off from the others starts one at each election timeout, and each counts. Clique and proof of work have no views: 0' },
  { name: 'consensus.replica_lag_ms', unit: 'ms', better: 'lower', meaning: 'the longest an honest replica trailed: from a block\'s first commit by an honest replica to its commit by another (to the end of the run for a block one never committed), over blocks first committed after warm-up; a crashed or cut-off replica counts while it trails' },
  // Neither way: grows with the work committed; the cost per decision is consensus.bytes_per_decision.
  { name: 'network.bytes_per_node', unit: 'B', better: 'neither', meaning: 'mean bytes sent per replica after warm-up: what left its uplink, not a message its full uplink queue dropped or one still queued when it crashed' },
  // Neither way: grows with the work committed; the cost per decision is consensus.messages_per_decision.
  { name: 'network.messages_per_node', unit: 'msg', better: 'neither', meaning: 'mean messages sent per replica after warm-up: those that left its uplink, not one its full uplink queue dropped or one still queued when it crashed' },
  { name: 'network.dropped_messages', unit: 'msg', better: 'lower', meaning: 'messages lost to loss, partitions, cut links, crashed hosts (a receiver down when the message arrives, or a sender that crashed before the message left it) or full link queues after warm-up' },
  { name: 'network.dropped_queue_full', unit: 'msg', better: 'lower', meaning: "messages dropped after warm-up because a link's queue (the sender's uplink or the receiver's downlink) held more than network.queueLimit of backlog: offered traffic above a link's rate" },
  // Neither way: busy cores are work done as much as cost (more throughput keeps them busier).
  { name: 'node.cpu_utilization', unit: 'ratio', better: 'neither', meaning: "mean fraction of time the replicas' cores were busy with modelled processing (crypto, hashing): busy time over cores × window, every core of every replica counted" },
  // Neither way: as node.cpu_utilization.
  { name: 'node.cpu_utilization_max', unit: 'ratio', better: 'neither', meaning: "the busiest replica's utilisation, busy time over its cores × window" },
  // Neither way: as node.cpu_utilization.
  { name: 'node.cpu_utilization_core_max', unit: 'ratio', better: 'neither', meaning: "the busiest single core of any replica, busy time over the window; core 0 runs the protocol thread and its share of every parallel batch, so 1 means a replica was saturated" },
  // Neither way: as node.cpu_utilization.
  { name: 'node.cpu_utilization_core_min', unit: 'ratio', better: 'neither', meaning: 'the least busy single core of any replica, busy time over the window; with several cores per replica, how much of their parallel capacity went unused' },
  // Lower is better: a backlog waiting at the proposer is queueing delay.
  { name: 'mempool.occupancy_txs.mean', unit: 'tx', better: 'lower', meaning: "mean mempool size at the proposer, sampled each time it cuts a batch (honest replicas only); undefined where no honest proposer cut one in the window. Raft has no pool (its leader batches every request it is sent at once): there it is the size of the batch cut" },
  // Lower is better: as occupancy_txs.mean.
  { name: 'mempool.occupancy_txs.max', unit: 'tx', better: 'lower', meaning: 'largest mempool size sampled at an honest proposer; undefined where none was sampled' },
  { name: 'mempool.dropped_txs', unit: 'tx', better: 'lower', meaning: 'copies of transactions a full mempool (either limit) refused after warm-up, each honest replica counting its own: a client\'s rebroadcast to every replica and a HotStuff vote\'s forwarded copy each count, so under overload this exceeds the transactions submitted; a refused transaction may still commit through another replica' },
  { name: 'mempool.dropped_full_txs', unit: 'tx', better: 'lower', meaning: 'of those, copies refused because the mempool held its capacity in transactions' },
  { name: 'mempool.dropped_full_bytes_txs', unit: 'tx', better: 'lower', meaning: 'of those, copies refused because the mempool held its capacity in bytes' },
  { name: 'mempool.expired_txs', unit: 'tx', better: 'lower', meaning: 'copies of transactions past their lifetime (consensus.mempool.ttl after submission; 0 without one) that honest replicas refused or dropped instead of proposing, after warm-up, each counting its own: every late copy a replica refuses counts (a client\'s rebroadcast, a forwarded copy), so one transaction can count several times at one replica' },
  { name: 'safety.violations', unit: 'count', better: 'lower', meaning: 'heights at which two honest replicas committed different blocks' },
  { name: 'liveness.violations', unit: 'count', better: 'lower', meaning: 'stalls longer than the liveness bound (consensus.livenessBound, or its default for the protocol) while work waited (transactions submitted, not committed, not given up by their client and, with consensus.mempool.ttl, not past their lifetime) and the fault model allowed progress, progress being a commit of a waiting transaction, or the first commit of one its client gave up on (a block carrying none of them, as an empty one, is no progress), a block counting once as many honest replicas committed it as a client needs replies from; absent where the run checks no liveness (proof of work without a stated bound)' },
  { name: 'validity.violations', unit: 'count', better: 'lower', meaning: 'committed transactions never submitted, altered, or committed at two heights' },
  { name: 'state_agreement.violations', unit: 'count', better: 'lower', meaning: 'heights at which honest replicas hold different application state digests (the IoMT contracts\' state; under synthetic load, the sequence of transactions each replica executed)' },
];
