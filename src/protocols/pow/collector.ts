/**
 * Proof-of-work metrics from model events: stale rate, blocks, propagation, time to finality,
 * reorganisations and throughput. An observer: it never steers the run.
 *
 * Propagation is measured as SimBlock measures it (simulator/Simulator.arriveBlock, which every
 * node calls when a block reaches it, the miner's at mining): for each block, the time from its
 * mining until 50 % and 90 % of the nodes, the miner included, have it, then the mean over the
 * blocks that reach that share. A node has a block when it mines it or when the block itself
 * arrives after its announcement ('pow-arrived'); a block fetched later as the missing parent of
 * another (which SimBlock never sends) does not count, or a stale block that some miner extends
 * minutes later would weigh those minutes into the mean.
 */
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import type { Metrics } from '../../metrics/types.ts';
import type { CommitEvent } from '../types.ts';
import type { PowArrivedEvent, PowBlock, PowMinedEvent, PowReorgEvent } from './types.ts';

export class PowCollector {
  /** Every mined block in discovery order. */
  readonly mined: PowBlock[] = [];
  private readonly index = new Map<PowBlock, number>();
  private arrivals = new Int32Array(256);
  private reach50Us = new Float64Array(256).fill(NaN);
  private reach90Us = new Float64Array(256).fill(NaN);
  private readonly need50: number;
  private readonly need90: number;
  private finalitySumUs = 0;
  private commits = 0;
  reorgs = 0;
  maxReorgDepth = 0;
  committedBlocksRemoved = 0;

  /**
   * `stopAfterHeight`: the run ends when a block above it is mined (SimBlock's end condition). That
   * block only ends the run, as SimBlock stops before mining it: it is not counted, so a run to N
   * blocks counts N on its main chain.
   */
  constructor(private readonly nodeCount: number, private readonly stopAfterHeight = Infinity) {
    this.need50 = Math.ceil(0.5 * nodeCount);
    this.need90 = Math.ceil(0.9 * nodeCount);
  }

  /** Pass to `engine.observe`. */
  readonly observe = (_host: HostId, e: ModelEvent, timeUs: number): void => {
    switch (e.kind) {
      case 'pow-arrived': {
        const b = (e as PowArrivedEvent).block;
        const i = this.index.get(b);
        if (i !== undefined) this.arrive(i, timeUs - b.timestampUs);
        return;
      }
      case 'commit':
        this.finalitySumUs += timeUs - (e as CommitEvent).block.timestampUs;
        this.commits++;
        return;
      case 'pow-mined': {
        const b = (e as PowMinedEvent).block;
        if (b.height > this.stopAfterHeight) return;
        this.arrive(this.addMined(b), timeUs - b.timestampUs);
        return;
      }
      case 'pow-reorg': {
        const r = e as PowReorgEvent;
        this.reorgs++;
        if (r.depth > this.maxReorgDepth) this.maxReorgDepth = r.depth;
        this.committedBlocksRemoved += r.committedRemoved;
        return;
      }
    }
  };

  /** The main chain at the end: the mined block with most work (first found on a tie), back to genesis. */
  mainChain(): PowBlock[] {
    let best: PowBlock | undefined;
    for (const b of this.mined) if (best === undefined || b.totalWork > best.totalWork) best = b;
    const chain: PowBlock[] = [];
    for (let b = best; b !== undefined && b !== null && b.height > 0; b = b.parent ?? undefined) chain.push(b);
    return chain.reverse();
  }

  metrics(simulatedUs: number, confirmations: number): Metrics {
    const main = this.mainChain();
    const mined = this.mined.length;
    const stale = mined - main.length;
    const finalHeight = main.length - confirmations + 1;
    let finalTx = 0;
    for (const b of main) if (b.height <= finalHeight) finalTx += b.txCount;
    const seconds = simulatedUs / 1e6;
    return {
      'pow.blocks': { unit: 'blocks', value: main.length },
      'pow.blocks_mined': { unit: 'blocks', value: mined },
      'pow.stale_blocks': { unit: 'blocks', value: stale },
      'pow.stale_rate': { unit: 'ratio', value: mined > 0 ? stale / mined : 0 },
      'pow.block_propagation_ms.p50': { unit: 'ms', value: meanOf(this.reach50Us, mined) / 1000 },
      'pow.block_propagation_ms.p90': { unit: 'ms', value: meanOf(this.reach90Us, mined) / 1000 },
      'pow.time_to_finality_ms': { unit: 'ms', value: this.commits > 0 ? this.finalitySumUs / this.commits / 1000 : NaN },
      // The mean of the intervals between consecutive main-chain blocks from genesis (t = 0): the
      // last one's time over their number. The run's end lies past the last block (a run to
      // `blocks` ends as the next is mined), and dividing it would add most of an interval.
      'pow.block_interval_s': { unit: 's', value: main.length > 0 ? main[main.length - 1]!.timestampUs / 1e6 / main.length : NaN },
      'pow.reorgs': { unit: 'count', value: this.reorgs },
      'pow.max_reorg_depth': { unit: 'blocks', value: this.maxReorgDepth },
      'pow.finality_violations': { unit: 'blocks', value: this.committedBlocksRemoved },
      'pow.throughput_tps': { unit: 'tx/s', value: seconds > 0 ? finalTx / seconds : 0 },
    };
  }

  /** One more node has block `i`, `sinceMiningUs` after it was mined. */
  private arrive(i: number, sinceMiningUs: number): void {
    const n = ++this.arrivals[i]!;
    if (n === this.need50) this.reach50Us[i] = sinceMiningUs;
    if (n === this.need90) this.reach90Us[i] = sinceMiningUs;
  }

  private addMined(b: PowBlock): number {
    const i = this.mined.length;
    if (i === this.arrivals.length) this.grow();
    this.mined.push(b);
    this.index.set(b, i);
    return i;
  }

  private grow(): void {
    const cap = this.arrivals.length * 2;
    const a = new Int32Array(cap); a.set(this.arrivals); this.arrivals = a;
    const r5 = new Float64Array(cap).fill(NaN); r5.set(this.reach50Us); this.reach50Us = r5;
    const r9 = new Float64Array(cap).fill(NaN); r9.set(this.reach90Us); this.reach90Us = r9;
  }
}

/** Mean of the defined (non-NaN) values among the first `n`; NaN when none. */
function meanOf(values: Float64Array, n: number): number {
  let sum = 0, count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === v) {
      sum += v;
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}
