/**
 * A seed's proof-of-work configuration, inside Nakamoto's fault model (§11): an honest majority of
 * hash power, and an attacker, when there is one, whose chance to rewrite k confirmations, (q/p)^k,
 * is below 10⁻⁶ per attempt, so a finality violation inside the model is a one-in-a-million event,
 * not a bet the fuzzer expects to lose. Blocks come seconds apart against at most a few hundred ms
 * of propagation (Δ ≪ block interval, the regime of Pass, Seeman & shelat 2017). The PoW model
 * checks safety only (src/runner/models/pow.ts). `beyond`: a majority attacker (q > 1/2).
 */
import type { Rng } from '../../sim/index.ts';
import { chance, intIn, logIn, ms, pick } from './draw.ts';

/** Largest attacker share q with (q / (1 − q))^k ≤ 10⁻⁶. */
export function powShareBound(confirmations: number): number {
  const ratio = 10 ** (-6 / confirmations);
  return ratio / (1 + ratio);
}

export interface PowCase {
  readonly consensus: Record<string, unknown>;
  readonly network: Record<string, unknown>;
  readonly attacks: readonly Record<string, unknown>[];
  readonly durationUs: number;
}

export function drawPowCase(rng: Rng, nodes: number, beyond: boolean): PowCase {
  const blockIntervalUs = Math.round(logIn(rng, 5_000_000, 60_000_000) / 1000) * 1000;
  const blocks = intIn(rng, 40, 120);
  const confirmations = intIn(rng, 4, 10);
  const latencyMs = intIn(rng, 5, 200);
  const network = {
    latency: chance(rng, 0.5) ? { kind: 'fixed', value: `${latencyMs}ms` } : { kind: 'lognormal', median: `${latencyMs}ms`, sigma: Math.round(rng.float() * 50) / 100 },
    upload: pick(rng, ['20Mbps', '100Mbps', '1Gbps']),
    download: pick(rng, ['20Mbps', '100Mbps', '1Gbps']),
  };
  const pow = {
    blockInterval: ms(blockIntervalUs),
    blockSize: `${intIn(rng, 10, 200)}KB`,
    confirmations,
    // One outbound link each leaves the peer graph split into parts that never hear each other's
    // blocks (seeds 23, 29, 30, 63 forked for good): a partition for the whole run, outside the model.
    outboundPeers: intIn(rng, Math.max(1, Math.min(3, nodes - 1)), Math.max(1, Math.min(8, nodes - 1))),
    hashPower: chance(rng, 0.5) ? 'equal' : { kind: 'normal', mean: 400000, sd: 100000 },
    blocks,
  };
  const attackerRng = rng.stream('attacker');
  const node = attackerRng.int(nodes);
  let attacks: Record<string, unknown>[] = [];
  if (beyond) {
    attacks = [{ type: 'majority', node, share: Math.round((0.55 + attackerRng.float() * 0.2) * 100) / 100, confirmations }];
  } else if (chance(attackerRng, 0.5)) {
    const share = Math.floor(powShareBound(confirmations) * attackerRng.float() * 1000) / 1000;
    if (share > 0) {
      attacks = [chance(attackerRng, 0.5) ? { type: 'selfish-mining', node, share } : { type: 'double-spend', node, share, confirmations }];
    }
  }
  return {
    consensus: { protocol: 'pow', nodes, pow },
    network,
    attacks,
    // The run stops at `blocks`; the duration only caps a run whose chain grows slower than expected.
    durationUs: blocks * blockIntervalUs * 4,
  };
}
