import { describe, expect, it } from 'vitest';
import type { PowNetworkSpec } from '../../protocols/pow/network-run.ts';
import { POW_DEFAULTS } from '../../protocols/pow/params.ts';
import { rosenfeldDoubleSpend, selfishRevenue } from './closed-forms.ts';
import { runPowAttack } from './run.ts';

/** 40 nodes, 8 outbound peers each, 100 ms links, 1-minute blocks: forks from latency are rare. */
function network(blocks: number, seed: number): PowNetworkSpec {
  const nodes = 40;
  return {
    seed,
    network: { regions: ['all'], latencyUs: { kind: 'fixed', value: 100_000 } },
    placements: Array.from({ length: nodes }, () => ({ region: 0, uploadBitsPerSec: 100e6, downloadBitsPerSec: 100e6 })),
    params: { ...POW_DEFAULTS, blockIntervalUs: 60_000_000, blockSizeBytes: 100_000, compactBlockShare: 0 },
    hashPower: new Float64Array(nodes).fill(1),
    stopAfterHeight: blocks,
    maxDurationUs: Number.MAX_SAFE_INTEGER,
  };
}

describe('PoW attacks on a simulated network', () => {
  it('a selfish pool with α = 0.45 earns more than its share, within R(α, 0)..R(α, 1)', () => {
    const blocks = 1_500;
    const r = runPowAttack(network(blocks, 3), { type: 'selfish-mining', node: 0, share: 0.45 });
    const share = r.metrics['attack.selfish_mining.revenue_share']!.value;
    // At α = 0.45 the share is about twice as noisy as 0.9/√blocks (see race.test.ts).
    const se = (2 * 0.9) / Math.sqrt(blocks);
    expect(share).toBeGreaterThan(0.45 + 3 * se);
    expect(share).toBeGreaterThan(selfishRevenue(0.45, 0) - 3 * se);
    expect(share).toBeLessThan(selfishRevenue(0.45, 1) + 3 * se);
    expect(r.truth.of('host', 0)[0]?.role).toBe('selfish-pool');
    // Against the closed form at the γ this network realised in the ties it raced.
    expect(r.metrics['attack.selfish_mining.ties']!.value).toBeGreaterThan(50);
    expect(Math.abs(share - r.metrics['attack.selfish_mining.expected_revenue_share']!.value)).toBeLessThan(3 * se);
  });

  it('a selfish pool mines honestly outside its window (start after the run: revenue ≈ share)', () => {
    const blocks = 1_500;
    const r = runPowAttack(network(blocks, 3), { type: 'selfish-mining', node: 0, share: 0.45, startUs: Number.MAX_SAFE_INTEGER });
    const share = r.metrics['attack.selfish_mining.revenue_share']!.value;
    expect(Math.abs(share - 0.45)).toBeLessThan(3 * Math.sqrt((0.45 * 0.55) / blocks));
  });

  it('a double spender with q = 0.3 against z = 2 succeeds about as often as Rosenfeld says', () => {
    const r = runPowAttack(network(3_000, 5), { type: 'double-spend', node: 0, share: 0.3, confirmations: 2 });
    const attempts = r.metrics['attack.double_spend.attempts']!.value;
    const rate = r.metrics['attack.double_spend.success_rate']!.value;
    const p = rosenfeldDoubleSpend(0.3, 2);
    expect(attempts).toBeGreaterThan(50);
    expect(Math.abs(rate - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / attempts));
    expect(r.truth.all('tx', 'double-spent').length).toBe(r.metrics['attack.double_spend.successes']!.value);
  });

  it('a majority attacker rewrites k-deep blocks, and honest nodes report the broken finality', () => {
    const r = runPowAttack(network(200, 7), { type: 'majority', node: 0, share: 0.6 });
    expect(r.metrics['attack.majority.success_rate']!.value).toBe(1);
    expect(r.metrics['pow.finality_violations']!.value).toBeGreaterThan(0);
  });

  it('leaves finality intact without an attacker worth the name (q = 0.05, z = 6)', () => {
    const r = runPowAttack(network(300, 9), { type: 'double-spend', node: 0, share: 0.05, confirmations: 6 });
    expect(r.metrics['pow.finality_violations']!.value).toBe(0);
  });
});
