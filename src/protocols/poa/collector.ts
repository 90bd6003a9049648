/**
 * Proof-of-authority metrics from model events: how many sealed blocks ended off the main chain
 * (stale), how often a height was contested (fork rate), the share of in-turn blocks, and
 * reorganisations seen by replicas. The main chain is the sealed block of greatest total difficulty
 * (first sealed on a tie) back to genesis, the same rule replicas follow (EIP-225). An observer only.
 */
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import type { Metrics } from '../../metrics/types.ts';
import { DIFF_IN_TURN } from './clique.ts';
import type { PoaReorgEvent, PoaSealedEvent } from './events.ts';

interface Sealed {
  readonly hash: string;
  readonly parentHash: string;
  readonly height: number;
  readonly difficulty: number;
  readonly totalDifficulty: number;
  readonly sealedUs: number;
}

export class PoaCollector {
  private readonly sealed = new Map<string, Sealed>();
  private readonly sealedPerHeight = new Map<number, number>();
  private best: Sealed | undefined;
  reorgs = 0;
  maxReorgDepth = 0;
  committedBlocksRemoved = 0;

  /** Pass to `engine.observe`. */
  readonly observe = (_host: HostId, e: ModelEvent, timeUs: number): void => {
    if (e.kind === 'poa-sealed') {
      const { block, difficulty } = e as PoaSealedEvent;
      if (this.sealed.has(block.hash)) return;
      const parentTd = this.sealed.get(block.parentHash)?.totalDifficulty ?? 0;
      const s: Sealed = { hash: block.hash, parentHash: block.parentHash, height: block.height, difficulty, totalDifficulty: parentTd + difficulty, sealedUs: timeUs };
      this.sealed.set(block.hash, s);
      this.sealedPerHeight.set(block.height, (this.sealedPerHeight.get(block.height) ?? 0) + 1);
      if (this.best === undefined || s.totalDifficulty > this.best.totalDifficulty) this.best = s;
    } else if (e.kind === 'poa-reorg') {
      const r = e as PoaReorgEvent;
      this.reorgs++;
      if (r.depth > this.maxReorgDepth) this.maxReorgDepth = r.depth;
      this.committedBlocksRemoved += r.committedRemoved;
    }
  };

  mainChain(): Sealed[] {
    const chain: Sealed[] = [];
    for (let s = this.best; s !== undefined; s = this.sealed.get(s.parentHash)) chain.push(s);
    return chain.reverse();
  }

  metrics(simulatedUs: number): Metrics {
    const main = this.mainChain();
    const total = this.sealed.size;
    const stale = total - main.length;
    let contested = 0, inTurn = 0;
    for (const s of main) {
      if ((this.sealedPerHeight.get(s.height) ?? 0) > 1) contested++;
      if (s.difficulty === DIFF_IN_TURN) inTurn++;
    }
    const ratio = (x: number, of: number) => (of > 0 ? x / of : 0);
    return {
      'poa.blocks': { unit: 'blocks', value: main.length },
      'poa.blocks_sealed': { unit: 'blocks', value: total },
      'poa.stale_blocks': { unit: 'blocks', value: stale },
      'poa.stale_rate': { unit: 'ratio', value: ratio(stale, total) },
      'poa.fork_rate': { unit: 'ratio', value: ratio(contested, main.length) },
      'poa.in_turn_ratio': { unit: 'ratio', value: ratio(inTurn, main.length) },
      // The mean of the intervals between consecutive canonical blocks from genesis (t = 0): the last
      // one's sealing time over their number, not the run's length, which lies up to a period past it.
      'poa.block_interval_s': { unit: 's', value: main.length > 0 ? main[main.length - 1]!.sealedUs / 1e6 / main.length : NaN },
      'poa.reorgs': { unit: 'count', value: this.reorgs },
      'poa.max_reorg_depth': { unit: 'blocks', value: this.maxReorgDepth },
      'poa.finality_violations': { unit: 'blocks', value: this.committedBlocksRemoved },
    };
  }
}
