/**
 * The protocols whose ideal-network closed forms are checked (REFERENCES §2), with the parameters
 * that keep their timers out of the measured windows.
 */
import { raft } from '../../protocols/raft/index.ts';
import { inDelta, IDEAL_WINDOW_US, type IdealProtocolSpec } from './ideal-network.ts';

export const IDEAL_PROTOCOLS: readonly IdealProtocolSpec[] = [
  {
    module: raft,
    reference: 'Ongaro & Ousterhout, ATC 2014 §5.3: the leader commits 2δ after receiving an entry, the client sees 4δ, 2(n−1) messages per entry',
    sizes: [3, 5, 7],
    // Heartbeats every second and elections after 2–4 s: no timer fires inside most windows.
    params: { electionTimeoutMin: 2_000_000, electionTimeoutMax: 4_000_000, heartbeatInterval: 1_000_000 },
    settleUs: 10_000_000,
    metrics: [
      { key: 'commit', title: 'commit at the leader after it receives the request (2δ)', unit: 'δ', expected: () => 2, measure: (d) => inDelta(d.leaderCommitUs), aggregate: 'median', perSize: false },
      { key: 'client', title: 'client latency, one reply (4δ)', unit: 'δ', expected: () => 4, measure: (d) => inDelta(d.clientUs), aggregate: 'median', perSize: false },
      { key: 'messages', title: 'replica messages per entry, 2(n−1)', unit: 'messages', expected: (n) => 2 * (n - 1), measure: (d) => d.replicaMessages, aggregate: 'min', perSize: true },
    ],
  },
];

/** Chained protocols propose every view: messages per view over a window of known views. */
export const perView = (messages: number, proposalIntervalUs: number): number => messages / (IDEAL_WINDOW_US / proposalIntervalUs);
