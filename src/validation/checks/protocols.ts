/**
 * The protocols whose ideal-network closed forms are checked (docs/references.md §2), with the parameters
 * that keep their timers out of the measured windows.
 */
import { hotstuff } from '../../protocols/hotstuff/index.ts';
import { pbft } from '../../protocols/pbft/index.ts';
import { raft } from '../../protocols/raft/index.ts';
import { inDelta, IDEAL_WINDOW_US, type IdealProtocolSpec } from './ideal-network.ts';

export const IDEAL_PROTOCOLS: readonly IdealProtocolSpec[] = [
  {
    module: pbft,
    reference: 'Castro & Liskov, OSDI 1999 §4.2: replicas commit 3δ after the pre-prepare, the client sees 5δ, 2n² − n + 1 messages per request',
    sizes: [4, 7, 10],
    params: {},
    settleUs: 100_000,
    metrics: [
      { key: 'commit', title: 'commit at every replica after the primary receives the request (3δ)', unit: 'δ', expected: () => 3, measure: (d) => inDelta(d.allCommitUs), kind: 'latency', perSize: false },
      { key: 'client', title: 'client latency, f + 1 matching replies (5δ)', unit: 'δ', expected: () => 5, measure: (d) => inDelta(d.clientUs), kind: 'latency', perSize: false },
      { key: 'messages', title: 'messages per request with request and replies, 2n² − n + 1', unit: 'messages', expected: (n) => 2 * n * n - n + 1, measure: (d) => d.allMessages, kind: 'messages', perSize: true },
    ],
  },
  {
    module: raft,
    electedLeader: true,
    reference: 'Ongaro & Ousterhout, ATC 2014 §5.3: the leader commits 2δ after receiving an entry, the client sees 4δ, 2(n−1) messages per entry',
    sizes: [3, 5, 7],
    // Heartbeats every second and elections after 2–4 s: a heartbeat falls in at most one of the
    // five 200 ms windows (two when its answers cross into the next), and the message checks leave
    // those windows out (ideal-network.ts). Writes to stable storage take no time, as all
    // processing does on the ideal network.
    params: { electionTimeoutMin: 2_000_000, electionTimeoutMax: 4_000_000, heartbeatInterval: 1_000_000, persistLatency: 0 },
    settleUs: 10_000_000,
    metrics: [
      { key: 'commit', title: 'commit at the leader after it receives the request (2δ)', unit: 'δ', expected: () => 2, measure: (d) => inDelta(d.leaderCommitUs), kind: 'latency', perSize: false },
      { key: 'client', title: 'client latency, one reply (4δ)', unit: 'δ', expected: () => 4, measure: (d) => inDelta(d.clientUs), kind: 'latency', perSize: false },
      { key: 'messages', title: 'replica messages per entry, 2(n−1)', unit: 'messages', expected: (n) => 2 * (n - 1), measure: (d) => d.replicaMessages, kind: 'messages', perSize: true },
    ],
  },
  {
    module: hotstuff,
    reference: 'Yin et al., PODC 2019 §5 (chained HotStuff): a block commits 7δ after its proposal, one new block every 2δ, 2(n−1) messages per view',
    sizes: [4, 7, 10],
    params: {},
    settleUs: 100_000,
    metrics: [
      { key: 'commit', title: 'commit at every replica after the proposal (7δ)', unit: 'δ', expected: () => 7, measure: (d) => inDelta(d.afterProposalUs), kind: 'latency', perSize: false },
      { key: 'interval', title: 'time between proposals (2δ)', unit: 'δ', expected: () => 2, measure: (d) => inDelta(d.proposalIntervalUs), kind: 'latency', perSize: false },
      { key: 'messages', title: 'replica messages per view, 2(n−1)', unit: 'messages', expected: (n) => 2 * (n - 1), measure: (d) => perView(d.replicaMessages, d.proposalIntervalUs), kind: 'messages', perSize: true },
    ],
  },
];

/** Chained protocols propose every view: messages per view over a window of known views. */
export const perView = (messages: number, proposalIntervalUs: number): number => messages / (IDEAL_WINDOW_US / proposalIntervalUs);
