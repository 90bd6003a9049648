/** src/world: the composition root that turns a scenario and a seed into a running world. */
export { assembleWorld, type AssembledWorld, type PlacedWorld, type WorldConfiguration, type WorldOptions } from './assemble.ts';
export { consensusConfiguration, type ConsensusWorldOptions } from './consensus.ts';
export { iomtConfiguration, iomtWorldConfig, type IomtWorldOptions } from './iomt.ts';
export { excusedWindows, type ExcusedWindow } from './excused-windows.ts';
export { LeaderTracker } from '../protocols/consortium/leader-tracker.ts';
export { ConsensusMonitor, type MonitorOptions } from './monitor.ts';
export { placeConsortium, type ConsortiumPlan, type ReplicaDeployment, type WrapReplica } from '../protocols/consortium/placement.ts';
export type { ConsensusWorld, FaultPlan } from './types.ts';
