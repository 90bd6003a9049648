/** Metrics of Nakamoto proof-of-work (src/protocols/pow) and its attacks (src/attacks/pow). */
import type { MetricDoc } from './types.ts';

export const POW_METRIC_DOCS: readonly MetricDoc[] = [
  { name: 'pow.blocks', unit: 'blocks', meaning: 'blocks on the main chain at the end (the mined block with most work, back to genesis)' },
  { name: 'pow.blocks_mined', unit: 'blocks', meaning: 'blocks mined by anyone, main chain or not' },
  { name: 'pow.stale_blocks', unit: 'blocks', meaning: 'mined blocks not on the final main chain' },
  { name: 'pow.stale_rate', unit: 'ratio', meaning: 'stale blocks ÷ blocks mined (Gervais et al. 2016)' },
  { name: 'pow.block_propagation_ms.p50', unit: 'ms', meaning: 'mean over blocks of the time from mining until 50 % of nodes, the miner included, have received the block itself (not as a missing parent fetched later), as SimBlock measures it' },
  { name: 'pow.block_propagation_ms.p90', unit: 'ms', meaning: 'the same until 90 % of nodes have received it' },
  { name: 'pow.time_to_finality_ms', unit: 'ms', meaning: 'mean time from mining a block to its commit (k confirmations) at a node, over all commits' },
  { name: 'pow.block_interval_s', unit: 's', meaning: 'simulated time ÷ main-chain blocks' },
  { name: 'pow.reorgs', unit: 'count', meaning: 'head switches to another branch, summed over nodes' },
  { name: 'pow.max_reorg_depth', unit: 'blocks', meaning: 'most blocks any node removed from its chain in one reorganisation' },
  { name: 'pow.finality_violations', unit: 'blocks', meaning: 'committed (k-deep) blocks that left a node’s chain, summed over nodes: broken finality' },
  { name: 'pow.throughput_tps', unit: 'tx/s', meaning: 'transactions in main-chain blocks that are k-deep at the end, per simulated second (blocks are full)' },
  { name: 'attack.selfish_mining.hash_share', unit: 'ratio', meaning: 'α: the selfish pool’s share of all hash power' },
  { name: 'attack.selfish_mining.revenue_share', unit: 'ratio', meaning: 'pool blocks on the main chain ÷ main-chain blocks (Eyal & Sirer 2014)' },
  { name: 'attack.selfish_mining.gain', unit: 'ratio', meaning: 'revenue share − hash share: > 0 means selfish mining paid' },
  { name: 'attack.selfish_mining.effective_gamma', unit: 'ratio', meaning: 'γ as the network realised it: of the ties the pool raced that an honest block settled, the share settled on the pool’s block' },
  { name: 'attack.selfish_mining.ties', unit: 'count', meaning: 'ties (Eyal & Sirer state 0′) settled by an honest block: the sample behind effective_gamma' },
  { name: 'attack.selfish_mining.expected_revenue_share', unit: 'ratio', meaning: 'R(α, effective γ), Eyal & Sirer’s closed form at the realised γ (latency-free, so a reference, not an exact prediction)' },
  { name: 'attack.selfish_mining.threshold_gamma0', unit: 'ratio', meaning: 'the profitability threshold at γ = 0, 1/3, for reference' },
  ...['double_spend', 'majority'].flatMap((a): MetricDoc[] => [
    { name: `attack.${a}.attempts`, unit: 'count', meaning: 'attempts that ended (released or abandoned) during the run' },
    { name: `attack.${a}.released`, unit: 'count', meaning: 'attempts in which the attacker released its fork after the merchant shipped' },
    { name: `attack.${a}.successes`, unit: 'count', meaning: 'attempts whose fork ended on the main chain: the payment was reversed' },
    { name: `attack.${a}.success_rate`, unit: 'ratio', meaning: 'successes ÷ attempts (Rosenfeld 2014 for a minority attacker)' },
  ]),
];
