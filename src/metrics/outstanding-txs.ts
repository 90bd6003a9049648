/**
 * The number of transactions in the system — submitted by a client and not yet committed by any
 * replica — sampled at regular instants of simulated time, from `startUs + interval / 2` every
 * `intervalUs` up to `endUs`. The mean of the samples estimates the time-average number in the
 * system, the L of Little's law (Little 1961), without using any transaction's latency: it counts
 * what is outstanding at each instant, where the per-transaction latencies of ConsensusCollector
 * come from each transaction's own submit time and commit time. Sampling at fixed instants is
 * unbiased for a system whose events are not synchronised with the grid (Poisson arrivals or
 * blocks); it can alias with a strictly periodic one. An observer only.
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CommitEvent, SubmitEvent } from '../protocols/types.ts';

export class OutstandingTxSampler {
  private readonly outstanding = new Set<number>();
  private nextSampleUs: number;
  private sampleSum = 0;
  private sampleCount = 0;

  constructor(startUs: number, private readonly endUs: number, private readonly intervalUs: number) {
    if (!(intervalUs > 0)) throw new RangeError(`sampling interval: expected a positive duration, found ${intervalUs} µs`);
    this.nextSampleUs = startUs + intervalUs / 2;
  }

  /** Pass to `engine.observe` (or a world's observers) before the run starts. */
  readonly observe = (_host: HostId, event: ModelEvent, timeUs: number): void => {
    // The count is constant between events: instants before this event see it as it is now.
    this.sampleBefore(timeUs);
    if (event.kind === 'submit') this.outstanding.add((event as SubmitEvent).tx.id);
    else if (event.kind === 'commit') for (const tx of (event as CommitEvent).block.txs) this.outstanding.delete(tx.id);
  };

  /** Mean of the samples over [start, end); call after the run. NaN when no instant fell inside. */
  meanOutstanding(): number {
    this.sampleBefore(this.endUs);
    return this.sampleCount === 0 ? NaN : this.sampleSum / this.sampleCount;
  }

  /** How many instants were sampled so far. */
  get samples(): number {
    return this.sampleCount;
  }

  private sampleBefore(timeUs: number): void {
    while (this.nextSampleUs < timeUs && this.nextSampleUs < this.endUs) {
      this.sampleSum += this.outstanding.size;
      this.sampleCount++;
      this.nextSampleUs += this.intervalUs;
    }
  }
}
