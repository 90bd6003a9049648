/** Commands whose work lives in other areas: thin typed calls into them, loaded on first use (delegates.ts). */
import type { Argv } from 'yargs';
import { loadBench, loadReport, loadValidation } from '../delegates.ts';
import { parseIntFlag, parseThresholdFlag } from '../options.ts';

export async function reportCommand(args: { dir: string }): Promise<number> {
  return (await loadReport()).reportCommand(args.dir);
}

export interface CompareArgs {
  readonly a: string;
  readonly b: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly threshold?: string;
  readonly aPoint?: string;
  readonly bPoint?: string;
}

export async function compareCommand(args: CompareArgs): Promise<number> {
  const threshold = args.threshold === undefined ? undefined : parseThresholdFlag(args.threshold);
  return (await loadReport()).compareCommand(args.a, args.b, {
    ...(args.out !== undefined ? { out: args.out } : {}),
    ...(args.json ? { json: true } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(args.aPoint !== undefined ? { aPoint: args.aPoint } : {}),
    ...(args.bPoint !== undefined ? { bPoint: args.bPoint } : {}),
  });
}

export function compareBuilder(y: Argv) {
  return y
    .positional('a', { type: 'string', demandOption: true, describe: 'the baseline results folder' })
    .positional('b', { type: 'string', demandOption: true, describe: 'the results folder compared with it' })
    .option('out', { type: 'string', describe: 'folder for the comparison report (default compare-<A>-vs-<B> beside B)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the comparison (comparison.json) on stdout, nothing else' })
    .option('threshold', { type: 'string', describe: 'a significant change smaller than this is not a failure: 5% or 0.05' })
    .option('a-point', { type: 'string', describe: "compare this point of A (key=value[,key=value]; two points of one sweep: the same folder as A and B), paired by seed" })
    .option('b-point', { type: 'string', describe: 'compare this point of B with the point of A (with --a-point, or A\'s only point)' });
}

export interface BenchArgs {
  readonly suite?: string;
  readonly json?: string;
  readonly compare?: string;
  readonly threshold?: string;
  readonly updateGolden?: boolean;
  readonly runs?: string;
  readonly only?: string;
  readonly threads?: string;
  readonly allowNewEntries?: boolean;
  readonly beside?: string;
}

/** Far more runs per entry than anyone waits for; a bound keeps the flag's message readable. */
const MAX_BENCH_RUNS = 1000;
/** As `run --threads` (src/cli/options.ts). */
const MAX_BENCH_THREADS = 256;

/** `--runs` and `--threads` arrive as typed, so a message about a bad one shows the text rather than NaN. */
export async function benchCommand(args: BenchArgs): Promise<number> {
  const options = {
    suite: args.suite ?? 'quick',
    ...(args.json !== undefined ? { json: args.json } : {}),
    ...(args.compare !== undefined ? { compare: args.compare } : {}),
    ...(args.threshold !== undefined ? { threshold: args.threshold } : {}),
    ...(args.updateGolden ? { updateGolden: true } : {}),
    ...(args.runs !== undefined ? { runs: parseIntFlag('--runs', args.runs, 1, MAX_BENCH_RUNS) } : {}),
    ...(args.only !== undefined ? { only: args.only.split(',') } : {}),
    ...(args.threads !== undefined ? { threads: parseIntFlag('--threads', args.threads, 1, MAX_BENCH_THREADS) } : {}),
    ...(args.allowNewEntries ? { allowNewEntries: true } : {}),
    ...(args.beside !== undefined ? { beside: args.beside } : {}),
  };
  return (await loadBench()).benchCommand(options);
}

export function benchBuilder(y: Argv) {
  return y
    .positional('suite', { type: 'string', choices: ['phold', 'quick', 'full'], default: 'quick', describe: 'benchmark suite' })
    .option('json', { type: 'string', describe: 'write results as JSON (CI benchmark tracker format) to this file' })
    .option('compare', { type: 'string', describe: 'compare against a baseline JSON file' })
    .option('threshold', { type: 'string', describe: 'allowed regression against the --compare baseline, e.g. 10% (default 10%)' })
    .option('update-golden', { type: 'boolean', default: false, describe: 'rewrite the golden model results' })
    .option('runs', { type: 'string', describe: 'runs per entry (default 5; 1 is enough for the golden check)' })
    .option('only', { type: 'string', describe: 'only these entries of the suite, comma-separated (e.g. to refresh one golden file)' })
    .option('threads', { type: 'string', describe: 'split each entry\'s replication over this many threads; it must still give its golden results (entries that cannot split are skipped); default 1' })
    .option('allow-new-entries', { type: 'boolean', default: false, describe: 'with --compare: pass entries the baseline lacks uncompared (by default they fail the run)' })
    .option('beside', { type: 'string', describe: 'with --compare: a checkout of the baseline\'s commit with its build (bench/scripts/baseline-checkout.sh DIR); every entry is compared with that commit run beside this build, and one found slower is run again alternately here and there to confirm' });
}

export interface ValidateArgs {
  readonly quick?: boolean;
  readonly 'seed-offset'?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly only?: readonly string[];
}

export async function validateCommand(args: ValidateArgs): Promise<number> {
  return (await loadValidation()).validateCommand({
    quick: args.quick === true,
    json: args.json === true,
    ...(args['seed-offset'] !== undefined ? { seedOffset: parseIntFlag('--seed-offset', args['seed-offset'], 0, 1_000_000_000) } : {}),
    ...(args.out !== undefined ? { out: args.out } : {}),
    // `--only a,b` as documented, as well as `--only a --only b`.
    ...(args.only !== undefined ? { only: args.only.flatMap((v) => String(v).split(',')).filter((p) => p !== '') } : {}),
  });
}

export function validateBuilder(y: Argv) {
  return y
    .option('quick', { type: 'boolean', default: false, describe: 'only the quick subset (CI)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the results as JSON on stdout' })
    .option('out', { type: 'string', describe: 'folder for report.md, report.html, validation.json (default results/validation)' })
    .option('only', { type: 'string', array: true, describe: 'only checks whose id starts with one of these' })
    .option('seed-offset', { type: 'string', describe: "add N to every stochastic check's seeds (default 0, the shipped seeds): does a verdict depend on them?" });
}
