/**
 * The proof-of-work network against the closed-form stale rate 1 − e^{−d/T} (Gervais et al., CCS
 * 2016; src/attacks/pow/closed-forms.ts), on a network whose every delay is known.
 */
import { describe, expect, it } from 'vitest';
import { runPowNetwork } from '../../protocols/pow/network-run.ts';
import { fixedDelaySpec } from '../../protocols/testing/pow-network.ts';
import { staleRateFixedDelay } from './closed-forms.ts';

describe('Nakamoto PoW network', () => {
  it('has a stale rate near 1 − e^{−d/T} when every block takes a fixed d to reach everyone', () => {
    // Full mesh, fixed one-way delay δ, free links: a block reaches every node after
    // inv + getdata + block = 3δ. d/T = 0.1; 3,000 blocks give a binomial SE of about 0.005.
    const nodes = 20, deltaUs = 2_000_000, intervalUs = 60_000_000, blocks = 3_000;
    const r = runPowNetwork(fixedDelaySpec(nodes, deltaUs, { outboundPeers: nodes - 1, blockIntervalUs: intervalUs }, blocks, 2));
    const mined = r.metrics['pow.blocks_mined']!.value;
    const stale = r.metrics['pow.stale_rate']!.value;
    // Only the other miners' hash power ((n−1)/n of it) can fork the block during d.
    const expected = staleRateFixedDelay((3 * deltaUs * (nodes - 1)) / nodes, intervalUs);
    expect(Math.abs(stale - expected)).toBeLessThan(3 * Math.sqrt((expected * (1 - expected)) / mined));
  });
});
