/**
 * Raft's parameters (Ongaro & Ousterhout, ATC 2014), as the scenario's `consensus.raft` block.
 * Defaults follow the paper's evaluation (§9.3: election timeouts of 150–300 ms) and a heartbeat
 * well below the minimum timeout, as §5.6 requires (broadcastTime ≪ electionTimeout). The
 * stable-storage write that Figure 2 requires before a server answers an RPC takes
 * `persistLatency`: 2 ms, one synced sequential write on the local SSD etcd's hardware guide
 * recommends for loaded clusters (500 sequential IOPS; docs/references.md §8). Durations parse to µs.
 */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs } from '../../scenario/zod-units.ts';

export const raftParamsSchema = z
  .object({
    electionTimeoutMin: zPositiveDurationUs.default(150_000).describe("Lower bound of the randomized election timeout (§5.2; the paper's evaluation uses 150–300 ms, §9.3)."),
    electionTimeoutMax: zPositiveDurationUs.default(300_000).describe('Upper bound of the randomized election timeout (§5.2; 300 ms as in §9.3); at least electionTimeoutMin.'),
    heartbeatInterval: zPositiveDurationUs.default(50_000).describe("Leader's idle AppendEntries period; below electionTimeoutMin (§5.6)."),
    maxEntriesPerAppend: z.number().int().min(1).default(64).describe('Most log entries in one AppendEntries while a follower catches up.'),
    maxInflightAppends: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe(
        "Most AppendEntries a leader keeps unanswered while it catches a lagging follower up (etcd/raft's MaxInflightMsgs): it sends while fewer than maxInflightAppends × maxEntriesPerAppend entries are unacknowledged. Default 1: a backlog is copied one AppendEntries per round trip. etcd's server sets 512 (docs/references.md §8); at 512 a slow link carries the whole backlog at once, and the fuzzer's 10 Mbps worlds lost liveness to the elections that followed (docs/fuzz.md).",
      ),
    preVote: z
      .boolean()
      .default(true)
      .describe(
        "Pre-vote before each election (Ongaro's dissertation §9.6): a replica whose election timer fires first asks the others whether they would vote for it at its term + 1, and starts the election, raising its term, only once a majority would. A replica grants a pre-vote only to a log at least as up to date as its own and only when it has not heard from a leader for electionTimeoutMin, so a replica cut off from the others, however long, rejoins without raising its term and deposing a working leader. On by default, as in etcd (`--pre-vote`, true) and TiKV (docs/references.md §6); false elects at once, as the ATC 2014 paper does.",
      ),
    persistLatency: zDurationUs.default(2_000).describe(
      "Time of one synced write to stable storage (Figure 2: term, vote and log are persisted before a server answers an RPC). Followers and candidates send their messages once the write holding their state completes; the leader counts its own entry towards the commit majority once written, replicating in parallel. Entries appended while a write is in flight go into the next write (group commit, as etcd does). Default 2 ms: etcd's hardware guide asks loaded clusters for 500 sequential synced IOPS, a typical local SSD (docs/references.md §8); 0 answers at once.",
    ),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.electionTimeoutMax < p.electionTimeoutMin) {
      ctx.addIssue({ code: 'custom', path: ['electionTimeoutMax'], message: `expected a duration ≥ electionTimeoutMin (${p.electionTimeoutMin} µs), found ${p.electionTimeoutMax} µs` });
    }
    // §5.6: followers must hear from a live leader before any of them times out.
    if (p.heartbeatInterval >= p.electionTimeoutMin) {
      ctx.addIssue({ code: 'custom', path: ['heartbeatInterval'], message: `expected a duration below electionTimeoutMin (${p.electionTimeoutMin} µs), found ${p.heartbeatInterval} µs` });
    }
  });

export type RaftParams = z.output<typeof raftParamsSchema>;
