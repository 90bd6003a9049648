/** The `workload:` section: synthetic transactions offered to the ledger by clients. */
import { z } from 'zod';
import { DEFAULT_RETRY_BACKOFF, DEFAULT_RETRY_INTERVAL_MAX_US } from '../../protocols/client/retry-schedule.ts';
import { zPositiveDurationUs, zSizeBytes } from '../zod-units.ts';

export const zWorkload = z
  .object({
    /**
     * Offered load over all clients, transactions per second; at most 1,000,000, one transaction per
     * microsecond, the resolution of the simulator's clock (a higher rate puts several arrivals at
     * one instant, and 1e300 never gets past the first).
     */
    rateTps: z.number().nonnegative().max(1_000_000).default(100),
    /**
     * Open loop: 'poisson' arrivals, or 'periodic' (one every 1/rate, for closed-form checks), at
     * rateTps whatever the ledger does. Closed loop: 'closed' keeps outstandingPerClient
     * transactions in flight per client and submits the next as soon as one is confirmed or
     * abandoned (Hyperledger Caliper's fixed-load controller; rateTps is not used).
     */
    arrival: z.enum(['poisson', 'periodic', 'closed']).default('poisson'),
    /**
     * Closed loop: transactions each client keeps outstanding (submitted, not yet confirmed or
     * abandoned). Default 5, the backlog of Caliper's documented fixed-load example (docs/references.md §10).
     */
    outstandingPerClient: z.number().int().min(1).default(5),
    /**
     * Size of every synthetic transaction (a client request adds a fixed overhead on the wire); at
     * most what a block of consensus.blockSizeMax holds after its 96-byte header.
     */
    txSize: zSizeBytes.default(256),
    /**
     * Load-generating clients; the offered rate is split evenly among them. At most 10,000, as
     * consensus.nodes: each is a host of the world. Under PBFT every client sends to the primary;
     * where any replica takes requests (HotStuff, Clique, Raft, proof of work), client k starts at
     * replica k mod n (docs/references.md §10).
     */
    clients: z.number().int().min(1).max(10_000).default(4),
    /**
     * A client rebroadcasts an unconfirmed request to every replica after this long (PBFT §4.1).
     * Where any replica takes requests, a client whose replica left such a request unanswered while
     * another replica answered moves its next requests to the next replica (docs/references.md §10).
     */
    requestTimeout: zPositiveDurationUs.default(2_000_000),
    /**
     * Each further rebroadcast waits this many times longer than the previous one (2: the doubling
     * of TCP's retransmission timer, RFC 6298 §5.5; 1: a constant period).
     */
    retryBackoff: z.number().min(1).default(DEFAULT_RETRY_BACKOFF),
    /**
     * No wait between two rebroadcasts exceeds this, nor requestTimeout if that is longer (RFC 6298
     * §2.5 lets a ceiling be no less than 60 s).
     */
    retryIntervalMax: zPositiveDurationUs.default(DEFAULT_RETRY_INTERVAL_MAX_US),
    /**
     * A client abandons a request not confirmed this long after submission and counts it in
     * consensus.timed_out_txs; a reply arriving later no longer confirms it. It also bounds what an
     * overloaded client holds. Default 5 × requestTimeout: 10 s at the default 2 s, CometBFT's
     * timeout_broadcast_tx_commit, after rebroadcasts at 2 s and 6 s; a scenario that waits longer
     * before rebroadcasting (slow blocks) waits longer before giving up (docs/references.md §10).
     */
    giveUpAfter: zPositiveDurationUs.optional(),
    /** Stop submitting after this time (default: never), so a run can drain. */
    stopAfter: zPositiveDurationUs.optional(),
  })
  .strict();
export type WorkloadSection = z.output<typeof zWorkload>;
