import { describe, expect, it } from 'vitest';
import type { CommitEvent } from '../types.ts';
import { fixedDelaySpec } from '../testing/pow-network.ts';
import { runPowNetwork, type PowNetworkSpec } from './network-run.ts';
import { SIMBLOCK_PARAMS, normalHashPower, simblockNetworkConfig, simblockPlacements } from './simblock-network.ts';

function simblockSpec(nodes: number, seed: number, blocks: number): PowNetworkSpec {
  return {
    seed,
    network: simblockNetworkConfig(),
    placements: simblockPlacements(nodes, seed),
    params: SIMBLOCK_PARAMS,
    hashPower: normalHashPower(nodes, seed, 400_000, 100_000),
    stopAfterHeight: blocks,
    maxDurationUs: Number.MAX_SAFE_INTEGER,
  };
}

describe('Nakamoto PoW network', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = runPowNetwork(simblockSpec(120, 4, 15));
    const b = runPowNetwork(simblockSpec(120, 4, 15));
    const c = runPowNetwork(simblockSpec(120, 5, 15));
    expect(a.engine.traceHash()).toBe(b.engine.traceHash());
    expect(a.metrics).toEqual(b.metrics);
    expect(c.engine.traceHash()).not.toBe(a.engine.traceHash());
  });

  it('commits each height once, in order, k blocks deep, the same block on every node', () => {
    const k = 3;
    const spec = fixedDelaySpec(12, 50_000, { confirmations: k, outboundPeers: 3, blockIntervalUs: 2_000_000 }, 60, 7);
    const commits = new Map<number, number[]>();
    const byHeight = new Map<number, string>();
    let conflicts = 0;
    const r = runPowNetwork({ ...spec, observers: [(host, e) => {
      if (e.kind !== 'commit') return;
      const block = (e as CommitEvent).block;
      const list = commits.get(host) ?? [];
      list.push(block.height);
      commits.set(host, list);
      const seen = byHeight.get(block.height);
      if (seen === undefined) byHeight.set(block.height, block.hash);
      else if (seen !== block.hash) conflicts++;
    }] });
    expect(conflicts).toBe(0);
    expect(r.metrics['pow.finality_violations']!.value).toBe(0);
    const final = r.metrics['pow.blocks']!.value - k + 1;
    for (const heights of commits.values()) {
      expect(heights).toEqual(Array.from({ length: heights.length }, (_, i) => i + 1));
      expect(heights.length).toBeGreaterThanOrEqual(final - 2);
    }
  });

  it('propagates big blocks more slowly than small ones (Decker & Wattenhofer 2013)', () => {
    const small = runPowNetwork({ ...simblockSpec(300, 3, 10), params: { ...SIMBLOCK_PARAMS, compactBlockShare: 0, blockSizeBytes: 20_000 } });
    const big = runPowNetwork({ ...simblockSpec(300, 3, 10), params: { ...SIMBLOCK_PARAMS, compactBlockShare: 0, blockSizeBytes: 2_000_000 } });
    expect(big.metrics['pow.block_propagation_ms.p50']!.value).toBeGreaterThan(2 * small.metrics['pow.block_propagation_ms.p50']!.value);
  });

  it("serves SimBlock's way when asked: the second requester waits until the first transfer has arrived", () => {
    const d = 50_000, control = 10_000, processing = 2_000;
    // Three nodes, each linked to both others, free links: only latencies, delays and processing count.
    const spec = fixedDelaySpec(3, d, { outboundPeers: 2, controlMessageDelayUs: control, blockProcessingUs: processing, blockIntervalUs: 600_000_000 }, 10, 1);
    const p90Ms = (blockServing: 'concurrent' | 'sequential') =>
      runPowNetwork({ ...spec, params: { ...spec.params, blockServing } }).metrics['pow.block_propagation_ms.p90']!.value;
    // inv and getdata take control + d each; then both blocks leave at once and take d ...
    expect(p90Ms('concurrent')).toBeCloseTo((2 * control + 3 * d) / 1000, 9);
    // ... or one after the other, each taking the sender's processing and its latency.
    expect(p90Ms('sequential')).toBeCloseTo((2 * control + 2 * d + 2 * (processing + d)) / 1000, 9);
  });
});
