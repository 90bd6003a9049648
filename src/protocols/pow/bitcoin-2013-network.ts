/**
 * A "Bitcoin 2013" network profile: the network Decker & Wattenhofer measured ("Information
 * propagation in the Bitcoin network", IEEE P2P 2013), built from published inputs so that its
 * propagation delays are an output to compare with their measurements, not a fit to them.
 *
 * Inputs and where each comes from (docs/validation.md, "The Bitcoin 2013 profile"):
 * - Relay: every hop receives the whole block, verifies it, then announces it (inv → getdata →
 *   block; D&W attribute the delay to transmission plus this per-hop verification).
 *   No compact relay (BIP 152 dates from 2016).
 * - Verification cost per kilobyte per hop: the one calibrated input, set from D&W's slope of the
 *   median delay against block size (§5: above ~20 KB each kilobyte adds ~80 ms). The calibration
 *   is reproduced by `bitcoin-2013-network.test.ts`; the validation compares other quantities
 *   (the median at the 2013 block size, the 90th percentile).
 * - Regions, node shares, latencies and per-region bandwidths: SimBlock's 2015 parameter set
 *   (Aoki et al., IEEE INFOCOM Workshops 2019; dsg-titech/simblock NetworkConfiguration), the
 *   earliest published per-region Bitcoin measurements, and closer to 2013 than SimBlock's 2019
 *   defaults (docs/references.md §4).
 * - Block size: the Bitcoin chain's mean block size in 2012–2013, roughly 100–200 KB (public
 *   block-size charts; an approximate range), below Bitcoin 0.8's 250 KB default mining limit
 *   (`-blockmaxsize`, Feb 2013); the midpoint, fixed before any comparison.
 * - Nodes: the caller's choice; Bitcoin had a few thousand reachable nodes in 2013 (Donet et al.,
 *   FC 2014 Workshops), and delays grow only with the logarithm of the count.
 * - Outbound peers: 8 (Bitcoin 0.8's MAX_OUTBOUND_CONNECTIONS).
 */
import { categorical, cumulative, Rng, simblockLatency, type HostPlacement, type NetworkConfig } from '../../../sim/index.ts';
import { POW_DEFAULTS, type PowParams } from './params.ts';
import { SIMBLOCK_REGIONS } from './simblock-network.ts';

/** SimBlock's 2015 Bitcoin node shares per region (same region order as docs/references.md §4). */
export const BITCOIN_2015_REGION_SHARES = [0.3869, 0.5159, 0.0113, 0.0574, 0.0119, 0.0166] as const;
/** SimBlock's 2015 mean one-way latency matrix (ms). */
export const BITCOIN_2015_LATENCY_MS = [
  [36, 119, 255, 310, 154, 208],
  [119, 12, 221, 242, 266, 350],
  [255, 221, 137, 347, 256, 269],
  [310, 242, 347, 99, 172, 278],
  [154, 266, 256, 172, 9, 163],
  [208, 350, 269, 278, 163, 22],
] as const;
/** SimBlock's 2015 per-region download and upload bandwidth (bit/s). */
export const BITCOIN_2015_DOWNLOAD_BPS = [25_000_000, 24_000_000, 6_500_000, 10_000_000, 17_500_000, 14_000_000] as const;
export const BITCOIN_2015_UPLOAD_BPS = [4_700_000, 8_100_000, 1_800_000, 5_300_000, 3_400_000, 5_200_000] as const;

/** Mean Bitcoin block size in 2012–2013 (100–200 KB; the midpoint). */
export const BITCOIN_2013_BLOCK_BYTES = 150_000;

/**
 * Verification time per kilobyte of block, per hop (µs/KB). CALIBRATED, not measured: chosen so
 * the simulated median delay grows by D&W's ~80 ms per KB (§5) between 20 KB and 250 KB blocks
 * on this network; `bitcoin-2013-network.test.ts` re-measures the slope.
 */
export const BITCOIN_2013_VERIFY_US_PER_KB = 28_000;

export function bitcoin2013NetworkConfig(): NetworkConfig {
  return {
    regions: [...SIMBLOCK_REGIONS],
    latencyUs: BITCOIN_2015_LATENCY_MS.map((row) => row.map((m) => simblockLatency(m))),
  };
}

/** Regions drawn by the 2015 shares from the 'pow:placement' stream. */
export function bitcoin2013Placements(nodes: number, seed: number): HostPlacement[] {
  const rng = new Rng(seed).stream('pow:placement');
  const cum = cumulative([...BITCOIN_2015_REGION_SHARES]);
  const out: HostPlacement[] = [];
  for (let i = 0; i < nodes; i++) {
    const r = categorical(rng, cum);
    out.push({ region: r, uploadBitsPerSec: BITCOIN_2015_UPLOAD_BPS[r]!, downloadBitsPerSec: BITCOIN_2015_DOWNLOAD_BPS[r]! });
  }
  return out;
}

/**
 * Parameters for blocks of `blockSizeBytes`: whole-block relay, and a verification time
 * proportional to the block's size charged at every hop before it relays (D&W §5).
 */
export function bitcoin2013Params(blockSizeBytes: number = BITCOIN_2013_BLOCK_BYTES, verifyUsPerKB: number = BITCOIN_2013_VERIFY_US_PER_KB): PowParams {
  return {
    ...POW_DEFAULTS,
    blockIntervalUs: 600_000_000,
    blockSizeBytes,
    outboundPeers: 8,
    compactBlockShare: 0,
    compactFailureBytes: blockSizeBytes,
    blockProcessingUs: Math.round((verifyUsPerKB * blockSizeBytes) / 1000),
  };
}
