/** Metrics of proof-of-authority with Clique's rules (src/protocols/poa, EIP-225). */
import type { CatalogMetricDoc } from './types.ts';

export const POA_METRIC_DOCS: readonly CatalogMetricDoc[] = [
  // Neither way: set by the block period and the run's length.
  { name: 'poa.blocks', unit: 'blocks', better: 'neither', meaning: 'blocks on the canonical chain (greatest total difficulty) at the end' },
  // Neither way: set by the block period and the run's length.
  { name: 'poa.blocks_sealed', unit: 'blocks', better: 'neither', meaning: 'blocks sealed by any signer, canonical or not' },
  { name: 'poa.stale_blocks', unit: 'blocks', better: 'lower', meaning: 'sealed blocks not on the final canonical chain' },
  { name: 'poa.stale_rate', unit: 'ratio', better: 'lower', meaning: 'stale blocks ÷ blocks sealed' },
  { name: 'poa.fork_rate', unit: 'ratio', better: 'lower', meaning: 'canonical heights at which more than one block was sealed ÷ canonical blocks' },
  // Higher is better: an out-of-turn block means the in-turn signer was late or absent, and invites forks.
  { name: 'poa.in_turn_ratio', unit: 'ratio', better: 'higher', meaning: 'canonical blocks sealed by the in-turn signer (difficulty 2) ÷ canonical blocks' },
  // Neither way: set by the block period, a protocol parameter, not an outcome.
  { name: 'poa.block_interval_s', unit: 's', better: 'neither', meaning: 'mean interval between consecutive canonical blocks from genesis: the last one\'s sealing time ÷ canonical blocks' },
  { name: 'poa.reorgs', unit: 'count', better: 'lower', meaning: 'head switches to another branch, summed over signers' },
  { name: 'poa.max_reorg_depth', unit: 'blocks', better: 'lower', meaning: 'most blocks any signer removed from its chain in one reorganisation' },
  { name: 'poa.finality_violations', unit: 'blocks', better: 'lower', meaning: 'committed blocks (past the confirmation depth) that left a signer’s chain, summed over signers' },
];
