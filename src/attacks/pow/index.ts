/**
 * Proof-of-work attacks: closed forms, the attackers' strategies as pure state machines, fast
 * zero-latency races for the closed-form checks, and network attackers run by `runPowAttack`.
 */
export { nakamotoDoubleSpend, rosenfeldDoubleSpend, selfishRevenue, selfishThreshold, staleRateFixedDelay } from './closed-forms.ts';
export { SelfishMiningStrategy, type SelfishAction } from './selfish-strategy.ts';
export { DoubleSpendStrategy, type DoubleSpendAction, type DoubleSpendOptions } from './double-spend-strategy.ts';
export {
  defaultGiveUpDeficit,
  simulateDoubleSpend,
  simulateSelfishMining,
  type DoubleSpendRaceOptions,
  type DoubleSpendRaceResult,
  type SelfishMiningRaceOptions,
  type SelfishMiningRaceResult,
} from './race.ts';
export { runPowAttack, type PowAttackResult, type PowAttackSpec } from './run.ts';
export { SelfishMinerNode } from './selfish-node.ts';
export { DoubleSpendNode, type DoubleSpendAttempt } from './double-spend-node.ts';
