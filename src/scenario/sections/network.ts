/** The `network:` section: regions, latency between them, bandwidth, loss. */
import { z } from 'zod';
import { zBandwidthBps, zDurationUs } from '../zod-units.ts';

/** A latency distribution in a scenario file; durations carry units. */
export const zLatency = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: zDurationUs }).strict(),
  z.object({ kind: z.literal('uniform'), min: zDurationUs, max: zDurationUs }).strict(),
  z.object({ kind: z.literal('exponential'), mean: zDurationUs, shift: zDurationUs.optional() }).strict(),
  // `min`: the least latency of the path (its propagation delay); draws below it are raised to it.
  // Without it the floor is 0, and a run split over threads has no lookahead across such a link.
  z.object({ kind: z.literal('normal'), mean: zDurationUs, sd: zDurationUs, min: zDurationUs.optional() }).strict(),
  z.object({ kind: z.literal('lognormal'), median: zDurationUs, sigma: z.number().nonnegative() }).strict(),
  // SimBlock's model: Pareto with shape 0.2·mean and scale mean − 5 ms (Aoki et al. 2019).
  z.object({ kind: z.literal('pareto-simblock'), mean: zDurationUs }).strict(),
  z.object({ kind: z.literal('pareto'), shape: z.number().positive(), scale: zDurationUs }).strict(),
  z.object({ kind: z.literal('empirical'), values: z.array(zDurationUs).min(1) }).strict(),
]);
export type LatencySpec = z.output<typeof zLatency>;

export const zNetwork = z
  .object({
    regions: z.array(z.string().min(1)).min(1).default(['local']),
    /** One distribution for every pair, or a square matrix indexed [from][to]. */
    latency: z.union([zLatency, z.array(z.array(zLatency))]).default({ kind: 'fixed', value: 10_000 }),
    /** Share of hosts placed in each region (one number per region); round robin when omitted. */
    regionShares: z.array(z.number().nonnegative()).min(1).optional(),
    /** One bandwidth for every host, or one per region (SimBlock's per-region figures). */
    upload: z.union([zBandwidthBps, z.array(zBandwidthBps).min(1)]).default(1_000_000_000),
    download: z.union([zBandwidthBps, z.array(zBandwidthBps).min(1)]).default(1_000_000_000),
    loss: z.number().min(0).max(1).default(0),
    /**
     * Whether a host's downlink serializes arriving messages first in first out at its download rate, so that many messages reaching one host at once (n−1 votes, gateways' batches) wait for each other (incast). false is SimBlock's model: each message is serialized once at min(sender's upload, receiver's download) and the receiver's downlink never queues.
     */
    receiveQueueing: z.boolean().default(true),
    /**
     * The longest a message waits in a link's queue (its sender's uplink, its receiver's downlink) before it is dropped whole, as a full buffer drops a datagram, or `none` (the default): queues without end, as a reliable stream's sender buffers what it cannot send yet. The buffer-sizing rule of thumb, round-trip time × capacity, gives 250 ms (docs/references.md §11). Nothing but the protocols themselves retransmits a dropped message.
     */
    queueLimit: z.union([zDurationUs, z.literal('none')]).optional(),
  })
  .strict();
export type NetworkSection = z.output<typeof zNetwork>;

/** The network model's queue limit, µs, for a `queueLimit` field (undefined: the model's default). */
export function queueLimitUs(limit: NetworkSection['queueLimit']): number | undefined {
  return limit === 'none' ? Infinity : limit;
}
