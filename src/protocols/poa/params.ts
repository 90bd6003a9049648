/**
 * Proof-of-Authority (Clique, EIP-225) parameters, as the scenario's `consensus.poa` block.
 * EIP-225 fixes the block period at 15 s for the Görli-style network it specifies; geth's wiggle
 * unit is 500 ms (`wiggleTime`). Durations parse to µs.
 */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { zBlockTimePrecision } from '../block-time.ts';
import { FORK_CHOICES } from './clique.ts';

export const poaParamsSchema = z
  .object({
    period: zPositiveDurationUs.default(15_000_000).describe('Minimum time between a block and its parent (BLOCK_PERIOD; 15 s in EIP-225).'),
    wiggle: zDurationUs.default(500_000).describe("Out-of-turn signers wait a random delay up to (⌊N/2⌋ + 1) × wiggle (geth's wiggleTime, 500 ms)."),
    confirmations: z.number().int().min(0).default(0).describe('Blocks on top before a block counts as committed; 0 means ⌊N/2⌋ + 1 (the signer-limit window).'),
    forkChoice: z
      .enum(FORK_CHOICES)
      .default('geth')
      .describe("Between heads of equal total difficulty: 'geth' takes the lower and flips a coin between equal heights (go-ethereum; signers split over two such heads can deadlock, go-ethereum issues 18402 and 24705); 'eip-3436' takes the lower, then the one whose signer's in-turn slot is most recent, then the lowest hash (EIP-3436, Besu)."),
    blockTimePrecision: zBlockTimePrecision.describe("How far ahead of a signer's clock a block's timestamp may be: a block stamped later is refused as a future block (geth's Clique refuses any header ahead of its clock in whole seconds, ErrFutureBlock; 505 ms is CometBFT's PBTS precision; docs/references.md §13). Signers' clocks agree in the model, so honest blocks are never ahead: this is how far ahead a Byzantine signer may stamp. The lower bound is the parent's timestamp plus the period (EIP-225)."),
  })
  .strict();

export type PoaParams = z.output<typeof poaParamsSchema>;
