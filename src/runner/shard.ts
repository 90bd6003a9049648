/**
 * `--shard i/n`: a deterministic slice of a run's (point, replication) list, for batch systems
 * (Slurm job arrays, Kubernetes Indexed Jobs). Task k of the full list belongs to shard
 * (k mod n) + 1: round robin, so each shard gets a share of every sweep point even when points
 * differ in cost.
 */
import { inputError } from '../scenario/index.ts';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  // Safe integers only: a count past 2^53 would be written to manifest.json, whose check
  // (manifest-check.ts) then refuses the folder for --resume and merge.
  if (!m || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw inputError(`--shard ${text}`, '(flag)', 'i/n with 1 ≤ i ≤ n ≤ 2^53 - 1, such as 2/3', `'${text}'`);
  }
  return { index, count };
}

export function inShard(taskIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || taskIndex % shard.count === shard.index - 1;
}
