/**
 * attack.selfish_mining.effective_gamma, .ties and .expected_revenue_share, recounted from what the
 * pool's host saw. A tie is Eyal & Sirer's state 0′ (FC 2014, §3, Algorithm 1): an honest block
 * reaches the pool while the pool's top block, withheld, stands at the same height on the same
 * parent, so the pool publishes it and the two race. The first block above them that the pool then
 * learns of settles the race; one the pool mines itself says nothing about γ. γ is the share of the
 * ties honest blocks settled that they settled on the pool's block.
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import type { PowNetworkSpec } from '../../protocols/pow/network-run.ts';
import { POW_DEFAULTS } from '../../protocols/pow/params.ts';
import type { PowBlock } from '../../protocols/pow/types.ts';
import { runPowAttack } from './run.ts';

const POOL = 0;
const ALPHA = 0.35;

/** 40 nodes with 2 outbound peers each, 100 ms links, 1-minute blocks; the pool has 39 peers. */
function network(observers: PowNetworkSpec['observers']): PowNetworkSpec {
  const nodes = 40;
  return {
    seed: 3,
    network: { regions: ['all'], latencyUs: { kind: 'fixed', value: 100_000 } },
    placements: Array.from({ length: nodes }, () => ({ region: 0, uploadBitsPerSec: 100e6, downloadBitsPerSec: 100e6 })),
    params: { ...POW_DEFAULTS, blockIntervalUs: 60_000_000, blockSizeBytes: 100_000, compactBlockShare: 0, outboundPeers: 2 },
    hashPower: new Float64Array(nodes).fill(1),
    stopAfterHeight: 300,
    maxDurationUs: Number.MAX_SAFE_INTEGER,
    observers,
  };
}

/** The ties the pool raced that an honest block settled, and those settled on the pool's block. */
function recountTies(seen: readonly { readonly mined: boolean; readonly block: PowBlock }[]): { ties: number; wonByPool: number } {
  const poolTopByHeight = new Map<number, PowBlock>();
  let poolTopHeight = -1;
  let tie: PowBlock | null = null;
  let ties = 0, wonByPool = 0;
  for (const { mined, block } of seen) {
    if (mined) {
      if (tie !== null && block.height === tie.height + 1) tie = null;
      poolTopByHeight.set(block.height, block);
      poolTopHeight = block.height;
      continue;
    }
    if (tie !== null && block.height === tie.height + 1) {
      ties++;
      if (block.parent === tie) wonByPool++;
      tie = null;
      continue;
    }
    const rival = poolTopByHeight.get(block.height);
    if (tie === null && rival !== undefined && poolTopHeight === block.height && rival.parent === block.parent) tie = rival;
  }
  return { ties, wonByPool };
}

/** α·(1−α)²·(4α + γ(1−2α)) − α³ over 1 − α(1 + (2−α)α): Eyal & Sirer §4.2, docs/references.md. */
function eyalSirerRevenue(alpha: number, gamma: number): number {
  return (alpha * (1 - alpha) ** 2 * (4 * alpha + gamma * (1 - 2 * alpha)) - alpha ** 3) / (1 - alpha * (1 + (2 - alpha) * alpha));
}

describe('selfish mining ties', () => {
  it('reports the ties honest blocks settled, γ as the share settled on the pool’s block, and R(α, that γ)', () => {
    const events: { host: HostId; kind: string; block: PowBlock }[] = [];
    const observe = (host: HostId, e: ModelEvent) => {
      if (e.kind === 'pow-mined' || e.kind === 'pow-received') events.push({ host, kind: e.kind, block: (e as unknown as { block: PowBlock }).block });
    };
    // Not relaying the rival block while it attacks, the pool wins some ties and loses others.
    const r = runPowAttack(network([observe]), { type: 'selfish-mining', node: POOL, share: ALPHA, outboundPeers: 39, relayRivalBlocks: false });
    const poolHost = r.run.hosts[POOL];
    const seen = events
      .filter((e) => e.host === poolHost && (e.kind === 'pow-mined' || e.block.miner !== POOL))
      .map((e) => ({ mined: e.kind === 'pow-mined', block: e.block }));
    const { ties, wonByPool } = recountTies(seen);
    expect(wonByPool).toBeGreaterThan(0);
    expect(wonByPool).toBeLessThan(ties);
    const m = r.metrics;
    expect(m['attack.selfish_mining.ties']!.value).toBe(ties);
    expect(m['attack.selfish_mining.effective_gamma']!.value).toBe(wonByPool / ties);
    expect(m['attack.selfish_mining.expected_revenue_share']!.value).toBeCloseTo(eyalSirerRevenue(ALPHA, wonByPool / ties), 12);
  });
});
