/**
 * One run: a scenario and a seed in, a RunOutput out. Picks the model the scenario describes; the
 * worker threads and the in-thread executor both call this (through DEFAULT_MODEL in executor.ts).
 */
import type { RunOutput } from '../metrics/types.ts';
import type { Scenario } from '../scenario/index.ts';
import { runConsensusScenario } from './models/consensus.ts';
import { runIomtScenario } from './models/iomt.ts';
import { runPowScenario } from './models/pow.ts';

export function simulate(scenario: Scenario, seed: number): RunOutput {
  // An `iomt:` section means devices, gateways and contracts on top of the consensus layer.
  if (scenario.iomt !== undefined) return runIomtScenario(scenario, seed);
  if (scenario.consensus.protocol === 'pow') return runPowScenario(scenario, seed);
  return runConsensusScenario(scenario, seed);
}
