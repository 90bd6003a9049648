/** src/attacks: attack definitions and their registry, the plan that wires them, ground truth and outcome metrics. */
export { AttackPlan, planAttacks } from './plan.ts';
export { defineAttack, attackSpecSchema, definitionProblems, type AttackDefinition, type AnyAttackDefinition, type AttackCategory, type ReplicaTarget, type TargetIssues } from './definition.ts';
export { ATTACK_REGISTRY, IN_TREE_ATTACKS, ATTACKS, attackDefinition, attackDoc, type AttackDoc } from './registry.ts';
export { GroundTruth, type GroundTruthLabel, type LabelEntity } from './ground-truth.ts';
export type { AttackWorld, AttackTargetsSizes, InstallContext } from './types.ts';
