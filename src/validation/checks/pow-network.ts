/**
 * Proof-of-work propagation and stale rate against published measurements, each on the network
 * the measurement was taken on (docs/validation.md, "Proof-of-work network"):
 *
 * - Decker & Wattenhofer (IEEE P2P 2013) measured block propagation on the 2012–13 Bitcoin network:
 *   small blocks (~150 KB), whole-block relay, every hop verifying the block before relaying it.
 *   Their median and 90th percentile are compared with the "Bitcoin 2013" profile
 *   (src/protocols/pow/bitcoin-2013-network.ts), whose inputs are published facts except the
 *   per-KB verification cost, calibrated to their size slope (80 ms/KB, §5) and therefore NOT
 *   what is checked here: the checks compare the median at the 2013 block size and the 90th
 *   percentile, which the calibration does not fix.
 * - Gervais et al. (CCS 2016) measured the stale rate on the 2016 network: 534 KB blocks, about
 *   6,000 nodes, faster links and verification. SimBlock's reference network (docs/references.md §4,
 *   535 KB blocks) is that network, so the stale-rate checks run on it, scaled to 600 nodes with
 *   compact relay off (BIP 152 came after their measurement).
 *
 * These are measurements of real networks, so the claim checked is the one the literature
 * supports: the same order of magnitude (within a factor √10, half a decade either way, fixed
 * before any run), and the right trend with block size.
 */
import { BITCOIN_2013_BLOCK_BYTES, BITCOIN_2013_VERIFY_US_PER_KB, bitcoin2013NetworkConfig, bitcoin2013Params, bitcoin2013Placements } from '../../protocols/pow/bitcoin-2013-network.ts';
import { runPowNetwork, type PowNetworkSpec } from '../../protocols/pow/network-run.ts';
import { normalHashPower, SIMBLOCK_HASH_POWER, SIMBLOCK_PARAMS, simblockNetworkConfig, simblockPlacements } from '../../protocols/pow/simblock-network.ts';
import { ci95, estimate, proportion, type Estimate } from '../stats.ts';
import type { CheckResult, ValidationCheck } from '../types.ts';

/** Nodes of the 2013 profile: Bitcoin had a few thousand reachable nodes then (docs/validation.md). */
const NODES_2013 = 2000;
/** SimBlock's network scaled down for run time (6,000 nodes in Gervais et al.'s 2016 network). */
const NODES_2016 = 600;
const DECADES = 0.5;

interface PowSample {
  readonly propagationP50Ms: number;
  readonly propagationP90Ms: number;
  readonly stale: number;
  readonly mined: number;
}

function sample(spec: PowNetworkSpec): PowSample {
  const m = runPowNetwork(spec).metrics;
  return {
    propagationP50Ms: m['pow.block_propagation_ms.p50']!.value,
    propagationP90Ms: m['pow.block_propagation_ms.p90']!.value,
    stale: m['pow.stale_blocks']!.value,
    mined: m['pow.blocks_mined']!.value,
  };
}

/** One run of the Bitcoin 2013 profile (D&W's network). */
function run2013(blockSizeBytes: number, blocks: number, seed: number): PowSample {
  return sample({
    seed,
    network: bitcoin2013NetworkConfig(),
    placements: bitcoin2013Placements(NODES_2013, seed),
    params: bitcoin2013Params(blockSizeBytes),
    hashPower: normalHashPower(NODES_2013, seed, SIMBLOCK_HASH_POWER.mean, SIMBLOCK_HASH_POWER.sd),
    stopAfterHeight: blocks,
    maxDurationUs: blocks * 100 * 600_000_000,
  });
}

/** One run of SimBlock's network without compact relay (Gervais et al.'s 2016 network). */
function run2016(blockSizeBytes: number, blocks: number, seed: number): PowSample {
  return sample({
    seed,
    network: simblockNetworkConfig(),
    placements: simblockPlacements(NODES_2016, seed),
    params: { ...SIMBLOCK_PARAMS, blockSizeBytes, compactBlockShare: 0 },
    hashPower: normalHashPower(NODES_2016, seed, SIMBLOCK_HASH_POWER.mean, SIMBLOCK_HASH_POWER.sd),
    stopAfterHeight: blocks,
    maxDurationUs: blocks * 100 * SIMBLOCK_PARAMS.blockIntervalUs,
  });
}
function memo<T>(fn: () => T): () => T {
  let v: T | undefined;
  let done = false;
  return () => {
    if (!done) { v = fn(); done = true; }
    return v as T;
  };
}

function orderOfMagnitude(expected: number, e: Estimate, unit: string, detail: string): CheckResult {
  const passed = e.mean > 0 && Math.abs(Math.log10(e.mean / expected)) <= DECADES;
  return { expected, simulated: e.mean, unit, ci95: ci95(e), basis: { kind: 'order-of-magnitude', decades: DECADES }, passed, samples: e.n, detail };
}

/** Gervais et al.'s mean 2016 block size (534.8 KB), SimBlock's 535,000 B. */
const BITCOIN_2016_BLOCK_BYTES = 535_000;
const PROPAGATION_REPS = 4;
const PROPAGATION_BLOCKS = 30;
const STALE_REPS = 10;
const STALE_BLOCKS = 300;
/** D&W §5's linear range: from the ~20 KB knee to Bitcoin 0.8's 250 KB default block limit. */
const TREND_SIZES_2013 = [20_000, 50_000, 100_000, 150_000, 250_000];
/** D&W's measured tail: 90th percentile over median. */
const DW_P90_OVER_P50 = 26 / 6.5;

