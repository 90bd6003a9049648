/**
 * Proof-of-work attacks in the `attacks:` list (src/attacks/pow/): one designated node runs an
 * attacker's miner with the given share of all hash power. Outside [start, end) it mines honestly.
 */
import { z } from 'zod';
import { zDurationUs } from '../zod-units.ts';

const common = {
  start: zDurationUs.default(0),
  end: zDurationUs.optional(),
  /** Replica index of the attacking node. */
  node: z.number().int().nonnegative().default(0),
  /** The attacker's share of all hash power (α or q). */
  share: z.number().gt(0).lt(1),
  /** The attacker's outbound connections; the network's default when omitted. */
  outboundPeers: z.number().int().min(1).optional(),
};

export const zSelfishMining = z.object({ type: z.literal('selfish-mining'), ...common }).strict();

export const zDoubleSpend = z
  .object({
    type: z.literal('double-spend'),
    ...common,
    /** z: confirmations the merchant waits for. */
    confirmations: z.number().int().min(1).default(6),
    /** Give up this many blocks behind; by default where catching up has odds below 1e-9. */
    giveUpDeficit: z.number().int().min(1).optional(),
  })
  .strict();

export const zMajority = z
  .object({
    type: z.literal('majority'),
    ...common,
    share: z.number().gt(0.5).lt(1),
    /** Blocks the attacker lets the honest chain bury before it rewrites; the network's k when omitted. */
    confirmations: z.number().int().min(1).optional(),
  })
  .strict();
