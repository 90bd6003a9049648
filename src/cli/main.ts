/**
 * The command line (README.md, "Commands"): parse with yargs, call the runner or a
 * delegate, print, return the exit code (0 success, 1 a run/check/comparison failed, 2 bad input,
 * 130 interrupted). bin/iomtsim.mjs sets process.exitCode from it.
 */
import yargs from 'yargs';
import { inputError } from '../scenario/errors.ts';
import { LIST_TOPICS, listCommand } from './commands/list.ts';
import { EXIT, reportError } from './errors.ts';
import { DOCS_EPILOGUE, EXAMPLES, withExamples } from './help.ts';

/**
 * Each command's module, imported only when the command is named on the command line: most of
 * the tree (the runner, the world, the scenario schema) is some command's, and loading it all
 * took most of `iomtsim list protocols` (docs/architecture.md, "Start-up"). yargs calls a
 * command's builder and handler only for the command it matched, whose name is in argv.
 */
const COMMAND_MODULES = {
  run: () => import('./commands/run.ts'),
  merge: () => import('./commands/merge.ts'),
  size: () => import('./commands/size.ts'),
  trace: () => import('./commands/trace.ts'),
  fuzz: () => import('./commands/fuzz.ts'),
  delegated: () => import('./commands/delegated.ts'),
  schema: () => import('./commands/schema.ts'),
  calibrate: () => import('./commands/calibrate.ts'),
};
type CommandModules = { [K in keyof typeof COMMAND_MODULES]: Awaited<ReturnType<(typeof COMMAND_MODULES)[K]>> };

/** Which module serves each command name. */
const MODULE_OF_COMMAND: Readonly<Record<string, keyof CommandModules>> = {
  run: 'run', sweep: 'run', merge: 'merge', size: 'size', trace: 'trace', fuzz: 'fuzz',
  report: 'delegated', compare: 'delegated', bench: 'delegated', validate: 'delegated',
  schema: 'schema', calibrate: 'calibrate',
};

/** The modules of the commands whose names appear in argv (an option's value may add one: harmless). */
async function commandModulesFor(argv: readonly string[]): Promise<Partial<CommandModules>> {
  const wanted = new Set(argv.flatMap((arg) => (Object.hasOwn(MODULE_OF_COMMAND, arg) ? [MODULE_OF_COMMAND[arg]!] : [])));
  const loaded: Partial<Record<keyof CommandModules, unknown>> = {};
  await Promise.all([...wanted].map(async (key) => { loaded[key] = await COMMAND_MODULES[key](); }));
  return loaded as Partial<CommandModules>;
}

/** The first argument of a command module's handler. */
type ArgsOf<K extends keyof CommandModules, F extends keyof CommandModules[K]> = CommandModules[K][F] extends (args: infer A) => Promise<number> ? A : never;
type RunArgs = ArgsOf<'run', 'runCommand'>;

class UsageError extends Error {}

/**
 * Flags yargs accepts but no handler can use, refused before any handler runs: `--out ''` and
 * `--resume ''`; one that takes one value given twice (yargs gathers the values into a list, which
 * a handler would use as a path or a number), a repeatable flag (`--set`, `--vary`, `--slo`)
 * given with no value (yargs reads it as an empty list, the same as the flag left out), and
 * anything after `--`.
 */
