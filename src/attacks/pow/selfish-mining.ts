/** Selfish mining (Eyal & Sirer 2014) by one PoW node: the miner of src/attacks/pow/selfish-node.ts. */
import { z } from 'zod';
import { defineAttack } from '../definition.ts';
import { ATTACKER_FIELDS, ATTACKER_WINDOW, attackerOf, checkAttackerNode } from './attacker-fields.ts';

export const selfishMining = defineAttack({
  type: 'selfish-mining',
  title: 'Selfish mining (Eyal & Sirer 2014)',
  category: 'pow',
  targets: 'one PoW node',
  model: 'alternative miner on the node runs Algorithm 1: withholds blocks, publishes to match or override the public chain; γ comes from network position',
  paramsSchema: z.object({ ...ATTACKER_FIELDS }),
  windowMeanings: ATTACKER_WINDOW,
  outcomes: ['attack.selfish_mining.revenue_share', 'attack.selfish_mining.gain', 'pow.stale_rate'],
  checkTargets: checkAttackerNode,
  powAttack: (spec) => ({ type: 'selfish-mining', ...attackerOf(spec) }),
});
