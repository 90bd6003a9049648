/** The `network:` section: regions, latency between them, bandwidth, loss. */
import { z } from 'zod';
import { zBandwidthBps, zDurationUs, zPositiveDurationUs } from '../zod-units.ts';

/**
 * SimBlock's latency model is Pareto with shape 0.2·mean and scale mean − 5 ms (Aoki et al. 2019,
 * docs/references.md §4): a mean of 5 ms or less leaves no positive scale to draw from.
 */
export const SIMBLOCK_PARETO_OFFSET_US = 5_000;

/**
 * A latency distribution in a scenario file; durations carry units. Every parameter the engine's
 * sampler needs positive (sim/distributions.ts makeSampler) is bounded here, so a latency the loader
 * accepts, in network.latency or iomt.links, can be drawn from when the run starts.
 */
export const zLatency = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: zDurationUs }).strict(),
  // A uniform draw needs an interval: max below min has none.
  z.object({ kind: z.literal('uniform'), min: zDurationUs, max: zDurationUs }).strict()
    .refine((u) => u.max >= u.min, { message: 'a duration ≥ min (uniform: the upper bound of the interval)', path: ['max'] }),
  // An exponential of mean 0 is no distribution (its rate would be infinite).
  z.object({ kind: z.literal('exponential'), mean: zPositiveDurationUs, shift: zDurationUs.optional() }).strict(),
  // `min`: the least latency of the path (its propagation delay); draws below it are raised to it.
  // Without it the floor is 0, and a run split over threads has no lookahead across such a link.
  z.object({ kind: z.literal('normal'), mean: zDurationUs, sd: zDurationUs, min: zDurationUs.optional() }).strict(),
  // The logarithm of the median is the distribution's location: a median of 0 has none.
  z.object({ kind: z.literal('lognormal'), median: zPositiveDurationUs, sigma: z.number().nonnegative() }).strict(),
  z.object({
    kind: z.literal('pareto-simblock'),
    mean: zDurationUs.refine((us) => us > SIMBLOCK_PARETO_OFFSET_US, { message: "a duration over 5ms (SimBlock's Pareto has scale mean − 5 ms, which must be positive)" }),
  }).strict(),
  // A Pareto's scale is its smallest value and divides every draw's law: it must be positive.
  z.object({ kind: z.literal('pareto'), shape: z.number().positive(), scale: zPositiveDurationUs }).strict(),
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
  .strict()
  .superRefine((n, ctx) => {
    // Every per-region list is indexed by region: one of another length has no meaning to run.
    const r = n.regions.length;
    const perRegion = (what: string) => `${r} ${what}${r === 1 ? '' : 's'} (one per region of network.regions)`;
    const count = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
    if (Array.isArray(n.latency)) {
      if (n.latency.length !== r) ctx.addIssue({ code: 'custom', path: ['latency'], message: `expected a ${r}×${r} matrix (one row per region of network.regions), found ${count(n.latency.length, 'row')}` });
      else n.latency.forEach((row, i) => {
        if (row.length !== r) ctx.addIssue({ code: 'custom', path: ['latency', i], message: `expected ${perRegion('column')}, found ${count(row.length, 'column')}` });
      });
    }
    for (const field of ['upload', 'download'] as const) {
      const v = n[field];
      if (Array.isArray(v) && v.length !== r) ctx.addIssue({ code: 'custom', path: [field], message: `expected one bandwidth, or ${perRegion('bandwidth')}, found a list of ${v.length}` });
    }
    const shares = n.regionShares;
    if (shares !== undefined) {
      if (shares.length !== r) ctx.addIssue({ code: 'custom', path: ['regionShares'], message: `expected ${perRegion('share')}, found ${count(shares.length, 'share')}` });
      else if (!shares.some((s) => s > 0)) ctx.addIssue({ code: 'custom', path: ['regionShares'], message: `expected at least one positive share (hosts are placed in proportion to them), found [${shares.join(', ')}]` });
    }
  });
export type NetworkSection = z.output<typeof zNetwork>;

/** The network model's queue limit, µs, for a `queueLimit` field (undefined: the model's default). */
export function queueLimitUs(limit: NetworkSection['queueLimit']): number | undefined {
  return limit === 'none' ? Infinity : limit;
}
