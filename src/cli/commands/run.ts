/** `iomtsim run` and `iomtsim sweep`: replications (of every grid point) on a worker pool. */
import type { Argv } from 'yargs';
import { inputError, loadScenarioAsync, loadScenarioForGridAsync, parseVary } from '../../scenario/index.ts';
import { resolve } from 'node:path';
import { checkResume, defaultWorkerCount, dryRun, gridOf, parseShard, resumeRun, runScenario, type RunRequest } from '../../runner/index.ts';
import { buildPoints, type PlanPoint } from '../../runner/plan.ts';
import { EXIT } from '../errors.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { defaultThreads, type DefaultThreads } from '../../world/threads/default-threads.ts';
import { withInterrupt } from '../interrupt.ts';
import { parseIntFlag, scenarioSets, threadCount, withRunFlags, workerCount, type RunFlags } from '../options.ts';
import { formatDryRun } from '../print.ts';
import { progressReporter } from '../progress.ts';
import { resolveScenarioPath } from '../scenario-path.ts';
import { finishRun } from './shared.ts';

export const DEFAULT_SCENARIO = 'scenarios/default.yaml';

interface RunArgs extends RunFlags {
  readonly scenario?: string;
  readonly vary?: readonly string[];
  readonly shard?: string;
  readonly resume?: string;
  readonly threads?: string;
  readonly dryRun?: boolean;
}

async function resume(dir: string, args: RunArgs): Promise<number> {
  if (args.scenario !== undefined || args.vary !== undefined || args.shard !== undefined || args.set !== undefined || args.seed !== undefined || args.reps !== undefined || args.out !== undefined || args.threads !== undefined || args.dryRun === true) {
    throw inputError(`--resume ${dir}`, '(flag)', '--resume without a scenario, --set, --seed, --reps, --vary, --shard, --out, --threads or --dry-run (the folder holds them)', 'some of them as well');
  }
  // Every check on the folder before anything runs or is written: a refused folder is left as it was.
  const checked = await checkResume(dir);
  const m = checked.stored.manifest;
  if (checked.complete) {
    // Nothing to run: the folder is left untouched (its times and report stay those of the run).
    process.stdout.write(args.json === true ? `${JSON.stringify({ resultsDir: resolve(dir), status: 'complete', resumed: 0 }, null, 2)}\n` : `nothing to resume: ${dir} is complete (every replication finished)\n`);
    return EXIT.ok;
  }
  const remaining = Math.max(1, checked.pending);
  const progress = progressReporter();
  const result = await withInterrupt((signal) => resumeRun(dir, { workers: workerCount(args, remaining, m.threads ?? 1), signal, onProgress: progress.onProgress }));
  progress.finish();
  return finishRun(result, args);
}

export async function runCommand(args: RunArgs): Promise<number> {
  if (args.resume !== undefined) return resume(args.resume, args);
  const dimensions = (args.vary ?? []).map(String).map(parseVary);
  const file = resolveScenarioPath(args.scenario ?? DEFAULT_SCENARIO);
  const loaded = dimensions.length === 0 ? await loadScenarioAsync(file, scenarioSets(args)) : await loadScenarioForGridAsync(file, scenarioSets(args), (input, locate) => buildPoints(input, locate, dimensions));
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const points = dimensions.reduce((n, d) => n * d.values.length, 1);
  const tasks = Math.ceil((points * loaded.scenario.replications) / (shard?.count ?? 1));
  // Built only where the default count needs them (cores to spare), and handed on to the run with
  // the splits it planned, so that the run's check builds no world again.
  let grid: PlanPoint[] | undefined;
  const { threads, planned } = args.threads !== undefined ? { threads: threadCount(args), planned: undefined } : await chosenThreads(() => (grid = gridOf(loaded, dimensions)).map((p) => p.scenario), tasks, args);
  const request: RunRequest = {
    loaded,
    dimensions,
    ...(grid === undefined ? {} : { points: grid }),
    ...(planned === undefined ? {} : { plannedSplits: planned }),
    ...(shard ? { shard } : {}),
    ...(args.out !== undefined ? { outDir: args.out } : {}),
    workers: workerCount(args, tasks, threads),
    threads,
    onNotice: (line) => process.stderr.write(`iomtsim: ${line}\n`),
  };
  if (args.dryRun === true) {
    const dry = await dryRun(request);
    process.stdout.write(args.json === true ? `${JSON.stringify({ scenario: loaded.file, valid: true, ...dry }, null, 2)}\n` : formatDryRun(loaded.file, dry));
    return 0;
  }
  const progress = progressReporter();
  const result = await withInterrupt((signal) => runScenario({ ...request, signal, onProgress: progress.onProgress }));
  progress.finish();
  return finishRun(result, args);
}

/**
 * Threads per replication without --threads: the cores the replications running at once leave
 * free, for worlds that gain from a split, the same for every point of a sweep
 * (src/world/threads/default-threads.ts), said on stderr when it is more than one.
 */
async function chosenThreads(points: () => readonly Scenario[], tasks: number, args: RunArgs): Promise<DefaultThreads> {
  const atOnce = args.workers === undefined ? tasks : Math.min(tasks, parseIntFlag('--workers', args.workers, 1, 1024));
  const chosen = await defaultThreads(points, atOnce, defaultWorkerCount(), (line) => process.stderr.write(`iomtsim: ${line}\n`));
  if (chosen.threads > 1) process.stderr.write(`iomtsim: each replication split over ${chosen.threads} threads (${chosen.why}; --threads 1 runs it whole)\n`);
  return chosen;
}

export function runBuilder(y: Argv) {
  return withRunFlags(y)
    .positional('scenario', { type: 'string', describe: `scenario file (default ${DEFAULT_SCENARIO})` })
    .option('resume', { type: 'string', describe: 'complete an interrupted run in this results folder' })
    .option('dry-run', { type: 'boolean', describe: 'check the scenario, the grid, --out and the split as a run would, print what it would run, and stop: nothing is run or written' })
    .option('shard', { type: 'string', describe: 'run slice i of n of the (point, replication) list: --shard 2/8' })
    .option('threads', {
      type: 'string',
      describe: 'split each replication over this many threads, with the same results (not proof of work or the attacks that follow the leader); default: a large IoMT world (18,000 devices a thread) over the cores its replications leave free, else 1 (a sweep: the fewest any point takes)',
    });
}

export function sweepBuilder(y: Argv) {
  return runBuilder(y).option('vary', { type: 'string', array: true, describe: 'a sweep dimension: key=v1,v2,... or key=lo..hi:step (repeatable; grid)' });
}
