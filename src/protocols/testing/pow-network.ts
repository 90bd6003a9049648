/**
 * A proof-of-work network for tests whose every delay is known: a full mesh of free links with a
 * fixed one-way delay and equal hash power, so results can be set against closed forms.
 */
import type { HostPlacement } from '../../../sim/index.ts';
import type { PowNetworkSpec } from '../pow/network-run.ts';
import { POW_DEFAULTS, type PowParams } from '../pow/params.ts';

const FREE_LINK: HostPlacement = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };

export function fixedDelaySpec(nodes: number, delayUs: number, params: Partial<PowParams>, blocks: number, seed: number): PowNetworkSpec {
  return {
    seed,
    network: { regions: ['all'], latencyUs: { kind: 'fixed', value: delayUs } },
    placements: Array.from({ length: nodes }, () => FREE_LINK),
    params: { ...POW_DEFAULTS, compactBlockShare: 0, blockProcessingUs: 0, ...params },
    hashPower: new Float64Array(nodes).fill(1),
    stopAfterHeight: blocks,
    maxDurationUs: Number.MAX_SAFE_INTEGER,
  };
}
