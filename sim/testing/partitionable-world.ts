/**
 * The partitionable test world (testing/helpers.ts) as a world module for threaded runs: only
 * tests load it.
 */
import type { Engine } from '../engine.ts';
import type { PartitionPlan } from '../partition.ts';
import { partitionableTrafficEngine } from './helpers.ts';

export interface TrafficWorldArgs {
  readonly seed: number;
  readonly hostCount: number;
}

export function buildPartition(args: unknown, plan: PartitionPlan): Engine {
  const { seed, hostCount } = args as TrafficWorldArgs;
  return partitionableTrafficEngine(seed, hostCount, plan);
}
