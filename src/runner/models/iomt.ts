/**
 * One run of an IoMT scenario: the IoMT configuration of the world (src/world/iomt.ts) assembled
 * by the composition root (src/world/assemble.ts) and run; the scenario's `attacks:` act on its
 * consortium as in the consensus-only world, and its device attacks on devices and gateways.
 */
import type { IomtWorld } from '../../iomt/world.ts';
import type { RunOutput } from '../../metrics/types.ts';
import type { Scenario } from '../../scenario/index.ts';
import { assembleWorld, type WorldOptions } from '../../world/assemble.ts';
import { iomtConfiguration, type IomtWorldOptions } from '../../world/iomt.ts';

export interface IomtRunOptions extends IomtWorldOptions, WorldOptions<IomtWorld> {}

export function runIomtScenario(scenario: Scenario, seed: number, options: IomtRunOptions = {}): RunOutput {
  return assembleWorld(scenario, iomtConfiguration(scenario, seed, options), options).run();
}