export function powNetworkChecks(): ValidationCheck[] {
  const propagation = memo(() => Array.from({ length: PROPAGATION_REPS }, (_, k) => run2013(BITCOIN_2013_BLOCK_BYTES, PROPAGATION_BLOCKS, 300 + k)));
  const staleAt = new Map<number, () => PowSample[]>();
  const stale = (size: number) => {
    let f = staleAt.get(size);
    if (f === undefined) staleAt.set(size, (f = memo(() => Array.from({ length: STALE_REPS }, (_, k) => run2016(size, STALE_BLOCKS, 400 + k)))));
    return f();
  };
  const staleEstimate = (size: number): Estimate => {
    const runs = stale(size);
    return proportion(runs.reduce((s, r) => s + r.stale, 0), runs.reduce((s, r) => s + r.mined, 0));
  };
  const setting2013 = `Bitcoin 2013 profile: ${NODES_2013} nodes, ${BITCOIN_2013_BLOCK_BYTES / 1000} KB blocks, whole-block relay, ${BITCOIN_2013_VERIFY_US_PER_KB / 1000} ms/KB verification per hop (calibrated to D&W's 80 ms/KB slope)`;
  const setting2016 = `${NODES_2016} nodes of SimBlock's network, ${BITCOIN_2016_BLOCK_BYTES} B blocks, no compact relay`;
  return [
    {
      id: 'pow.propagation.p50', group: 'proof-of-work network', quick: true,
      title: 'block propagation to 50 % of nodes (median delay)',
      reference: 'Decker & Wattenhofer, IEEE P2P 2013: median 6.5 s',
      run() {
        const rs = propagation();
        return orderOfMagnitude(6.5, estimate(rs.map((r) => r.propagationP50Ms / 1000)), 's', `${setting2013}; ${PROPAGATION_REPS} runs × ${PROPAGATION_BLOCKS} blocks`);
      },
    },
    {
      id: 'pow.propagation.p90', group: 'proof-of-work network', quick: false,
      title: 'block propagation to 90 % of nodes',
      reference: 'Decker & Wattenhofer, IEEE P2P 2013: 90th percentile 26 s',
      run() {
        const rs = propagation();
        const p90 = estimate(rs.map((r) => r.propagationP90Ms / 1000));
        const p50 = estimate(rs.map((r) => r.propagationP50Ms / 1000));
        // The tail's shape, shown beside the value: D&W's p90 is 4× their median; a network of
        // identical nodes cannot make a tail that long (docs/validation.md).
        return {
          ...orderOfMagnitude(26, p90, 's', `${setting2013}; ${PROPAGATION_REPS} runs × ${PROPAGATION_BLOCKS} blocks`),
          alongside: { 'p90/p50': p90.mean / p50.mean, 'D&W p90/p50': DW_P90_OVER_P50 },
        };
      },
    },
    {
      id: 'pow.stale-rate', group: 'proof-of-work network', quick: false,
      title: 'stale block rate, 10-minute blocks',
      reference: 'Gervais et al., CCS 2016 §4: Bitcoin stale rate 0.41 % measured (their simulator: 1.85 %)',
      run() {
        const e = staleEstimate(BITCOIN_2016_BLOCK_BYTES);
        return orderOfMagnitude(0.0041, e, 'ratio', `${setting2016}; ${STALE_REPS} runs × ${STALE_BLOCKS} blocks; binomial CI`);
      },
    },
    {
      id: 'pow.trend.propagation-vs-size', group: 'proof-of-work network', quick: false,
      title: `median propagation grows with block size (${TREND_SIZES_2013.map((s) => `${s / 1000} KB`).join(', ')})`,
      reference: 'Decker & Wattenhofer 2013 §5: above ~20 KB, delay grows linearly with size',
      run() {
        // Common random numbers: the same seed at every size, so only the size differs.
        const p50 = TREND_SIZES_2013.map((s) => run2013(s, PROPAGATION_BLOCKS, 300).propagationP50Ms / 1000);
        const increasing = p50.every((v, i) => i === 0 || v > p50[i - 1]!);
        const msPerKB = ((p50.at(-1)! - p50[0]!) * 1000) / ((TREND_SIZES_2013.at(-1)! - TREND_SIZES_2013[0]!) / 1000);
        return {
          expected: 1, simulated: increasing ? 1 : 0, unit: 'increasing', basis: { kind: 'property' }, passed: increasing, samples: TREND_SIZES_2013.length,
          alongside: { 'ms per KB (calibrated to 80)': msPerKB },
          detail: `Bitcoin 2013 profile; median propagation (s): ${p50.map((v) => v.toFixed(2)).join(', ')}. The slope is the profile's calibration input, not a validated output`,
        };
      },
    },
    {
      id: 'pow.trend.stale-vs-size', group: 'proof-of-work network', quick: false,
      title: 'stale rate grows with block size (100 KB against 2 MB)',
      reference: 'Gervais et al., CCS 2016 §4 (Table): larger blocks, more stale blocks',
      run() {
        const small = staleEstimate(100_000);
        const large = staleEstimate(2_000_000);
        const diff = large.mean - small.mean;
        const se = Math.sqrt(large.standardError ** 2 + small.standardError ** 2);
        const passed = diff > 3 * se;
        return {
          expected: 0, simulated: diff, unit: 'Δ ratio', basis: { kind: 'standard-error', k: 3, standardError: se }, passed, samples: small.n + large.n,
          alongside: { 'stale@100KB': small.mean, 'stale@2MB': large.mean },
          detail: `${setting2016}; passes when the increase exceeds 3 SE (a one-sided test of a positive trend); ${STALE_REPS} runs × ${STALE_BLOCKS} blocks per size`,
        };
      },
    },
  ];
}
