/**
 * The world module each partition's thread loads (sim/threads/protocol.ts): the world of a
 * scenario (IoMT or consensus-only), built whole, running one partition's hosts. What the output
 * reads from its hosts' state goes back to the coordinator, which combines the partitions'
 * (src/world/assemble.ts, PartitionTotals).
 */
import type { PartitionPlan } from '../../../sim/index.ts';
import type { PartitionedWorld } from '../../../sim/threads/protocol.ts';
import { ensurePlugins } from '../../plugins/cache.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { assembleWorld, type AssembledWorld } from '../assemble.ts';
import { consensusConfiguration } from '../consensus.ts';
import { iomtConfiguration } from '../iomt.ts';

export interface ThreadedWorldArgs {
  readonly scenario: Scenario;
  readonly seed: number;
}

/** The world `scenario` describes, running the hosts of `partition` (all of them without one). */
export function splittableWorld(scenario: Scenario, seed: number, partition?: PartitionPlan): AssembledWorld {
  const options = partition === undefined ? {} : { partition };
  return scenario.iomt !== undefined ? assembleWorld(scenario, iomtConfiguration(scenario, seed, options)) : assembleWorld(scenario, consensusConfiguration(scenario, seed, options));
}

export async function buildPartition(args: unknown, plan: PartitionPlan): Promise<PartitionedWorld> {
  const { scenario, seed } = args as ThreadedWorldArgs;
  await ensurePlugins(scenario.plugins);
  const world = splittableWorld(scenario, seed, plan);
  return { engine: world.engine, finish: () => world.partitionTotals(), checkpoint: () => world.checkpoint() };
}
