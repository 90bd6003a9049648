/**
 * Fast, zero-latency mining races for the closed-form checks. Block discovery is the embedded
 * jump chain of the Poisson race: each block is the pool's with probability α (or q), else
 * honest. Propagation is instant, so the only fork-choice freedom left is the tie, settled by an
 * explicit rule: in a tie, the honest block extends the pool's branch with probability γ
 * (Eyal & Sirer 2014 §4.1: "γ, the ratio of honest miners that choose to mine on the pool's
 * block"). The attackers are the same strategy objects the network attackers run.
 */
import { Rng } from '../../../sim/index.ts';
import { DoubleSpendStrategy } from './double-spend-strategy.ts';
import { SelfishMiningStrategy, type SelfishAction } from './selfish-strategy.ts';

export interface SelfishMiningRaceOptions {
  readonly alpha: number;
  readonly gamma: number;
  /** Blocks mined in all (pool and honest). */
  readonly blocks: number;
  readonly seed: number;
}

export interface SelfishMiningRaceResult {
  /** Pool blocks on the main chain ÷ main-chain blocks. */
  readonly revenueShare: number;
  readonly mainChainBlocks: number;
  readonly poolMainChainBlocks: number;
  readonly blocksMined: number;
  /** docs/references.md §2's rule of thumb 0.9/√(main-chain blocks); good for α ≤ 0.35. */
  readonly standardErrorRule: number;
  /**
   * Batch-means standard error (25 contiguous stretches of the main chain): honest for every α,
   * where long private runs make the share noisier than the rule (about 2× at α = 0.45).
   */
  readonly standardError: number;
  /**
   * Most public-chain blocks one override of the pool orphaned. A node that accepts a block k
   * deep (k confirmations) saw an accepted block reverted exactly when this reached k.
   */
  readonly deepestOrphanedRun: number;
}

const NONE = -1;

/** Eyal & Sirer's model: the pool runs Algorithm 1; honest miners follow the longest chain. */
export function simulateSelfishMining(o: SelfishMiningRaceOptions): SelfishMiningRaceResult {
  if (!(o.alpha >= 0 && o.alpha < 1)) throw new RangeError(`alpha must be in [0, 1), found ${o.alpha}`);
  if (!(o.gamma >= 0 && o.gamma <= 1)) throw new RangeError(`gamma must be in [0, 1], found ${o.gamma}`);
  if (!(Number.isInteger(o.blocks) && o.blocks >= 1)) throw new RangeError(`blocks must be an integer ≥ 1, found ${o.blocks}`);
  const rng = new Rng(o.seed).stream('selfish-race');
  const cap = o.blocks + 1;
  const parent = new Int32Array(cap);
  const height = new Int32Array(cap);
  const byPool = new Uint8Array(cap);
  /** The pool's chain by height (valid from the fork point to its head). */
  const poolAt = new Int32Array(cap + 1);
  parent[0] = NONE;
  let count = 1;
  let publicHead = 0; // the block honest miners saw first at the greatest public height
  let poolTie = NONE; // the pool's published block at that same height, if any
  let poolHead = 0;
  poolAt[0] = 0;
  const strategy = new SelfishMiningStrategy(0);
  let deepestOrphanedRun = 0;

  const apply = (a: SelfishAction): void => {
    if (a.kind === 'adopt') {
      poolHead = publicHead;
      for (let b = publicHead, h = height[b]!; b !== NONE && poolAt[h] !== b; b = parent[b]!, h--) poolAt[h] = b;
    } else if (a.kind === 'publish') {
      const b = poolAt[a.upToHeight]!;
      const hp = height[publicHead]!;
      if (a.upToHeight > hp) {
        // The public blocks above the last one the pool's chain shares are orphaned.
        let orphaned = 0;
        for (let x = publicHead, h = hp; poolAt[h] !== x; x = parent[x]!, h--) orphaned++;
        if (orphaned > deepestOrphanedRun) deepestOrphanedRun = orphaned;
        publicHead = b;
        poolTie = NONE;
      } else if (a.upToHeight === hp && b !== publicHead) {
        poolTie = b;
      }
    }
  };

  while (count < cap) {
    const id = count++;
    if (rng.float() < o.alpha) {
      parent[id] = poolHead;
      height[id] = height[poolHead]! + 1;
      byPool[id] = 1;
      poolHead = id;
      poolAt[height[id]!] = id;
      apply(strategy.onPoolBlock());
    } else {
      const onPoolBranch = poolTie !== NONE && rng.float() < o.gamma;
      const p = onPoolBranch ? poolTie : publicHead;
      parent[id] = p;
      height[id] = height[p]! + 1;
      publicHead = id;
      poolTie = NONE;
      apply(strategy.onPublicBlock(height[id]!));
    }
  }
  // At the end the pool publishes what it holds; the longer chain wins, the public one on a tie.
  const tip = height[poolHead]! > height[publicHead]! ? poolHead : publicHead;
  const main = height[tip]!;
  const poolOnMain = new Uint8Array(main);
  let pool = 0;
  for (let b = tip; b > 0; b = parent[b]!) {
    poolOnMain[height[b]! - 1] = byPool[b]!;
    pool += byPool[b]!;
  }
  const share = main > 0 ? pool / main : 0;
  return {
    revenueShare: share,
    mainChainBlocks: main,
    poolMainChainBlocks: pool,
    blocksMined: o.blocks,
    standardErrorRule: 0.9 / Math.sqrt(main),
    standardError: batchMeansStandardError(poolOnMain, 25),
    deepestOrphanedRun,
  };
}

