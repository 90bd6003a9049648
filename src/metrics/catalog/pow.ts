/** Metrics of Nakamoto proof-of-work (src/protocols/pow) and its attacks (src/attacks/pow). */
import type { CatalogMetricDoc } from './types.ts';

export const POW_METRIC_DOCS: readonly CatalogMetricDoc[] = [
  // Neither way: set by the mining rate and the run's length.
  { name: 'pow.blocks', unit: 'blocks', better: 'neither', meaning: 'blocks on the main chain at the end (the mined block with most work, back to genesis)' },
  // Neither way: set by the mining rate and the run's length.
  { name: 'pow.blocks_mined', unit: 'blocks', better: 'neither', meaning: 'blocks mined by anyone, main chain or not' },
  { name: 'pow.stale_blocks', unit: 'blocks', better: 'lower', meaning: 'mined blocks not on the final main chain' },
  { name: 'pow.stale_rate', unit: 'ratio', better: 'lower', meaning: 'stale blocks ÷ blocks mined (Gervais et al. 2016)' },
  { name: 'pow.block_propagation_ms.p50', unit: 'ms', better: 'lower', meaning: 'mean over blocks of the time from mining until 50 % of nodes, the miner included, have received the block itself (not as a missing parent fetched later), as SimBlock measures it, over the blocks that reached 50 %' },
  { name: 'pow.block_propagation_ms.p90', unit: 'ms', better: 'lower', meaning: 'the same until 90 % of nodes have received it, over the blocks that reached 90 %: each mean covers the blocks that reached its share, so where blocks reach half the nodes and no more (withheld or orphaned: selfish-mining.yaml) p50 can exceed p90; a withheld block\'s propagation counts from its mining' },
  { name: 'pow.time_to_finality_ms', unit: 'ms', better: 'lower', meaning: 'mean time from mining a block to its commit (k confirmations) at a node, over all commits' },
  // Neither way: set by the difficulty, a protocol parameter, not an outcome.
  { name: 'pow.block_interval_s', unit: 's', better: 'neither', meaning: 'mean interval between consecutive main-chain blocks from genesis: the last one\'s mining time ÷ main-chain blocks' },
  { name: 'pow.reorgs', unit: 'count', better: 'lower', meaning: 'head switches to another branch, summed over nodes' },
  { name: 'pow.max_reorg_depth', unit: 'blocks', better: 'lower', meaning: 'most blocks any node removed from its chain in one reorganisation' },
  { name: 'pow.finality_violations', unit: 'blocks', better: 'lower', meaning: 'committed (k-deep) blocks that left a node’s chain, summed over nodes: broken finality' },
  { name: 'pow.throughput_tps', unit: 'tx/s', better: 'higher', meaning: 'transactions in main-chain blocks that are k-deep at the end, per simulated second (blocks are full)' },
  // Neither way: α, an input of the attack.
  { name: 'attack.selfish_mining.hash_share', unit: 'ratio', better: 'neither', meaning: 'α: the selfish pool’s share of all hash power' },
  // Lower is better: what the selfish pool earned, the honest miners lost.
  { name: 'attack.selfish_mining.revenue_share', unit: 'ratio', better: 'lower', meaning: 'pool blocks on the main chain ÷ main-chain blocks (Eyal & Sirer 2014)' },
  // Lower is better: the pool's profit from deviating, the attack's success.
  { name: 'attack.selfish_mining.gain', unit: 'ratio', better: 'lower', meaning: 'revenue share − hash share: > 0 means selfish mining paid' },
  // Lower is better: the share of ties the network settled in the pool's favour.
  { name: 'attack.selfish_mining.effective_gamma', unit: 'ratio', better: 'lower', meaning: 'γ as the network realised it: of the ties the pool raced that an honest block settled, the share settled on the pool’s block' },
  // Neither way: the sample size behind effective_gamma.
  { name: 'attack.selfish_mining.ties', unit: 'count', better: 'neither', meaning: 'ties (Eyal & Sirer state 0′) settled by an honest block: the sample behind effective_gamma' },
  // Neither way: a reference computed from α and γ, not an outcome.
  { name: 'attack.selfish_mining.expected_revenue_share', unit: 'ratio', better: 'neither', meaning: 'R(α, effective γ), Eyal & Sirer’s closed form at the realised γ (latency-free, so a reference, not an exact prediction)' },
  // Neither way: a constant, 1/3, for reference.
  { name: 'attack.selfish_mining.threshold_gamma0', unit: 'ratio', better: 'neither', meaning: 'the profitability threshold at γ = 0, 1/3, for reference' },
  ...['double_spend', 'majority'].flatMap((a): CatalogMetricDoc[] => [
    // Neither way: the attacker's own tries.
    { name: `attack.${a}.attempts`, unit: 'count', better: 'neither', meaning: 'attempts that ended (released or abandoned) during the run' },
    // Neither way: the attacker's own acts.
    { name: `attack.${a}.released`, unit: 'count', better: 'neither', meaning: 'attempts in which the attacker released its fork after the merchant shipped' },
    { name: `attack.${a}.successes`, unit: 'count', better: 'lower', meaning: 'attempts whose fork ended on the main chain: the payment was reversed' },
    { name: `attack.${a}.success_rate`, unit: 'ratio', better: 'lower', meaning: 'successes ÷ attempts (Rosenfeld 2014 for a minority attacker)' },
  ]),
];
