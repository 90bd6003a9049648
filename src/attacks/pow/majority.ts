/** A majority (51 %) attacker: the double-spend race with q > 1/2 and no giving up. */
import { z } from 'zod';
import { defineAttack } from '../definition.ts';
import { param } from '../params.ts';
import { ATTACKER_FIELDS, ATTACKER_WINDOW, attackerOf, checkAttackerNode } from './attacker-fields.ts';

export const majority = defineAttack({
  type: 'majority',
  title: 'Majority (51 %) attacker',
  category: 'pow',
  targets: 'one PoW node',
  model: 'the double-spend race with q > 1/2 and no giving up, not even after a release that honest blocks in flight overtook (it races on with its fork until honest miners build on it): it always overtakes and rewrites blocks honest nodes had committed',
  paramsSchema: z.object({
    ...ATTACKER_FIELDS,
    share: param(z.number().gt(0.5).lt(1), "The attacker's share of all hash power (q).", 'number in (0.5, 1)'),
    confirmations: param(z.number().int().min(1).optional(), 'Blocks it lets the honest chain bury before rewriting.', 'integer', 'consensus.pow.confirmations'),
  }),
  windowMeanings: ATTACKER_WINDOW,
  outcomes: ['attack.majority.success_rate', 'pow.finality_violations', 'safety.violations'],
  checkTargets: checkAttackerNode,
  powAttack: (spec) => ({ type: 'majority', ...attackerOf(spec), ...(spec.confirmations === undefined ? {} : { confirmations: spec.confirmations }) }),
});