/** Standard error of the mean of a correlated 0/1 series from `batches` contiguous batch means. */
function batchMeansStandardError(series: Uint8Array, batches: number): number {
  const size = Math.floor(series.length / batches);
  if (size < 1) return NaN;
  const means: number[] = [];
  for (let k = 0; k < batches; k++) {
    let sum = 0;
    for (let i = k * size; i < (k + 1) * size; i++) sum += series[i]!;
    means.push(sum / size);
  }
  const m = means.reduce((a, b) => a + b, 0) / batches;
  const variance = means.reduce((a, b) => a + (b - m) ** 2, 0) / (batches - 1);
  return Math.sqrt(variance / batches);
}

export interface DoubleSpendRaceOptions {
  /** Attacker's share of the hash power. */
  readonly q: number;
  /** Confirmations the merchant waits for. */
  readonly z: number;
  readonly trials: number;
  readonly seed: number;
  /**
   * The attacker gives up when this far behind. By default the smallest deficit whose chance of
   * ever being made up, (q/p)^d, is below 1e-9: the truncation changes no reported digit.
   */
  readonly giveUpDeficit?: number;
}

export interface DoubleSpendRaceResult {
  readonly successRate: number;
  readonly successes: number;
  readonly trials: number;
  /** √(P(1−P)/M) of the estimate. */
  readonly standardError: number;
}

/** Default give-up deficit for attacker share q (Infinity for a majority attacker). */
export function defaultGiveUpDeficit(q: number): number {
  if (q >= 0.5) return Infinity;
  if (q === 0) return 1;
  return Math.max(1, Math.ceil(Math.log(1e-9) / Math.log(q / (1 - q))));
}

/** Rosenfeld's double-spend race, `trials` times; every trial ends (q ≠ 0.5). */
export function simulateDoubleSpend(o: DoubleSpendRaceOptions): DoubleSpendRaceResult {
  if (!(o.q >= 0 && o.q <= 1) || o.q === 0.5) throw new RangeError(`q must be in [0, 1] and not 0.5 (a fair race need not end), found ${o.q}`);
  if (!(Number.isInteger(o.trials) && o.trials >= 1)) throw new RangeError(`trials must be an integer ≥ 1, found ${o.trials}`);
  const rng = new Rng(o.seed).stream('double-spend-race');
  const giveUpDeficit = o.giveUpDeficit ?? defaultGiveUpDeficit(o.q);
  let successes = 0;
  for (let t = 0; t < o.trials; t++) {
    const s = new DoubleSpendStrategy({ confirmations: o.z, giveUpDeficit });
    while (s.done === false) {
      if (rng.float() < o.q) s.onAttackerBlock();
      else s.onHonestBlock();
    }
    if (s.done === 'released') successes++;
  }
  const p = successes / o.trials;
  return { successRate: p, successes, trials: o.trials, standardError: Math.sqrt((p * (1 - p)) / o.trials) };
}
