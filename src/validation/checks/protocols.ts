/** The protocols whose ideal-network closed forms are checked, with the parameters that isolate them. */
import { raft } from '../../protocols/raft/index.ts';
import type { IdealProtocolSpec } from './ideal-network.ts';

export const IDEAL_PROTOCOLS: readonly IdealProtocolSpec[] = [
  {
    module: raft,
    reference: 'Ongaro & Ousterhout, ATC 2014 §5.3: leader commits 2δ after the entry, client 4δ, 2(n−1) messages',
    sizes: [3, 5, 7],
    commitAt: 'leader',
    commitDeltas: 2,
    clientDeltas: 4,
    messages: (n) => 2 * (n - 1),
    messagesFormula: '2(n−1)',
    countClient: false,
    // Heartbeats every second and elections after 2–4 s: no timer fires inside most windows.
    params: { electionTimeoutMin: 2_000_000, electionTimeoutMax: 4_000_000, heartbeatInterval: 1_000_000 },
    settleUs: 10_000_000,
  },
];
