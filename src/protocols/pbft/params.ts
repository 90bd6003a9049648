/**
 * PBFT's parameters (Castro & Liskov, OSDI 1999), as the scenario's `consensus.pbft` block: the
 * schema is their one definition (defaults, docs, validation). Durations parse to µs.
 */
import { z } from 'zod';
import { zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { zBlockTimeMessageDelay, zBlockTimePrecision } from '../block-time.ts';

export const pbftParamsSchema = z
  .object({
    checkpointInterval: z.number().int().min(1).default(128).describe('Checkpoint period K in sequence numbers; stable checkpoints garbage-collect the log (§4.3).'),
    logWindow: z.number().int().min(2).default(256)
      .describe('Log size L between the low and high water marks; bounds the pipeline of outstanding batches (§4.2). At least checkpointInterval; the paper suggests 2K.'),
    viewChangeTimeout: zPositiveDurationUs.default(1_000_000).describe("Backup's timer before it suspects the primary (§4.4); doubled for each failed view (§4.5.2)."),
    statusInterval: zPositiveDurationUs.default(100_000)
      .describe("How long a replica waits for its next batch to execute, while it knows of later ones, before it reports what it has (STATUS) and peers resend what it lacks; again after each interval. 100 ms is the least spacing between a replica's STATUS messages in the BFT library."),
    auth: z.enum(['macs', 'signatures']).default('macs').describe("'macs': authenticators in the normal case, signatures for view changes (§5); 'signatures': everywhere."),
    stateTransferWindow: z.number().int().min(0).default(4096)
      .describe('Executed batches each replica keeps below its low water mark for lagging or recovered replicas to fetch (§4.3). State moves as those batches, not as a snapshot: a replica that falls further behind the stable checkpoint than this window (any distance at 0) cannot catch up, and consensus.replica_lag_ms shows how far it trails.'),
    blockTimePrecision: zBlockTimePrecision,
    blockTimeMessageDelay: zBlockTimeMessageDelay,
  })
  .strict()
  .superRefine((p, ctx) => {
    // A window smaller than one checkpoint period could never reach a stable checkpoint (§4.3).
    if (p.logWindow < p.checkpointInterval) {
      ctx.addIssue({ code: 'custom', path: ['logWindow'], message: `expected at least checkpointInterval (${p.checkpointInterval}), found ${p.logWindow}` });
    }
  });

export type PbftParams = z.output<typeof pbftParamsSchema>;
