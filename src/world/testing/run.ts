/**
 * One run of a world for tests of what runs inside it (protocols, checkers, attacks, metrics):
 * the configuration assembled by the composition root and run, with the test hooks of
 * WorldOptions (faults, setup, observers). The runner reaches the same worlds through simulate().
 */
import type { IomtWorld } from '../../iomt/world.ts';
import type { RunOutput } from '../../metrics/types.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { assembleWorld, type WorldOptions } from '../assemble.ts';
import { consensusConfiguration, type ConsensusWorldOptions } from '../consensus.ts';
import { iomtConfiguration, type IomtWorldOptions } from '../iomt.ts';
import type { ConsensusWorld } from '../types.ts';

export function runConsensusWorld(scenario: Scenario, seed: number, options: ConsensusWorldOptions & WorldOptions<ConsensusWorld> = {}): RunOutput {
  return assembleWorld(scenario, consensusConfiguration(scenario, seed, options), options).run();
}

export function runIomtWorld(scenario: Scenario, seed: number, options: IomtWorldOptions & WorldOptions<IomtWorld> = {}): RunOutput {
  return assembleWorld(scenario, iomtConfiguration(scenario, seed, options), options).run();
}
