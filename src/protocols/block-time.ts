/**
 * Block-time validity, for the protocols whose leader stamps the block it proposes from its own
 * clock (PBFT's primary, HotStuff's leader, Clique's signer). The contracts judge time at that
 * stamp (consent expiry, audit time), so an honest replica checks it before it votes for a block,
 * as CometBFT's proposer-based timestamps (PBTS) do (docs/references.md §13): no earlier than the
 * parent's, and timely on the replica's own clock, which received the proposal no earlier than
 * `blockTimePrecision` before the stamp and no later than `blockTimeMessageDelay` +
 * `blockTimePrecision` after it. Replicas' clocks agree in the model (no offsets), and an honest
 * leader stamps no earlier than the parent (`proposalTimeUs`: a parent a faulty leader stamped up
 * to `blockTimePrecision` ahead is followed at the parent's stamp, as PBTS's proposer waits until
 * its clock passes the previous block's time), so honest stamps always pass; the bounds are what
 * a Byzantine leader may still skew time by. Raft stamps its entries too but checks nothing: its
 * leader is trusted in Raft's crash-fault model.
 */
import { zDurationUs, zPositiveDurationUs } from '../scenario/zod-units.ts';

/** CometBFT v1.0's default SynchronyParams.Precision (docs/references.md §13). */
const PBTS_PRECISION_US = 505_000;
/** CometBFT v1.0's default SynchronyParams.MessageDelay (docs/references.md §13). */
const PBTS_MESSAGE_DELAY_US = 15_000_000;

/** The bounds, as a protocol's parameter block states them (µs). */
export interface BlockTimeBounds {
  readonly blockTimePrecision: number;
  readonly blockTimeMessageDelay: number;
}

export const zBlockTimePrecision = zDurationUs
  .default(PBTS_PRECISION_US)
  .describe("How far ahead of a replica's clock a proposed block's timestamp may be for the replica to vote for it (PBTS's PRECISION, CometBFT's default 505 ms; docs/references.md §13). Replicas' clocks agree in the model, so honest blocks are never ahead: this is how far ahead a Byzantine leader may stamp, and so how much earlier than their end it may make consents expire.");

export const zBlockTimeMessageDelay = zPositiveDurationUs
  .default(PBTS_MESSAGE_DELAY_US)
  .describe("How long after its timestamp, besides blockTimePrecision, a proposed block may reach a replica for the replica to vote for it (PBTS's MESSAGE_DELAY, CometBFT's default 15 s; docs/references.md §13). A Byzantine leader may stamp its blocks up to this plus blockTimePrecision in the past, so consents it decides on may be honoured that much past their end; an honest proposal delayed longer (a queue that long) gets no vote either.");

/** PBTS's timely predicate: a proposal stamped `timestampUs` received at `receivedUs` on the replica's clock. */
export function timely(timestampUs: number, receivedUs: number, bounds: BlockTimeBounds): boolean {
  return receivedUs >= timestampUs - bounds.blockTimePrecision && receivedUs <= timestampUs + bounds.blockTimeMessageDelay + bounds.blockTimePrecision;
}

/** An honest leader's stamp: its clock, or its parent's stamp where that is later (undefined: the leader does not hold the parent). */
export function proposalTimeUs(nowUs: number, parentTimestampUs: number | undefined): number {
  return parentTimestampUs !== undefined && parentTimestampUs > nowUs ? parentTimestampUs : nowUs;
}

/** The whole rule: timely, and no earlier than the parent's stamp (`parentTimestampUs`; undefined where the replica does not hold the parent). */
export function validBlockTime(timestampUs: number, parentTimestampUs: number | undefined, receivedUs: number, bounds: BlockTimeBounds): boolean {
  return (parentTimestampUs === undefined || timestampUs >= parentTimestampUs) && timely(timestampUs, receivedUs, bounds);
}

/**
 * Clique's future-block rule: a block stamped more than `precisionUs` past the local clock is
 * refused (geth's Clique verifyHeader refuses any header ahead of the clock, ErrFutureBlock;
 * docs/references.md §13). Its lower bound is the parent's stamp plus the period (EIP-225).
 */
export function aheadOfClock(timestampUs: number, nowUs: number, precisionUs: number): boolean {
  return timestampUs > nowUs + precisionUs;
}
