/**
 * The smallest ledger that is a bulk-service queue: one node whose mempool (src/ledger) receives
 * Poisson transactions and is emptied by Poisson blocks of capacity b. Engine-driven, so it also
 * exercises timers, rng streams and the mempool's FIFO `take`.
 */
import { Engine, exponential, type Actor, type ActorContext, type Rng, type TimerTag } from '../../../sim/index.ts';
import { Mempool, txId } from '../../ledger/index.ts';

const ARRIVAL: TimerTag = 1;
const BLOCK: TimerTag = 2;

export interface BulkQueueParams {
  readonly arrivalsPerSec: number;
  readonly blocksPerSec: number;
  readonly blockCapacityTxs: number;
  readonly warmupUs: number;
  readonly durationUs: number;
}

export interface BulkQueueRun {
  /** Mean wait of transactions that arrived after warm-up and were taken into a block, s. */
  readonly meanWaitS: number;
  /** Time-average number waiting after warm-up. */
  readonly meanWaiting: number;
  /** Arrival rate measured after warm-up, per s. */
  readonly arrivalsPerSec: number;
  readonly served: number;
}

class BulkQueueNode implements Actor<never> {
  readonly pool = new Mempool({ capacityTxs: 10_000_000, capacityBytes: Number.MAX_SAFE_INTEGER, order: 'fifo' });
  private readonly arrivals: Rng;
  private readonly blocks: Rng;
  private seq = 0;
  private lastChangeUs: number;
  areaTxUs = 0;
  arrivedAfterWarmup = 0;
  waitSumUs = 0;
  served = 0;

  constructor(private readonly ctx: ActorContext<never>, private readonly p: BulkQueueParams) {
    this.arrivals = ctx.rng.stream('arrivals');
    this.blocks = ctx.rng.stream('blocks');
    this.lastChangeUs = p.warmupUs;
  }

  onStart(): void {
    this.ctx.setTimer(exponential(this.arrivals, 1e6 / this.p.arrivalsPerSec), ARRIVAL);
    this.ctx.setTimer(exponential(this.blocks, 1e6 / this.p.blocksPerSec), BLOCK);
  }

  onMessage(): void {}

  onTimer(tag: TimerTag): void {
    const now = this.ctx.nowUs;
    this.accumulate(now);
    if (tag === ARRIVAL) {
      this.pool.add({ id: txId(0, this.seq++), sender: 0, sizeBytes: 1, payloadDigest: '', submittedUs: now });
      if (now >= this.p.warmupUs) this.arrivedAfterWarmup++;
      this.ctx.setTimer(exponential(this.arrivals, 1e6 / this.p.arrivalsPerSec), ARRIVAL);
    } else {
      for (const tx of this.pool.take(this.p.blockCapacityTxs, Number.MAX_SAFE_INTEGER)) {
        this.pool.markCommitted(tx);
        if (tx.submittedUs >= this.p.warmupUs) {
          this.waitSumUs += now - tx.submittedUs;
          this.served++;
        }
      }
      this.ctx.setTimer(exponential(this.blocks, 1e6 / this.p.blocksPerSec), BLOCK);
    }
  }

  /** Integrate the queue length over time, after warm-up. */
  accumulate(now: number): void {
    if (now <= this.p.warmupUs) return;
    this.areaTxUs += this.pool.sizeTxs * (now - this.lastChangeUs);
    this.lastChangeUs = now;
  }
}

export function runBulkQueue(p: BulkQueueParams, seed: number): BulkQueueRun {
  const engine = new Engine({ seed });
  const h = engine.addHost({ region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity }, (ctx: ActorContext<never>) => new BulkQueueNode(ctx, p), 'ledger');
  engine.run(p.durationUs);
  const node = engine.actor<BulkQueueNode>(h);
  node.accumulate(p.durationUs);
  const windowS = (p.durationUs - p.warmupUs) / 1e6;
  return {
    meanWaitS: node.waitSumUs / node.served / 1e6,
    meanWaiting: node.areaTxUs / (p.durationUs - p.warmupUs),
    arrivalsPerSec: node.arrivedAfterWarmup / windowS,
    served: node.served,
  };
}
