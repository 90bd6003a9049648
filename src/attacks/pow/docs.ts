/** `iomtsim list attacks` entries for the proof-of-work attacks (schemas: scenario/sections/attacks-pow.ts). */
import type { ParameterDoc } from '../../protocols/types.ts';
import type { AttackDoc } from '../registry.ts';

const COMMON: readonly ParameterDoc[] = [
  { name: 'start', type: 'duration', default: '0s', meaning: 'when the node starts withholding (it mines honestly before)' },
  { name: 'end', type: 'duration', default: 'end of run', meaning: 'when it publishes what it holds and mines honestly again' },
  { name: 'node', type: 'replica index', default: '0', meaning: 'the attacking PoW node' },
  { name: 'share', type: 'number in (0, 1)', default: 'required', meaning: "the attacker's share of all hash power (α or q)" },
  { name: 'outboundPeers', type: 'integer', default: 'consensus.pow.outboundPeers', meaning: 'its outbound connections: more wins more ties (higher effective γ)' },
];

export const POW_ATTACK_DOCS: readonly AttackDoc[] = [
  {
    type: 'selfish-mining', title: 'Selfish mining (Eyal & Sirer 2014)', category: 'pow', targets: 'one PoW node',
    model: 'alternative miner on the node runs Algorithm 1: withholds blocks, publishes to match or override the public chain; γ comes from network position',
    parameters: COMMON,
    outcomes: ['attack.selfish_mining.revenue_share', 'attack.selfish_mining.gain', 'pow.stale_rate'],
  },
  {
    type: 'double-spend', title: 'Double-spend race (Rosenfeld 2014)', category: 'pow', targets: 'one PoW node',
    model: 'pre-mines one block, pays, mines a private fork; releases it once the merchant shipped after z confirmations and the fork is longer; gives up when hopelessly behind',
    parameters: [
      ...COMMON,
      { name: 'confirmations', type: 'integer', default: '6', meaning: 'z: confirmations the merchant waits for' },
      { name: 'giveUpDeficit', type: 'integer', default: 'where (q/p)^d < 1e-9', meaning: 'blocks behind at which the attacker abandons an attempt' },
    ],
    outcomes: ['attack.double_spend.success_rate', 'attack.double_spend.attempts', 'pow.finality_violations'],
  },
  {
    type: 'majority', title: 'Majority (51 %) attacker', category: 'pow', targets: 'one PoW node',
    model: 'the double-spend race with q > 1/2 and no giving up: it always overtakes and rewrites blocks honest nodes had committed',
    parameters: [
      ...COMMON.map((p) => (p.name === 'share' ? { ...p, type: 'number in (0.5, 1)' } : p)),
      { name: 'confirmations', type: 'integer', default: 'consensus.pow.confirmations', meaning: 'blocks it lets the honest chain bury before rewriting' },
    ],
    outcomes: ['attack.majority.success_rate', 'pow.finality_violations', 'safety.violations'],
  },
];
