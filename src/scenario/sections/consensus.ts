/** The `consensus:` section: which protocol, how many nodes, block and batch limits. */
import { z } from 'zod';
import { zPositiveDurationUs, zSizeBytes } from '../zod-units.ts';

export const zConsensus = z
  .object({
    protocol: z.enum(['pbft', 'hotstuff', 'raft', 'poa', 'pow']).default('pbft'),
    nodes: z.number().int().min(1).max(10_000).default(4),
    /** Most transactions in one block or batch. */
    batchSize: z.number().int().min(1).default(10),
    /** Propose a partial batch after this long (Fabric's BatchTimeout). */
    batchTimeout: zPositiveDurationUs.default(2_000_000),
    blockSizeMax: zSizeBytes.default(524_288),
  })
  .strict();
export type ConsensusSection = z.output<typeof zConsensus>;
