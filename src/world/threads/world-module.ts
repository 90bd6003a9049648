/**
 * The world module each partition's thread loads (sim/threads/protocol.ts): the consensus-only
 * world of a scenario, built whole, running one partition's hosts. Its monitor's totals go back to
 * the coordinator, which adds the partitions' up (src/world/monitor.ts).
 */
import type { PartitionPlan } from '../../../sim/index.ts';
import type { PartitionedWorld } from '../../../sim/threads/protocol.ts';
import { ensurePlugins } from '../../plugins/cache.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { assembleWorld } from '../assemble.ts';
import { consensusConfiguration } from '../consensus.ts';

export interface ThreadedWorldArgs {
  readonly scenario: Scenario;
  readonly seed: number;
}

export async function buildPartition(args: unknown, plan: PartitionPlan): Promise<PartitionedWorld> {
  const { scenario, seed } = args as ThreadedWorldArgs;
  await ensurePlugins(scenario.plugins);
  const world = assembleWorld(scenario, consensusConfiguration(scenario, seed, { partition: plan }));
  return { engine: world.engine, finish: () => world.monitor.totals() };
}
