/**
 * One run: a scenario and a seed in, a RunOutput out. Picks the world the scenario describes; the
 * worker threads and the in-thread executor both call this (through DEFAULT_MODEL in replicate.ts).
 */
import { runPrepared, type PreparedRun } from '../../sim/index.ts';
import type { RunWatch } from '../metrics/interim-bounds.ts';
import type { RunOutput } from '../metrics/types.ts';
import type { Scenario } from '../scenario/index.ts';
import { assembleWorld, type AssembledWorld } from '../world/assemble.ts';
import { consensusConfiguration } from '../world/consensus.ts';
import { iomtConfiguration } from '../world/iomt.ts';
import { preparePowScenario } from './models/pow.ts';

/** With a watch, the consensus and IoMT worlds pause to report (`iomtsim size`); proof of work runs through. */
export function simulate(scenario: Scenario, seed: number, watch?: RunWatch): RunOutput {
  // Proof of work has its own network model (src/protocols/pow/network-run.ts).
  if (watch === undefined || (scenario.consensus.protocol === 'pow' && scenario.iomt === undefined)) return runPrepared(prepareSimulation(scenario, seed));
  return assembledWorld(scenario, seed).run(watch);
}

/** The scenario's world built, ready to run to its end (for a caller that runs it in slices). */
export function prepareSimulation(scenario: Scenario, seed: number): PreparedRun<RunOutput> {
  if (scenario.iomt === undefined && scenario.consensus.protocol === 'pow') return preparePowScenario(scenario, seed);
  const world = assembledWorld(scenario, seed);
  return { engine: world.engine, endUs: scenario.duration, finish: world.finish };
}

function assembledWorld(scenario: Scenario, seed: number): AssembledWorld {
  // An `iomt:` section means devices, gateways and contracts on top of the consensus layer.
  if (scenario.iomt !== undefined) return assembleWorld(scenario, iomtConfiguration(scenario, seed));
  return assembleWorld(scenario, consensusConfiguration(scenario, seed));
}
