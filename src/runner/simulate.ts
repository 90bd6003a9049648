/**
 * One run: a scenario and a seed in, a RunOutput out. Picks the world the scenario describes; the
 * worker threads and the in-thread executor both call this (through DEFAULT_MODEL in replicate.ts).
 */
import type { RunWatch } from '../metrics/interim-bounds.ts';
import type { RunOutput } from '../metrics/types.ts';
import type { Scenario } from '../scenario/index.ts';
import { assembleWorld } from '../world/assemble.ts';
import { consensusConfiguration } from '../world/consensus.ts';
import { iomtConfiguration } from '../world/iomt.ts';
import { runPowScenario } from './models/pow.ts';

/** With a watch, the consensus and IoMT worlds pause to report (`iomtsim size`); proof of work runs through. */
export function simulate(scenario: Scenario, seed: number, watch?: RunWatch): RunOutput {
  // An `iomt:` section means devices, gateways and contracts on top of the consensus layer.
  if (scenario.iomt !== undefined) return assembleWorld(scenario, iomtConfiguration(scenario, seed)).run(watch);
  // Proof of work has its own network model (src/protocols/pow/network-run.ts).
  if (scenario.consensus.protocol === 'pow') return runPowScenario(scenario, seed);
  return assembleWorld(scenario, consensusConfiguration(scenario, seed)).run(watch);
}
