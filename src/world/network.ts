/**
 * From the scenario's `network:` section to the engine's NetworkConfig, and deterministic host
 * placement over regions. Latencies arrive in µs already (converted at load time).
 */
import type { DistributionSpec, HostPlacement, NetworkConfig } from '../../sim/index.ts';
import { queueLimitUs, SIMBLOCK_PARETO_OFFSET_US, type LatencySpec, type NetworkSection } from '../scenario/sections/network.ts';

/** A scenario latency (µs) as an engine distribution (µs). */
export function latencyDistribution(spec: LatencySpec): DistributionSpec {
  switch (spec.kind) {
    case 'fixed': return { kind: 'fixed', value: spec.value };
    case 'uniform': return { kind: 'uniform', min: spec.min, max: spec.max };
    case 'exponential': return spec.shift === undefined ? { kind: 'exponential', mean: spec.mean } : { kind: 'exponential', mean: spec.mean, shift: spec.shift };
    case 'normal': return { kind: 'normal', mean: spec.mean, sd: spec.sd, min: spec.min ?? 0 };
    // The schema keeps the median positive and the mean above the offset (zLatency).
    case 'lognormal': return { kind: 'lognormal', mu: Math.log(spec.median), sigma: spec.sigma };
    case 'pareto-simblock': {
      // SimBlock (Aoki et al. 2019): Pareto with shape 0.2·mean and scale mean − 5, both in ms.
      const meanMs = spec.mean / 1000;
      return { kind: 'pareto', shape: 0.2 * meanMs, scale: (meanMs - SIMBLOCK_PARETO_OFFSET_US / 1000) * 1000 };
    }
    case 'pareto': return { kind: 'pareto', shape: spec.shape, scale: spec.scale };
    case 'empirical': return { kind: 'empirical', values: spec.values };
  }
}

export function networkConfig(section: NetworkSection): NetworkConfig {
  const lat = section.latency;
  // The schema (zNetwork) keeps every per-region list as long as network.regions.
  if (Array.isArray(lat)) {
    return {
      regions: section.regions,
      latencyUs: lat.map((row) => row.map((s) => latencyDistribution(s))),
      lossProbability: section.loss,
      receiveQueueing: section.receiveQueueing,
      queueLimitUs: queueLimitUs(section.queueLimit),
    };
  }
  return {
    regions: section.regions,
    latencyUs: latencyDistribution(lat),
    lossProbability: section.loss,
    receiveQueueing: section.receiveQueueing,
    queueLimitUs: queueLimitUs(section.queueLimit),
  };
}

/**
 * Region of host `index` of a group of `count`: round robin over the regions, or, given shares,
 * blocks sized by largest remainder (so 0.5/0.3/0.2 over 10 hosts gives 5, 3 and 2).
 */
export function regionOf(index: number, count: number, regionCount: number, shares?: readonly number[]): number {
  if (shares === undefined) return index % regionCount;
  const total = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (s / total) * count);
  const sizes = exact.map(Math.floor);
  let left = count - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    sizes[i]! += 1;
  }
  let acc = 0;
  for (let r = 0; r < sizes.length; r++) {
    acc += sizes[r]!;
    if (index < acc) return r;
  }
  return sizes.length - 1;
}

/** Placement of host `index` of a group of `count` hosts. */
export function placement(section: NetworkSection, index: number, count: number): HostPlacement {
  // Shares and per-region bandwidths are as long as network.regions (checked at load, zNetwork).
  const region = regionOf(index, count, section.regions.length, section.regionShares);
  return {
    region,
    uploadBitsPerSec: perRegion(section.upload, region),
    downloadBitsPerSec: perRegion(section.download, region),
  };
}

/** A bandwidth given once for all hosts or once per region. */
function perRegion(value: number | readonly number[], region: number): number {
  if (!Array.isArray(value)) return value as number;
  return value[region]!;
}