function refuseUnusableFlags(argv: Record<string, unknown>, options: { string?: string[]; array?: string[]; boolean?: string[] }, typed: readonly string[]): void {
  // yargs sets aside what follows `--` and no command reads it: `run -- other.yaml` ran the
  // default scenario, and `run f.yaml -- --reps 5` one replication.
  const end = typed.indexOf('--');
  if (end >= 0 && end < typed.length - 1) {
    const after = typed.slice(end + 1);
    throw inputError(`-- ${after.join(' ')}`, '(arguments)', "nothing after '--' (no command reads it; give a scenario that starts with '-' as ./-name.yaml)", after.map((a) => `'${a}'`).join(', '));
  }
  // yargs reads a switch given any value but 'true' as false: `--json=maybe` ran without JSON.
  const switches = new Set(options.boolean ?? []);
  for (const arg of typed) {
    if (arg === '--') break;
    const m = /^--([A-Za-z][A-Za-z0-9-]*)=(.*)$/s.exec(arg);
    const name = m?.[1]?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (m === null || name === undefined || !switches.has(name) || /^(true|false)$/.test(m[2]!)) continue;
    throw inputError(arg, '(flag)', `--${name} alone (a switch), or --${name}=true or --${name}=false`, `'${m[2]}'`);
  }
  // `--out "$OUT"` with OUT unset: an empty path would be the current folder. One check for every
  // command that takes --out, before any of them reads or writes anything.
  if ((options.string ?? []).includes('out') && argv['out'] === '') throw inputError("--out ''", '(flag)', 'a folder path', "''");
  // `--resume "$DIR"` with DIR unset: the folder checks would name an empty path, not the flag.
  if ((options.string ?? []).includes('resume') && argv['resume'] === '') throw inputError("--resume ''", '(flag)', 'a results folder path', 'an empty string');
  const repeatable = new Set(options.array ?? []);
  for (const key of repeatable) {
    const value = argv[key];
    if (Array.isArray(value) && value.length === 0) throw inputError(`--${key}`, '(flag)', `a value after --${key}`, 'nothing');
  }
  for (const key of options.string ?? []) {
    const value = argv[key];
    if (repeatable.has(key) || !Array.isArray(value)) continue;
    throw inputError(`--${key}`, '(flag)', `one --${key} (it takes a single value)`, `${value.length}: ${value.map((v) => `'${String(v)}'`).join(', ')}`);
  }
}

/**
 * The flags whose value is a number, a count, a duration, a percentage, a range or a shard of
 * them; none is a switch. yargs takes such a value when it starts with a minus sign (`-1s`, `-5%`,
 * `-4..13`, `-1/2`) for a group of short flags (`-1`, `-s`) and refuses it as unknown arguments,
 * naming neither the flag nor what it takes.
 */
export const NUMERIC_FLAGS: ReadonlySet<string> = new Set(['seed', 'reps', 'workers', 'threads', 'shard', 'from', 'to', 'decisions', 'hosts', 'threshold', 'runs', 'seed-offset', 'seeds', 'first-seed', 'nodes']);

/**
 * `--from -1s` read as `--from=-1s`: no flag is named by a digit, so a word of a minus sign and a
 * digit after one of NUMERIC_FLAGS is its value, and the flag's own check refuses it with its rule.
 * A switch is left out: `--dry-run=-1` would read as false. A test (main.test.ts) reads every
 * command's --help and fails on a flag that takes a value and is in neither this list nor its list
 * of text flags.
 */
