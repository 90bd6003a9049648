/**
 * One run of a consensus-only scenario: the consensus configuration of the world
 * (src/world/consensus.ts) assembled by the composition root (src/world/assemble.ts) and run.
 */
import type { RunOutput } from '../../metrics/types.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { assembleWorld, type WorldOptions } from '../../world/assemble.ts';
import { consensusConfiguration, type ConsensusWorldOptions } from '../../world/consensus.ts';
import type { ConsensusWorld } from '../../world/types.ts';

export type { ConsensusWorld, FaultPlan } from '../../world/types.ts';

export interface ConsensusRunOptions extends ConsensusWorldOptions, WorldOptions<ConsensusWorld> {}

export function runConsensusScenario(scenario: Scenario, seed: number, options: ConsensusRunOptions = {}): RunOutput {
  return assembleWorld(scenario, consensusConfiguration(scenario, seed, options), options).run();
}
