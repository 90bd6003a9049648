/**
 * Proof-of-work attacks on a simulated network: put an attacker actor on one designated node,
 * give it the requested share of the hash power, run, and judge the outcome against ground truth
 * (which host attacked, from when; what it mined; which of its attempts the network adopted).
 */
import type { Metrics } from '../../metrics/types.ts';
import { mapPrepared, runPrepared, type PreparedRun } from '../../../sim/index.ts';
import { preparePowNetwork, type PowNetworkSpec, type PowRunResult } from '../../protocols/pow/network-run.ts';
import { GroundTruth } from '../ground-truth.ts';
import { selfishRevenue, selfishThreshold } from './closed-forms.ts';
import { DoubleSpendNode } from './double-spend-node.ts';
import { defaultGiveUpDeficit } from './race.ts';
import { SelfishMinerNode } from './selfish-node.ts';
import type { WithholdingMiner } from './withholding-miner.ts';

export type PowAttackSpec =
  | {
      readonly type: 'selfish-mining';
      /** Node index of the pool. */
      readonly node: number;
      /** α: the pool's share of all hash power. */
      readonly share: number;
      /** The pool's outbound connections (more → it wins more ties, a higher effective γ). */
      readonly outboundPeers?: number;
      /** Whether it relays other miners' blocks while attacking (default true, as honest nodes do). */
      readonly relayRivalBlocks?: boolean;
      /** Withholding window, µs; honest mining outside it. Default: the whole run. */
      readonly startUs?: number;
      readonly endUs?: number;
    }
  | {
      readonly type: 'double-spend' | 'majority';
      readonly node: number;
      /** q: the attacker's share of all hash power. */
      readonly share: number;
      /** z: confirmations the merchant waits for (majority: defaults to the network's k). */
      readonly confirmations?: number;
      /** Give up when this far behind (default: (q/p)^d < 1e-9; never for a majority). */
      readonly giveUpDeficit?: number;
      readonly outboundPeers?: number;
      readonly relayRivalBlocks?: boolean;
      readonly startUs?: number;
      readonly endUs?: number;
    };

export interface PowAttackResult {
  readonly run: PowRunResult;
  readonly metrics: Metrics;
  readonly truth: GroundTruth;
}

export function runPowAttack(spec: PowNetworkSpec, attack: PowAttackSpec): PowAttackResult {
  return runPrepared(preparePowAttack(spec, attack));
}

/** The network with its attacker built, ready to run; `finish` judges the outcome. */
export function preparePowAttack(spec: PowNetworkSpec, attack: PowAttackSpec): PreparedRun<PowAttackResult> {
  const n = spec.placements.length;
  if (!(Number.isInteger(attack.node) && attack.node >= 0 && attack.node < n)) {
    throw new RangeError(`attack node: expected an index in 0..${n - 1}, found ${attack.node}`);
  }
  if (!(attack.share > 0 && attack.share < 1)) throw new RangeError(`attack share: expected a number in (0, 1), found ${attack.share}`);
  // Scale the attacker's power so that it holds exactly `share` of the total.
  const power = Float64Array.from(spec.hashPower as ArrayLike<number>);
  let honest = 0;
  for (let i = 0; i < n; i++) if (i !== attack.node) honest += power[i]!;
  power[attack.node] = (attack.share / (1 - attack.share)) * honest;

  let attacker: WithholdingMiner | undefined;
  const window = { startUs: attack.startUs ?? 0, endUs: attack.endUs ?? Infinity, relayRivalBlocks: attack.relayRivalBlocks ?? true };
  const outbound = attack.outboundPeers ?? spec.params.outboundPeers;
  const confirmations = attack.type === 'selfish-mining' ? 0 : (attack.confirmations ?? spec.params.confirmations);
  const network = preparePowNetwork({
    ...spec,
    hashPower: power,
    nodeFactory: (i, ctx, options) => {
      if (i !== attack.node) return undefined;
      attacker =
        attack.type === 'selfish-mining'
          ? new SelfishMinerNode(ctx, options, outbound, window)
          : new DoubleSpendNode(ctx, options, {
              confirmations,
              giveUpDeficit: attack.giveUpDeficit ?? (attack.type === 'majority' ? Infinity : defaultGiveUpDeficit(attack.share)),
              outboundPeers: outbound,
              window,
            });
      return attacker;
    },
  });
  return mapPrepared(network, (run) => judge(run, attack, attacker!, window));
}

/** Judge the run against ground truth: what the attacker mined, which of its attempts the network adopted. */
function judge(run: PowRunResult, attack: PowAttackSpec, a: WithholdingMiner, window: { readonly startUs: number; readonly endUs: number }): PowAttackResult {
  const truth = new GroundTruth();
  truth.label('host', run.hosts[attack.node]!, attack.type, attack.type === 'selfish-mining' ? 'selfish-pool' : 'double-spender', window.startUs, window.endUs);
  const main = run.collector.mainChain();
  const onMain = new Set(main.map((b) => b.hash));
  const metrics: Record<string, { unit: string; value: number }> = { ...run.metrics };
  if (attack.type === 'selfish-mining') {
    let pool = 0;
    for (const b of main) if (b.miner === attack.node) pool++;
    const share = main.length > 0 ? pool / main.length : 0;
    metrics['attack.selfish_mining.hash_share'] = { unit: 'ratio', value: attack.share };
    metrics['attack.selfish_mining.revenue_share'] = { unit: 'ratio', value: share };
    metrics['attack.selfish_mining.gain'] = { unit: 'ratio', value: share - attack.share };
    metrics['attack.selfish_mining.threshold_gamma0'] = { unit: 'ratio', value: selfishThreshold(0) };
    // γ as this network realised it, and Eyal & Sirer's revenue for that γ, to compare with.
    const gamma = (a as SelfishMinerNode).effectiveGamma;
    metrics['attack.selfish_mining.effective_gamma'] = { unit: 'ratio', value: gamma };
    metrics['attack.selfish_mining.ties'] = { unit: 'count', value: (a as SelfishMinerNode).tiesWonByHonestOnPool + (a as SelfishMinerNode).tiesLostToHonest };
    metrics['attack.selfish_mining.expected_revenue_share'] = { unit: 'ratio', value: attack.share < 0.5 && gamma === gamma ? selfishRevenue(attack.share, gamma) : NaN };
    for (const b of a.minedBlocks) truth.label('message', b.hash, attack.type, onMain.has(b.hash) ? 'pool-block-main' : 'pool-block-stale', b.timestampUs);
  } else {
    const ds = a as DoubleSpendNode;
    let finished = 0, successes = 0, released = 0;
    for (const t of ds.attempts) {
      if (t.outcome === 'open') continue;
      finished++;
      if (t.outcome === 'released') released++;
      const reversed = t.outcome === 'released' && onMain.has(t.firstBlock.hash);
      if (reversed) successes++;
      truth.label('tx', `payment@${t.paymentUs}`, attack.type, reversed ? 'double-spent' : 'payment-held', t.paymentUs, t.endUs);
    }
    const prefix = attack.type === 'majority' ? 'attack.majority' : 'attack.double_spend';
    metrics[`${prefix}.attempts`] = { unit: 'count', value: finished };
    metrics[`${prefix}.released`] = { unit: 'count', value: released };
    metrics[`${prefix}.successes`] = { unit: 'count', value: successes };
    metrics[`${prefix}.success_rate`] = { unit: 'ratio', value: finished > 0 ? successes / finished : NaN };
  }
  metrics['attack.labels'] = { unit: 'count', value: truth.size };
  return { run, metrics, truth };
}
