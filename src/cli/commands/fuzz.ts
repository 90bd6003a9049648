/**
 * `iomtsim fuzz`: seeded configurations and fault schedules against a protocol (src/fuzz,
 * docs/fuzz.md). Exit 0 when every seed passes; 3 a safety failure, 5 a run that crashed, 6 a run
 * split over threads (`--threads`) whose output differs from one thread's, 4 a liveness failure (in
 * that order of precedence when seeds fail differently); 2 bad input; 130 interrupted. A failing
 * seed's scenario file is written to the results folder with the command that replays it.
 */
import { claimNewFolder, makeOutputFolder, outFlagSource } from '../../io/output-folder.ts';
import { checkOutFolder } from '../../runner/results-dir.ts';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { inputError } from '../../scenario/index.ts';
import { fewestNodes, formatSummary, inTreeTarget, moduleTarget, MUTANTS, mutantTarget, runFuzz, summarise, type FuzzTarget, type NodeRange } from '../../fuzz/index.ts';
import { PROTOCOLS } from '../../protocols/index.ts';
import { withInterrupt } from '../interrupt.ts';
import { progressReporter } from '../progress.ts';
import { parseIntFlag, threadCount, workerCount } from '../options.ts';

export interface FuzzArgs {
  readonly protocol?: string;
  readonly protocolModule?: string;
  readonly mutant?: string;
  readonly seeds?: string;
  readonly firstSeed?: string;
  readonly nodes?: string;
  readonly json?: boolean;
  readonly workers?: string;
  readonly threads?: string;
  readonly beyond?: boolean;
  readonly keepGoing?: boolean;
  readonly out?: string;
}

export const FUZZ_EPILOGUE = `Exit codes: 0 every seed passed; 3 a safety failure (safety, validity or state agreement); 4 a liveness failure (no waiting transaction committed within the bound after the fault phase); 5 a run that crashed; 6 (with --threads) a run split over threads whose output differs from the one-thread run's; with failures of several kinds, the first of 3, 5, 6, 4; 2 bad input; 130 interrupted. With --beyond, lost safety is the measurement: 0 unless a run crashed or diverged. docs/fuzz.md has the details.`;

export function parseNodeRange(text: string): NodeRange {
  const m = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  const lo = Number(m?.[1]), hi = Number(m?.[2]);
  if (m === null || !(lo >= 1 && hi >= lo && hi <= 1000)) throw inputError(`--nodes ${text}`, '(flag)', 'a range of replica counts LO..HI with 1 ≤ LO ≤ HI ≤ 1000, such as 4..13', `'${text}'`);
  return { lo, hi };
}

