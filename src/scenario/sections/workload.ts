/** The `workload:` section: synthetic transactions offered to the ledger by clients. */
import { z } from 'zod';
import { zPositiveDurationUs, zSizeBytes } from '../zod-units.ts';

export const zWorkload = z
  .object({
    /** Offered load over all clients, transactions per second. */
    rateTps: z.number().nonnegative().default(100),
    /** 'poisson' arrivals, or 'periodic' (one every 1/rate, for closed-form checks). */
    arrival: z.enum(['poisson', 'periodic']).default('poisson'),
    /** Size of every synthetic transaction (a client request adds a fixed overhead on the wire). */
    txSize: zSizeBytes.default(256),
    /** Load-generating clients; the offered rate is split evenly among them. */
    clients: z.number().int().min(1).default(4),
    /** A client rebroadcasts an unconfirmed request to every replica after this long (PBFT §4.1). */
    requestTimeout: zPositiveDurationUs.default(2_000_000),
    /** Stop submitting after this time (default: never), so a run can drain. */
    stopAfter: zPositiveDurationUs.optional(),
  })
  .strict();
export type WorkloadSection = z.output<typeof zWorkload>;
