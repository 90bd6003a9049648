/**
 * A plan: the sweep points (each a validated scenario with its parameters), the replication seeds
 * shared by every point (common random numbers), and optionally the shard to run. Task order is
 * (point, replication); the shard picks from that order.
 */
import { pointLabel } from '../scenario/attack-notices.ts';
import { applyOverrides, gridPoints, InputError, pointOverrides, validateScenarioInput, type Dimension, type InputIssue, type Scenario, type SweepParameters } from '../scenario/index.ts';
import { inShard, type Shard } from './shard.ts';
import type { ReplicationTask } from './types.ts';

export interface PlanPoint {
  readonly parameters: SweepParameters;
  readonly scenario: Scenario;
}

export interface Plan {
  readonly points: readonly PlanPoint[];
  readonly replicationSeeds: readonly number[];
  readonly shard?: Shard;
  /** Threads each replication is split over (`--threads`); 1 when absent. */
  readonly threads?: number;
}

export function planTasks(plan: Plan): ReplicationTask[] {
  const tasks: ReplicationTask[] = [];
  const reps = plan.replicationSeeds.length;
  plan.points.forEach((p, point) => {
    for (let replication = 0; replication < reps; replication++) {
      if (!inShard(point * reps + replication, plan.shard)) continue;
      const task: ReplicationTask = { point, replication, seed: plan.replicationSeeds[replication]!, scenario: p.scenario };
      tasks.push(plan.threads !== undefined && plan.threads > 1 ? { ...task, threads: plan.threads } : task);
    }
  });
  return tasks;
}

/** The plan's tasks that `finished` (replications recorded by an earlier attempt) does not hold. */
export function pendingTasks(plan: Plan, finished: readonly { readonly record: { readonly point: number; readonly replication: number } }[]): ReplicationTask[] {
  const done = new Set(finished.map((f) => `${f.record.point}:${f.record.replication}`));
  return planTasks(plan).filter((t) => !done.has(`${t.point}:${t.replication}`));
}

/**
 * Validate every grid point up front, so a bad value fails before anything runs or is written. A
 * point's problem names the point: a field the file sets can be refused only beside a varied one
 * (a workload beside `consensus.protocol=pow`), which the file's location alone does not tell.
 */
export function buildPoints(input: Record<string, unknown>, locate: (path: readonly PropertyKey[]) => string, dimensions: readonly Dimension[]): PlanPoint[] {
  return gridPoints(dimensions).map((parameters) => {
    const overrides = pointOverrides(parameters);
    try {
      return { parameters, scenario: validateScenarioInput(applyOverrides(input, overrides), locate, overrides) };
    } catch (err) {
      if (!(err instanceof InputError) || dimensions.length === 0) throw err;
      throw new InputError(err.issues.map((i) => atPoint(i, parameters)));
    }
  });
}

/**
 * A problem of the point with `parameters`, naming the point: a field the file sets can be refused
 * only at some points (beside a varied one), which the file's location alone does not tell. A
 * problem blamed on a --vary value names its point already, and a run without --vary has none.
 */
export function atPoint(issue: InputIssue, parameters: SweepParameters): InputIssue {
  if (Object.keys(parameters).length === 0 || issue.source.startsWith('--vary')) return issue;
  return { ...issue, found: `${issue.found} (at the sweep point ${pointLabel(parameters)})` };
}
