/**
 * Proof-of-work entries on SimBlock's network (docs/references.md §4), 100 blocks each: 600 nodes
 * (scenarios/pow.yaml; SimBlock itself takes 1.2–2.4 s and 200 MB) and SimBlock's reference size
 * of 6,000 nodes (scenarios/simblock.yaml; SimBlock takes 17–32 s and 640 MB; the target is ≤ 10 s
 * and ≤ 500 MB).
 */
import { scenarioEntry } from './scenario-entry.ts';

export const pow600Entry = scenarioEntry({
  name: 'pow.nodes600_blocks100',
  description: 'Nakamoto PoW, 600 nodes, 100 blocks on the SimBlock network (scenarios/pow.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/pow.yaml',
});

export const simblockEntry = scenarioEntry({
  name: 'pow.simblock_nodes6000_blocks100',
  description: 'SimBlock reference network: 6,000 PoW nodes, 100 blocks (scenarios/simblock.yaml)',
  suites: ['full'],
  scenarioFile: 'scenarios/simblock.yaml',
});
