/**
 * One replication split over threads (sim/threads/). By default measured on PHOLD: for each thread count T,
 * the 1,000 processes are split into T contiguous partitions and run on T threads through the same
 * code path (T = 1 included), interleaved over several rounds so that a drift in the machine's
 * speed falls on every T alike. Prints each wall time (thread start-up and world building
 * included), the median per T and the speed-up of the medians against T = 1; fails (exit 1) unless
 * every run's trace hash and event count are identical, since results must not depend on T.
 *
 * PHOLD's lookahead (the floor of its shifted-exponential latency) is the window width: its
 * events cost about 0.15 µs each, so a window of 100 µs holds well under a millisecond of work per
 * thread and the barrier's cost shows; `--lookahead` widens it.
 *
 * With `--scenario FILE` it measures what a user gets instead: `iomtsim run FILE --threads T` for
 * each T, each in a fresh process (start-up included), and fails unless every run's summary is the
 * same (a scenario needs latency floors to split: `--set network.latency.min=2ms`).
 *
 *   npx tsx bench/scripts/thread-scaling.ts [--threads 1,2] [--rounds 3] [--lookahead 100] [--until 2000000]
 *   npx tsx bench/scripts/thread-scaling.ts --scenario FILE [--set k=v]... [--threads 1,2] [--rounds 3]
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runPartitionsOnThreads } from '../../sim/index.ts';
import { median } from '../../src/stats/index.ts';
import { PHOLD_DEFAULTS } from '../entries/phold.ts';
import { runCliOnce } from './cli-run.ts';

const WORLD = new URL('../entries/phold.ts', import.meta.url).href;
const LOADER = pathToFileURL(fileURLToPath(new URL('../../src/runner/worker-loader.mjs', import.meta.url))).href;

interface Options {
  threads: number[];
  rounds: number;
  lookaheadUs: number;
  untilUs: number;
  scenario?: string;
  sets: string[];
}

function parse(argv: readonly string[]): Options | string {
  const o: Options = { threads: [1, 2], rounds: 3, lookaheadUs: PHOLD_DEFAULTS.lookaheadUs, untilUs: 2_000_000, sets: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    if (value === undefined) return `${flag}: expected a value, found nothing`;
    if (flag === '--scenario') o.scenario = value;
    else if (flag === '--set') o.sets.push(value);
    else if (flag === '--threads') {
      const list = value.split(',').map(Number);
      if (!list.every((t) => Number.isInteger(t) && t >= 1)) return `--threads: expected positive integers separated by commas, found '${value}'`;
      o.threads = list;
    } else if (flag === '--rounds' || flag === '--lookahead' || flag === '--until') {
      if (!/^[1-9][0-9]*$/.test(value)) return `${flag}: expected a positive integer, found '${value}'`;
      if (flag === '--rounds') o.rounds = Number(value);
      else if (flag === '--lookahead') o.lookaheadUs = Number(value);
      else o.untilUs = Number(value);
    } else return `unknown option '${flag}'`;
  }
  return o;
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  if (typeof o === 'string') {
    process.stderr.write(`thread-scaling: ${o}\n`);
    return 2;
  }
  if (o.scenario !== undefined) return scenarioMode(o);
  const processes = PHOLD_DEFAULTS.processes;
  const walls = new Map<number, number[]>(o.threads.map((t) => [t, []]));
  const outcomes = new Set<string>();
  for (let round = 1; round <= o.rounds; round++) {
    for (const threads of o.threads) {
      const assignment = Array.from({ length: processes }, (_, h) => Math.floor((h * threads) / processes));
      const started = performance.now();
      const run = await runPartitionsOnThreads({ worldModule: WORLD, worldArgs: { lookaheadUs: o.lookaheadUs }, assignment, untilUs: o.untilUs, execArgv: ['--import', LOADER] });
      const wallMs = performance.now() - started;
      walls.get(threads)!.push(wallMs);
      outcomes.add(`${run.traceHash} ${run.eventsProcessed}`);
      process.stdout.write(`round ${round}, ${threads} thread(s): ${wallMs.toFixed(0)} ms, ${run.eventsProcessed} events, ${run.windows} windows, trace ${run.traceHash}\n`);
    }
  }
  return report(o, walls, outcomes, 'outcomes (trace hash, events)');
}

function scenarioMode(o: Options): number {
  const walls = new Map<number, number[]>(o.threads.map((t) => [t, []]));
  const outcomes = new Set<string>();
  for (let round = 1; round <= o.rounds; round++) {
    for (const threads of o.threads) {
      let run: { wallS: number; points: string };
      try {
        run = runCliOnce(o.scenario!, ['--threads', String(threads), '--workers', '1'], o.sets);
      } catch (e) {
        process.stderr.write(`thread-scaling: ${(e as Error).message}\n`);
        return 1;
      }
      walls.get(threads)!.push(run.wallS * 1000);
      outcomes.add(run.points);
      process.stdout.write(`round ${round}, ${threads} thread(s): ${(run.wallS * 1000).toFixed(0)} ms\n`);
    }
  }
  return report(o, walls, outcomes, 'summaries');
}

/** Medians and speed-ups against the first thread count; 1 unless every run had one outcome. */
function report(o: Options, walls: Map<number, number[]>, outcomes: Set<string>, what: string): number {
  const base = median(walls.get(o.threads[0]!)!);
  for (const [threads, ms] of walls) {
    const m = median(ms);
    process.stdout.write(`${threads} thread(s): median ${m.toFixed(0)} ms, speed-up ${(base / m).toFixed(2)}x\n`);
  }
  if (outcomes.size !== 1) {
    process.stdout.write(`FAIL: ${outcomes.size} different ${what} across thread counts\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
