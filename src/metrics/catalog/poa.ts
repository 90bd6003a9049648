/** Metrics of proof-of-authority with Clique's rules (src/protocols/poa, EIP-225). */
import type { MetricDoc } from './types.ts';

export const POA_METRIC_DOCS: readonly MetricDoc[] = [
  { name: 'poa.blocks', unit: 'blocks', meaning: 'blocks on the canonical chain (greatest total difficulty) at the end' },
  { name: 'poa.blocks_sealed', unit: 'blocks', meaning: 'blocks sealed by any signer, canonical or not' },
  { name: 'poa.stale_blocks', unit: 'blocks', meaning: 'sealed blocks not on the final canonical chain' },
  { name: 'poa.stale_rate', unit: 'ratio', meaning: 'stale blocks ÷ blocks sealed' },
  { name: 'poa.fork_rate', unit: 'ratio', meaning: 'canonical heights at which more than one block was sealed ÷ canonical blocks' },
  { name: 'poa.in_turn_ratio', unit: 'ratio', meaning: 'canonical blocks sealed by the in-turn signer (difficulty 2) ÷ canonical blocks' },
  { name: 'poa.block_interval_s', unit: 's', meaning: 'simulated time ÷ canonical blocks' },
  { name: 'poa.reorgs', unit: 'count', meaning: 'head switches to another branch, summed over signers' },
  { name: 'poa.max_reorg_depth', unit: 'blocks', meaning: 'most blocks any signer removed from its chain in one reorganisation' },
  { name: 'poa.finality_violations', unit: 'blocks', meaning: 'committed blocks (past the confirmation depth) that left a signer’s chain, summed over signers' },
];