export function attachSignedValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...out, ...argv.slice(i)];
    // yargs takes `--firstSeed` for `--first-seed` as well.
    const name = /^--([A-Za-z][A-Za-z0-9-]*)$/.exec(arg)?.[1]?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const next = argv[i + 1];
    if (name !== undefined && NUMERIC_FLAGS.has(name) && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** yargs calls a middleware with its instance of the matched command too, which its types leave out. */
const refuseUnusableFlagsMiddleware = (typed: readonly string[]) => ((args: Record<string, unknown>, y: { getOptions(): { string?: string[]; array?: string[]; boolean?: string[] } }) =>
  refuseUnusableFlags(args, y.getOptions(), typed)) as unknown as (args: object) => void;

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  let modules: Partial<CommandModules> = {};
  const mod = <K extends keyof CommandModules>(key: K): CommandModules[K] => {
    const loaded = modules[key];
    if (loaded === undefined) throw new Error(`the module of command '${key}' was not loaded: its name was not in argv`);
    return loaded;
  };
  // Each handler stores its exit code; errors propagate to the catch below.
  const handle = <A>(fn: (args: A) => Promise<number>) => async (args: A): Promise<void> => {
    exitCode = await fn(args);
  };
  // No arguments: a newcomer's first try, answered with the help rather than an error.
  const cli = withExamples(yargs(argv.length === 0 ? ['--help'] : attachSignedValues(argv)), EXAMPLES.top)
    .scriptName('iomtsim')
    // `--set a=1 file.yaml`: a repeatable flag takes one value, never the positional after it.
    .parserConfiguration({ 'greedy-arrays': false })
    .usage('$0 <command> [options]\n\nDeterministic discrete-event testbed for blockchain trust in the Internet of Medical Things.')
    .command('run [scenario]', 'run a scenario: replications on a worker pool, results folder, report', (y) => withExamples(mod('run').runBuilder(y), EXAMPLES.run), handle((args: RunArgs) => mod('run').runCommand(args)))
    // `[scenario]`, not `<scenario>`: `sweep --resume DIR` takes none (the folder holds it).
    .command('sweep [scenario]', 'run a grid of parameter values (--vary), each point with its replications', (y) => withExamples(mod('run').sweepBuilder(y), EXAMPLES.sweep), handle(async (args: RunArgs) => {
      if (args.scenario === undefined && args.resume === undefined) throw inputError('iomtsim sweep', '(arguments)', 'a scenario file to sweep (or --resume DIR to complete an interrupted sweep)', 'none');
      if ((args.vary ?? []).length === 0 && args.resume === undefined) throw inputError('iomtsim sweep', '--vary', 'at least one --vary key=v1,v2,... or key=lo..hi:step', 'none');
      return mod('run').runCommand(args);
    }))
    .command('merge <dirs..>', 'merge the shards of a run (--shard i/n) into one results folder', (y) => withExamples(mod('merge').mergeBuilder(y), EXAMPLES.merge), handle((args: ArgsOf<'merge', 'mergeCommand'>) => mod('merge').mergeCommand(args)))
    .command('size <scenario>', 'find the largest (or smallest) parameter value meeting SLOs: doubling from the lower end, then narrowing the bracket', (y) => withExamples(mod('size').sizeBuilder(y), EXAMPLES.size), handle((args: ArgsOf<'size', 'sizeCommand'>) => mod('size').sizeCommand(args)))
    .command('trace [scenario]', 'a timeline of one replication: Chrome trace JSON and a message-sequence chart', (y) => withExamples(mod('trace').traceBuilder(y), EXAMPLES.trace), handle((args: ArgsOf<'trace', 'traceCommand'>) => mod('trace').traceCommand(args)))
    .command('fuzz', 'run seeded fault schedules against a protocol inside its fault model; print the seed that fails', (y) => mod('fuzz').fuzzBuilder(y), handle((args: ArgsOf<'fuzz', 'fuzzCommand'>) => mod('fuzz').fuzzCommand(args)))
    .command('report <dir>', 'render report.html, report.md and figures for a results folder', (y) => y.positional('dir', { type: 'string', demandOption: true }), handle((args: ArgsOf<'delegated', 'reportCommand'>) => mod('delegated').reportCommand(args)))
    .command('compare <a> <b>', 'compare two results folders (exact permutation or t-test per metric, Holm-corrected)', (y) => withExamples(mod('delegated').compareBuilder(y), EXAMPLES.compare), handle((args: ArgsOf<'delegated', 'compareCommand'>) => mod('delegated').compareCommand(args)))
    .command('bench [suite]', 'run a benchmark suite (phold, quick, full)', (y) => mod('delegated').benchBuilder(y), handle((args: ArgsOf<'delegated', 'benchCommand'>) => mod('delegated').benchCommand(args)))
    .command('validate', 'run the validation scenarios against published results', (y) => mod('delegated').validateBuilder(y), handle((args: ArgsOf<'delegated', 'validateCommand'>) => mod('delegated').validateCommand(args)))
    .command('list [topic]', `list ${LIST_TOPICS.join(', ')}`, (y) => y.positional('topic', { type: 'string', describe: `one of ${LIST_TOPICS.join(', ')}`, default: 'scenarios' }).option('markdown', { type: 'boolean', describe: 'with metrics: print the reference as Markdown (docs/metrics.md)' }), handle(listCommand))
    .command('schema', 'print the scenario JSON Schema (for editor completion)', (y) => y.option('update-docs', { type: 'string', describe: 'instead, regenerate the field reference in this markdown file (given bare: docs/scenarios.md)' }), handle((args: ArgsOf<'schema', 'schemaCommand'>) => mod('schema').schemaCommand(args)))
    .command('calibrate', 'measure the CPU cost of crypto operations on this host', (y) => y.option('json', { type: 'string', describe: 'also write the cost table as JSON to this file' }), handle((args: ArgsOf<'calibrate', 'calibrateCommand'>) => mod('calibrate').calibrateCommand(args)))
    .middleware(refuseUnusableFlagsMiddleware(argv))
    .demandCommand(1, 'a command (see iomtsim --help)')
    .epilogue(DOCS_EPILOGUE)
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, err) => {
      if (err) throw err;
      throw new UsageError(message);
    });
  try {
    modules = await commandModulesFor(argv);
    await cli.parseAsync();
  } catch (err) {
    if (err instanceof UsageError) {
      return reportError(inputError(`iomtsim ${argv.join(' ')}`.trim(), '(arguments)', 'arguments as in iomtsim --help', err.message));
    }
    return reportError(err);
  }
  return exitCode;
}
