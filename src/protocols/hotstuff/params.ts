/**
 * Chained HotStuff's pacemaker parameters (Yin et al., PODC 2019, §4.4 and Algorithm 5), as the
 * scenario's `consensus.hotstuff` block. The pacemaker doubles a replica's view timeout after each
 * view that ends by timeout ('exponential') or keeps it ('fixed'), and goes back to the base after
 * progress. Durations parse to µs.
 */
import { z } from 'zod';
import { zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { zBlockTimeMessageDelay, zBlockTimePrecision } from '../block-time.ts';

export const hotstuffParamsSchema = z
  .object({
    viewTimeout: zPositiveDurationUs.default(1_000_000).describe('Base view timeout of the pacemaker before a replica gives the view up and sends NEW-VIEW to every replica (§4.4, Algorithm 5, with the round synchronisation of DiemBFT).'),
    viewTimeoutMax: zPositiveDurationUs.default(60_000_000).describe('Cap on the backed-off view timeout; at least viewTimeout.'),
    backoff: z.enum(['exponential', 'fixed']).default('exponential').describe("'exponential': the timeout doubles per consecutive timed-out view; 'fixed': it stays."),
    forwardMax: z.number().int().min(0).default(1024).describe("Most client transactions a replica forwards to the next leader on one vote or new-view (at most batchSize). A forwarded transaction stays its forwarder's until a node carries it: the next leader proposes it or forgets it, the forwarder takes back what that leader's node left out (its vote came after the quorum), and no replica forwards what it received forwarded, so forwarding never delays a transaction past its forwarder's own next view as leader. 0: transactions wait for the replica that received them to lead."),
    blockTimePrecision: zBlockTimePrecision,
    blockTimeMessageDelay: zBlockTimeMessageDelay,
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.viewTimeoutMax < p.viewTimeout) {
      ctx.addIssue({ code: 'custom', path: ['viewTimeoutMax'], message: `expected a duration ≥ viewTimeout (${p.viewTimeout} µs), found ${p.viewTimeoutMax} µs` });
    }
  });

export type HotStuffParams = z.output<typeof hotstuffParamsSchema>;
export type Backoff = HotStuffParams['backoff'];
