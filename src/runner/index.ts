/** src/runner: replications, sweeps, sizing and shards on a worker pool; results folders. */
export { runScenario, resumeRun, checkResume, dryRun, gridOf, type CheckedResume, type RunRequest, type RunOutcome, type ExecutionOptions, type DryRun } from './run.ts';
export { sizeScenario, type SizeRequest, type SizeOutcome, type SizeAnswer, type Probe, type ProbeProgress, type StoppedEarly } from './size.ts';
export { stoppedEarlyText } from './size-early-stop.ts';
export { boundaryProbes, meanAnswerCaveat } from './size-boundary.ts';
export { mergeShards, type MergeOutcome } from './merge.ts';
export { parseShard, type Shard } from './shard.ts';
export { defaultWorkerCount, createExecutor, DEFAULT_MODEL, type Executor } from './executor.ts';
export { replicationSeed, replicationSeeds } from './seeds.ts';
export { summaryPassed, checkCounts, type Summary, type PointSummary, type RunStatus } from './summary.ts';
export { meanWhereDefined, ruleText, spreadText, type UndefinedIn, type Verdict } from './verdict.ts';
export type { Progress } from './execute.ts';
export type { ModelRef, SimulateFn, ReplicationRecord } from './types.ts';
export { readResults } from './results-dir.ts';
