/** The `workload:` section: synthetic transactions offered to the ledger by clients. */
import { z } from 'zod';
import { zSizeBytes } from '../zod-units.ts';

export const zWorkload = z
  .object({
    /** Offered load, transactions per second, Poisson arrivals. */
    rateTps: z.number().nonnegative().default(100),
    txSize: zSizeBytes.default(256),
    clients: z.number().int().min(1).default(4),
  })
  .strict();
export type WorkloadSection = z.output<typeof zWorkload>;
