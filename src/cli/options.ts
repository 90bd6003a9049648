/** Flags shared by the commands that run simulations, checked with exact messages. */
import type { Argv } from 'yargs';
import { inputError } from '../scenario/index.ts';
import { defaultWorkerCount } from '../runner/index.ts';

export function parseIntFlag(flag: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = String(value);
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw inputError(`${flag} ${text}`, '(flag)', `an integer from ${min} to ${max}`, `'${text}'`);
  return n;
}

/** `--threshold 5%` or `--threshold 0.05`: a fraction from 0 to 1. */
export function parseThresholdFlag(value: unknown): number {
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  const fraction = match === null ? NaN : Number(match[1]) / (match[2] === '%' ? 100 : 1);
  if (!(fraction >= 0 && fraction <= 1)) throw inputError(`--threshold ${text}`, '(flag)', "a percentage like '5%' or a fraction like '0.05', from 0 to 100 %", `'${text}'`);
  return fraction;
}

export interface RunFlags {
  readonly seed?: string;
  readonly reps?: string;
  readonly workers?: string;
  readonly set?: readonly string[];
  readonly out?: string;
  readonly json?: boolean;
  readonly report?: boolean;
  readonly allMetrics?: boolean;
}

const CONDITION = /^\s*(==|!=|<=|>=|<|>)/;

/**
 * `--set 'expect.m=>= 1000'`: a --set value is read as YAML, where a leading `>` starts a folded
 * block and a leading `!` a tag, so an expectation's condition would not parse (or would parse as
 * something else). A value that starts with a comparison operator is passed as a quoted string.
 */
export function quoteConditionValue(assignment: string): string {
  const eq = assignment.indexOf('=');
  const value = assignment.slice(eq + 1);
  if (eq <= 0 || !CONDITION.test(value)) return assignment;
  return `${assignment.slice(0, eq)}='${value.trim().replaceAll("'", "''")}'`;
}

/** `--seed` and `--reps` become overrides applied last, so the manifest records them like `--set`. */
export function scenarioSets(flags: RunFlags): string[] {
  const sets = [...(flags.set ?? [])].map(String).map(quoteConditionValue);
  if (flags.seed !== undefined) sets.push(`seed=${parseIntFlag('--seed', flags.seed, 0)}`);
  if (flags.reps !== undefined) sets.push(`replications=${parseIntFlag('--reps', flags.reps, 1, 100_000)}`);
  return sets;
}

/**
 * Workers: as asked, else one per core shared with the threads each replication is split over
 * (`--workers W --threads N` uses W × N threads), never more than there are tasks.
 */
export function workerCount(flags: RunFlags, tasks: number, threadsPerTask = 1): number {
  const asked = flags.workers === undefined ? Math.floor(defaultWorkerCount() / threadsPerTask) : parseIntFlag('--workers', flags.workers, 1, 1024);
  return Math.max(1, Math.min(asked, tasks));
}

/** `--threads` as `run`, `sweep` and `size` take it. */
export const THREADS_OPTION = {
  type: 'string',
  describe: 'split each replication over this many threads, with the same results (not proof of work or the attacks that follow the leader); default 1',
} as const;

/** `--threads`: how many threads one replication is split over (src/world/threads/); 1 by default. */
export function threadCount(flags: { readonly threads?: string }): number {
  return flags.threads === undefined ? 1 : parseIntFlag('--threads', flags.threads, 1, 256);
}

export function withRunFlags<T>(y: Argv<T>) {
  return y
    .option('seed', { type: 'string', describe: 'root seed (replication 0 runs with it; the others derive from it)' })
    .option('reps', { type: 'string', describe: 'replications (default: the scenario\'s replications, else 1)' })
    .option('workers', { type: 'string', describe: 'worker threads (default: one per core)' })
    .option('set', { type: 'string', array: true, describe: 'override a field: --set consensus.nodes=7 (repeatable)' })
    .option('out', { type: 'string', describe: 'results folder (default results/<scenario>/<run-id>)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON on stdout, nothing else' })
    .option('report', { type: 'boolean', default: true, describe: 'render report.html/report.md after the run (--no-report to skip)' })
    .option('all-metrics', { type: 'boolean', default: false, describe: 'print every metric with its CI, not only the headline, checks and expectations' });
}
