/**
 * Proof-of-work stale rate against Gervais et al. (CCS 2016), who measured it on the 2016 Bitcoin
 * network: 534 kB blocks, about 6,000 nodes, faster links and verification than in 2013.
 * SimBlock's reference network (docs/references.md §4, 535 kB blocks) is that network, so these
 * checks run on it, scaled to 600 nodes with compact relay off (BIP 152 came after their
 * measurement). The 2013 propagation figures of Decker & Wattenhofer are compared on a calibrated
 * profile and reported as calibrations (src/validation/calibrations/bitcoin-2013.ts), not here.
 *
 * A measurement of a real network is compared for its order of magnitude: the check passes when the
 * whole 95 % interval of the simulated rate lies within a factor √10 of the measured one (fixed
 * before any run). The rate is a proportion of a few stale blocks among thousands mined, pooled
 * over the runs, so its interval is the exact Clopper–Pearson one (src/stats/binomial-interval.ts):
 * the normal (Wald) interval used before is too narrow for so few events. The trend check passes
 * when the larger blocks' stale rate exceeds the smaller blocks' by more than 3 standard errors.
 */
import { runPowNetwork } from '../../protocols/pow/network-run.ts';
import { normalHashPower, SIMBLOCK_HASH_POWER, SIMBLOCK_PARAMS, simblockNetworkConfig, simblockPlacements } from '../../protocols/pow/simblock-network.ts';
import { memo } from '../memo.ts';
import { judgeExceeds, judgeOrderOfMagnitude, proportion, type Estimate } from '../stats.ts';
import type { CheckResult, ValidationCheck } from '../types.ts';

/** SimBlock's network scaled down for run time (6,000 nodes in Gervais et al.'s 2016 network). */
export const NODES_2016 = 600;
/** Gervais et al.'s measured 2016 stale rate. */
export const MEASURED_STALE_RATE = 0.0041;
/** The order-of-magnitude band: a factor 10^DECADES (√10) either way. */
export const DECADES = 0.5;
/** Gervais et al.'s mean 2016 block size (534.8 kB), SimBlock's 535,000 B. */
export const BITCOIN_2016_BLOCK_BYTES = 535_000;
const STALE_REPS = 10;
export const STALE_BLOCKS = 300;
/** Run k of a block size uses seed offset + FIRST_SEED + k. */
export const FIRST_SEED = 400;
/** The trend passes when the increase exceeds this many standard errors. */
export const TREND_K = 3;

export interface StaleCount {
  readonly stale: number;
  readonly mined: number;
}

/**
 * One run of SimBlock's network without compact relay (Gervais et al.'s 2016 network): the check's
 * NODES_2016 nodes and STALE_BLOCKS blocks; its tests run fewer where the full runs take too long.
 */
export function run2016(blockSizeBytes: number, seed: number, nodes = NODES_2016, blocks = STALE_BLOCKS): StaleCount {
  const m = runPowNetwork({
    seed,
    network: simblockNetworkConfig(),
    placements: simblockPlacements(nodes, seed),
    params: { ...SIMBLOCK_PARAMS, blockSizeBytes, compactBlockShare: 0 },
    hashPower: normalHashPower(nodes, seed, SIMBLOCK_HASH_POWER.mean, SIMBLOCK_HASH_POWER.sd),
    stopAfterHeight: blocks,
    maxDurationUs: blocks * 100 * SIMBLOCK_PARAMS.blockIntervalUs,
  }).metrics;
  return { stale: m['pow.stale_blocks']!.value, mined: m['pow.blocks_mined']!.value };
}

/** Stale blocks over mined blocks, pooled over runs: a binomial proportion with its exact interval. */
export function pooledStaleRate(runs: readonly StaleCount[]): Estimate {
  return proportion(runs.reduce((s, r) => s + r.stale, 0), runs.reduce((s, r) => s + r.mined, 0));
}

/** The stale-rate check's verdict: the whole 95 % interval within a factor 10^DECADES of the measured rate. */
export function judgeStaleRate(e: Estimate, detail: string): CheckResult {
  return judgeOrderOfMagnitude(MEASURED_STALE_RATE, e, DECADES, 'ratio', detail);
}

/** The trend check's verdict: the larger blocks' stale rate above the smaller blocks' by more than TREND_K standard errors. */
export function judgeStaleTrend(small: Estimate, large: Estimate, detail: string): CheckResult {
  const difference: Estimate = { mean: large.mean - small.mean, standardError: Math.sqrt(large.standardError ** 2 + small.standardError ** 2), n: small.n + large.n };
  return judgeExceeds(0, difference, TREND_K, 'Δ ratio', detail, { 'stale@100kB': small.mean, 'stale@2MB': large.mean });
}

export function powNetworkChecks(seedOffset: number): ValidationCheck[] {
  const staleAt = new Map<number, () => StaleCount[]>();
  const staleEstimate = (size: number): Estimate => {
    let runs = staleAt.get(size);
    if (runs === undefined) staleAt.set(size, (runs = memo(() => Array.from({ length: STALE_REPS }, (_, k) => run2016(size, seedOffset + FIRST_SEED + k)))));
    return pooledStaleRate(runs());
  };
  const setting = `${NODES_2016} nodes of SimBlock's network, no compact relay; ${STALE_REPS} runs × ${STALE_BLOCKS} blocks per block size; stale blocks pooled over all mined blocks`;
  return [
    {
      id: 'pow.stale-rate', group: 'proof-of-work network', quick: false,
      title: 'stale block rate, 10-minute blocks, 535 kB',
      reference: 'Gervais et al., CCS 2016 §4: Bitcoin stale rate 0.41 % measured (their simulator: 1.85 %)',
      run() {
        const e = staleEstimate(BITCOIN_2016_BLOCK_BYTES);
        return judgeStaleRate(e, `${setting}; ${Math.round(e.mean * e.n)} stale of ${e.n} mined; exact (Clopper–Pearson) 95 % interval`);
      },
    },
    {
      id: 'pow.trend.stale-vs-size', group: 'proof-of-work network', quick: false,
      title: 'stale rate grows with block size (100 kB against 2 MB)',
      reference: 'Gervais et al., CCS 2016 §4 (Table): larger blocks, more stale blocks',
      run() {
        return judgeStaleTrend(staleEstimate(100_000), staleEstimate(2_000_000), `${setting}; passes when the increase exceeds ${TREND_K} SE (a one-sided test of a positive trend)`);
      },
    },
  ];
}
