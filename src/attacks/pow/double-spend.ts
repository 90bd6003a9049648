/** The double-spend race (Rosenfeld 2014) by one PoW node: the miner of src/attacks/pow/double-spend-node.ts. */
import { z } from 'zod';
import { defineAttack } from '../definition.ts';
import { param } from '../params.ts';
import { ATTACKER_FIELDS, ATTACKER_WINDOW, attackerOf, checkAttackerNode } from './attacker-fields.ts';

export const doubleSpend = defineAttack({
  type: 'double-spend',
  title: 'Double-spend race (Rosenfeld 2014)',
  category: 'pow',
  targets: 'one PoW node',
  model: 'pre-mines one block, pays, mines a private fork; releases it once the merchant shipped after z confirmations and the fork is longer; gives up when hopelessly behind',
  paramsSchema: z.object({
    ...ATTACKER_FIELDS,
    confirmations: param(z.number().int().min(1).default(6), 'Z: confirmations the merchant waits for.', 'integer'),
    giveUpDeficit: param(z.number().int().min(1).optional(), 'Blocks behind at which the attacker abandons an attempt.', 'integer', 'where (q/p)^d < 1e-9'),
  }),
  windowMeanings: ATTACKER_WINDOW,
  outcomes: ['attack.double_spend.success_rate', 'attack.double_spend.attempts', 'pow.finality_violations'],
  checkTargets: checkAttackerNode,
  powAttack: (spec) => ({
    type: 'double-spend',
    ...attackerOf(spec),
    confirmations: spec.confirmations,
    ...(spec.giveUpDeficit === undefined ? {} : { giveUpDeficit: spec.giveUpDeficit }),
  }),
});