async function targetOf(args: FuzzArgs): Promise<FuzzTarget> {
  const given = (['protocol', 'protocolModule', 'mutant'] as const).filter((k) => args[k] !== undefined);
  if (given.length !== 1) {
    const found = given.length === 0 ? 'none' : given.map((k) => `--${k === 'protocolModule' ? 'protocol-module' : k}`).join(' and ');
    throw inputError('iomtsim fuzz', '(flags)', 'exactly one of --protocol NAME, --protocol-module PATH, --mutant NAME', found);
  }
  if (args.protocol !== undefined) return inTreeTarget(args.protocol);
  if (args.protocolModule !== undefined) return moduleTarget(args.protocolModule);
  return mutantTarget(args.mutant!);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export async function fuzzCommand(args: FuzzArgs): Promise<number> {
  const target = await targetOf(args);
  const count = args.seeds === undefined ? 100 : parseIntFlag('--seeds', args.seeds, 1, 1_000_000);
  const first = args.firstSeed === undefined ? 1 : parseIntFlag('--first-seed', args.firstSeed, 0);
  const nodes = parseNodeRange(args.nodes ?? '4..13');
  const fewest = fewestNodes(target);
  if (nodes.hi < fewest) throw inputError(`--nodes ${args.nodes}`, '(flag)', `a range reaching ${fewest} replicas, the fewest ${target.label} runs (${target.definition.minNodes?.why})`, `'${args.nodes}'`);
  const threads = threadCount(args);
  // Each seed's split run uses `threads` threads: by default the cores are shared as for `run`.
  const workers = workerCount(args, count, threads);
  const beyond = args.beyond === true;
  // Refused before the seeds run, not when a failing one is to be written.
  // The rule of every --out (runner/results-dir.ts): a new or empty folder; the default is always new.
  if (args.out !== undefined) checkOutFolder(args.out, outFlagSource(args.out));
  const seeds = Array.from({ length: count }, (_, k) => first + k);
  const progress = progressReporter(process.stderr, Date.now, 'seeds');
  const started = Date.now();
  let passed = 0, failing = 0, simulatedUs = 0;
  const outcome = await withInterrupt((signal) =>
    runFuzz({
      target, seeds, nodes, beyond, signal, threads,
      workers,
      // Beyond the model losses are the measurement: every seed runs.
      stopAtFirstFailure: !beyond && args.keepGoing !== true,
      onSeed: (r) => {
        if (r.verdict.kind === 'pass') passed++;
        else failing++;
        simulatedUs += r.simulatedUs;
        if (r.verdict.kind !== 'pass' && args.json !== true) progress.note(`seed ${r.case.seed}: ${r.verdict.kind}`);
        progress.onProgress({ done: passed, doneBefore: 0, failed: failing, total: count, simulatedUs, elapsedMs: Date.now() - started });
      },
    }),
  ).finally(() => progress.finish());
  const failed = outcome.results.some((r) => r.verdict.kind !== 'pass');
  let dir = args.out;
  if (dir !== undefined) makeOutputFolder(dir, outFlagSource(dir));
  else if (failed || beyond) dir = claimNewFolder(join('results', `fuzz-${target.label}-${stamp(new Date())}`));
  const summary = summarise(target, outcome, beyond, dir, threads);
  process.stdout.write(args.json === true ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return summary.exitCode;
}

export function fuzzBuilder(y: Argv) {
  return y
    .option('protocol', { type: 'string', describe: `an in-tree protocol: ${PROTOCOLS.map((p) => p.name).join(', ')}` })
    .option('protocol-module', { type: 'string', describe: 'a plug-in protocol module (docs/plugins.md)' })
    .option('mutant', { type: 'string', describe: `a deliberately broken protocol: ${MUTANTS.map((m) => m.name).join(', ')}` })
    .option('seeds', { type: 'string', describe: 'how many seeds (default 100)' })
    .option('first-seed', { type: 'string', describe: 'the first seed (default 1); seeds run in order from it' })
    .option('nodes', { type: 'string', describe: 'replica counts each seed draws from, LO..HI (default 4..13)' })
    .option('beyond', { type: 'boolean', describe: 'f + 1 faulty replicas, outside the fault model: report how often safety is lost' })
    .option('keep-going', { type: 'boolean', describe: 'run every seed instead of stopping at the first failure' })
    .option('workers', { type: 'string', describe: 'worker threads (default: one per core, shared with --threads); results do not depend on it' })
    .option('threads', { type: 'string', describe: 'also run each seed split over N threads and fail a seed whose output differs (exit 6)' })
    .option('out', { type: 'string', describe: 'results folder, written whenever it is given (the default, results/fuzz-<protocol>-<time>, only when a seed fails or with --beyond)' })
    .option('json', { type: 'boolean', describe: 'print the summary as JSON' })
    .epilogue(FUZZ_EPILOGUE)
    .example('$0 fuzz --protocol pbft --seeds 200 --nodes 4..13', 'two hundred seeds of PBFT')
    .example('$0 fuzz --mutant pbft-small-quorum', 'the fuzzer must catch it')
    .example('$0 fuzz --protocol hotstuff --seeds 50 --threads 3', 'each seed on one thread and split over three: the outputs must match')
    .example('$0 fuzz --protocol-module examples/plugins/sequencer.ts --seeds 50', 'your own protocol');
}
