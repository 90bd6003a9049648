/**
 * A results folder's recorded replications held against the plan its manifest describes, the one
 * rule `run --resume` and `merge` both apply before they write anything: a record the plan does not
 * hold (another point, replication, seed or shard), or a folder marked complete with replications
 * missing, is bad input naming the folder's file. Merging such a shard would write a folder that
 * counts a replication twice, or one marked complete without all of its replications.
 */
import { join } from 'node:path';
import { inputError } from '../scenario/index.ts';
import { pendingTasks, planTasks, type Plan } from './plan.ts';
import { FILES, type StoredResults } from './results-dir.ts';

/** How many of the plan's replications `stored` still lacks (not recorded, or failed). */
export function checkRecordedReplications(dir: string, stored: StoredResults, plan: Plan): number {
  const file = join(dir, FILES.replications);
  const tasks = new Map(planTasks(plan).map((t) => [`${t.point}:${t.replication}`, t]));
  stored.finished.forEach(({ record }, i) => {
    const task = tasks.get(`${record?.point}:${record?.replication}`);
    if (task === undefined) {
      throw inputError(file, `record ${i + 1}`, `a replication of the run the manifest describes (point below ${plan.points.length}, replication below ${plan.replicationSeeds.length}, in its shard)`, `point ${JSON.stringify(record?.point)}, replication ${JSON.stringify(record?.replication)}`);
    }
    if (record.seed !== task.seed) throw inputError(file, `record ${i + 1}.seed`, `${task.seed} (replicationSeeds.${task.replication} in manifest.json)`, JSON.stringify(record.seed));
  });
  const pending = pendingTasks(plan, stored.finished);
  if (stored.manifest.status === 'complete' && pending.length > 0) {
    const total = tasks.size;
    const listed = pending.slice(0, MISSING_LISTED).map((t) => `point ${t.point}, replication ${t.replication}`).join('; ');
    const more = pending.length > MISSING_LISTED ? `; ${pending.length - MISSING_LISTED} more` : '';
    throw inputError(join(dir, FILES.manifest), 'status', `'complete' only where every replication is recorded (${total} in ${FILES.replications})`, `'complete' with ${total - pending.length} recorded (missing ${listed}${more})`);
  }
  return pending.length;
}

/** Missing replications named in the message; the rest are counted. */
const MISSING_LISTED = 3;
