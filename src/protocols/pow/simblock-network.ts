/**
 * SimBlock's reference Bitcoin network (Aoki et al., IEEE INFOCOM Workshops 2019; parameters as in
 * docs/references.md §4), so iomtsim and SimBlock can be compared on the same work: six regions
 * with their node shares, a mean one-way latency matrix drawn per message from a Pareto with shape
 * 0.2·mean and scale mean − 5 ms, per-region upload and download bandwidth, 535,000-byte blocks
 * every 10 minutes, compact blocks for 96.4 % of nodes, hash power ~ normal(400,000, 100,000).
 */
import { categorical, cumulative, Rng, simblockLatency, type HostPlacement, type NetworkConfig } from '../../../sim/index.ts';
import { hashPowerOf } from './hash-power.ts';
import { POW_DEFAULTS, type PowParams } from './params.ts';

export const SIMBLOCK_REGIONS = ['north-america', 'europe', 'south-america', 'asia-pacific', 'japan', 'australia'] as const;
export const SIMBLOCK_REGION_SHARES = [0.3316, 0.4998, 0.009, 0.1177, 0.0224, 0.0195] as const;
export const SIMBLOCK_LATENCY_MS = [
  [32, 124, 184, 198, 151, 189],
  [124, 11, 227, 237, 252, 294],
  [184, 227, 88, 325, 301, 322],
  [198, 237, 325, 85, 58, 198],
  [151, 252, 301, 58, 12, 126],
  [189, 294, 322, 198, 126, 16],
] as const;
export const SIMBLOCK_DOWNLOAD_BPS = [52_000_000, 40_000_000, 18_000_000, 22_800_000, 22_800_000, 29_900_000] as const;
export const SIMBLOCK_UPLOAD_BPS = [19_200_000, 20_700_000, 5_800_000, 15_700_000, 10_200_000, 11_300_000] as const;
export const SIMBLOCK_HASH_POWER = { mean: 400_000, sd: 100_000 } as const;

export function simblockNetworkConfig(): NetworkConfig {
  return {
    regions: [...SIMBLOCK_REGIONS],
    latencyUs: SIMBLOCK_LATENCY_MS.map((row) => row.map((m) => simblockLatency(m))),
  };
}

/** Regions drawn by share from the 'placement' stream, as SimBlock assigns them. */
export function simblockPlacements(nodes: number, seed: number): HostPlacement[] {
  const rng = new Rng(seed).stream('pow:placement');
  const cum = cumulative([...SIMBLOCK_REGION_SHARES]);
  const out: HostPlacement[] = [];
  for (let i = 0; i < nodes; i++) {
    const r = categorical(rng, cum);
    out.push({ region: r, uploadBitsPerSec: SIMBLOCK_UPLOAD_BPS[r]!, downloadBitsPerSec: SIMBLOCK_DOWNLOAD_BPS[r]! });
  }
  return out;
}

/** Hash power per node ~ normal(mean, sd), at least 1 (SimBlock's genMiningPower). */
export function normalHashPower(nodes: number, seed: number, mean: number, sd: number): Float64Array {
  return hashPowerOf({ kind: 'normal', mean, sd }, nodes, seed);
}

export const SIMBLOCK_PARAMS: PowParams = {
  ...POW_DEFAULTS,
  blockIntervalUs: 600_000_000,
  blockSizeBytes: 535_000,
  compactBlockShare: 0.964,
  compactBlockSizeBytes: 18_000,
  compactFailureBytes: 535_000,
};
