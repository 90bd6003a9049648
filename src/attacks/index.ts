/** src/attacks: attack and fault injectors with ground truth, and their outcome metrics. */
export { AttackPlan, planAttacks, excusedWindows } from './plan.ts';
export { attackPlanFor } from './for-scenario.ts';
export { GroundTruth, type GroundTruthLabel, type LabelEntity } from './ground-truth.ts';
export { ATTACKS, attackDoc, type AttackDoc, type AttackCategory } from './registry.ts';
export type { AttackWorld, AttackTargetsSizes } from './types.ts';
