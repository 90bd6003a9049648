/**
 * The command line (README.md, "Commands"): parse with yargs, call the runner or a
 * delegate, print, return the exit code (0 success, 1 a run/check/comparison failed, 2 bad input,
 * 130 interrupted). bin/iomtsim.mjs sets process.exitCode from it.
 */
import yargs from 'yargs';
import { inputError } from '../scenario/index.ts';
import { benchBuilder, benchCommand, compareBuilder, compareCommand, reportCommand, validateBuilder, validateCommand } from './commands/delegated.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { fuzzBuilder, fuzzCommand } from './commands/fuzz.ts';
import { LIST_TOPICS, listCommand } from './commands/list.ts';
import { mergeBuilder, mergeCommand } from './commands/merge.ts';
import { runBuilder, runCommand, sweepBuilder } from './commands/run.ts';
import { schemaCommand } from './commands/schema.ts';
import { sizeBuilder, sizeCommand } from './commands/size.ts';
import { traceBuilder, traceCommand } from './commands/trace.ts';
import { EXIT, reportError } from './errors.ts';
import { DOCS_EPILOGUE, EXAMPLES, withExamples } from './help.ts';

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  // Each handler stores its exit code; errors propagate to the catch below.
  const handle = <A>(fn: (args: A) => Promise<number>) => async (args: A): Promise<void> => {
    exitCode = await fn(args);
  };
  // No arguments: a newcomer's first try, answered with the help rather than an error.
  const cli = withExamples(yargs(argv.length === 0 ? ['--help'] : argv), EXAMPLES.top)
    .scriptName('iomtsim')
    // `--set a=1 file.yaml`: a repeatable flag takes one value, never the positional after it.
    .parserConfiguration({ 'greedy-arrays': false })
    .usage('$0 <command> [options]\n\nDeterministic discrete-event testbed for blockchain trust in the Internet of Medical Things.')
    .command('run [scenario]', 'run a scenario: replications on a worker pool, results folder, report', (y) => withExamples(runBuilder(y), EXAMPLES.run), handle(runCommand))
    .command('sweep <scenario>', 'run a grid of parameter values (--vary), each point with its replications', (y) => withExamples(sweepBuilder(y), EXAMPLES.sweep), handle(async (args: Parameters<typeof runCommand>[0]) => {
      if ((args.vary ?? []).length === 0 && args.resume === undefined) throw inputError('iomtsim sweep', '--vary', 'at least one --vary key=v1,v2,... or key=lo..hi:step', 'none');
      return runCommand(args);
    }))
    .command('merge <dirs..>', 'merge the shards of a run (--shard i/n) into one results folder', (y) => withExamples(mergeBuilder(y), EXAMPLES.merge), handle(mergeCommand))
    .command('size <scenario>', 'find the largest (or smallest) parameter value meeting SLOs, by bisection', (y) => withExamples(sizeBuilder(y), EXAMPLES.size), handle(sizeCommand))
    .command('trace [scenario]', 'a timeline of one replication: Chrome trace JSON and a message-sequence chart', (y) => withExamples(traceBuilder(y), EXAMPLES.trace), handle(traceCommand))
    .command('fuzz', 'run seeded fault schedules against a protocol inside its fault model; print the seed that fails', fuzzBuilder, handle(fuzzCommand))
    .command('report <dir>', 'render report.html, report.md and figures for a results folder', (y) => y.positional('dir', { type: 'string', demandOption: true }), handle(reportCommand))
    .command('compare <a> <b>', 'compare two results folders (paired or Welch t-test per metric, Holm-corrected)', (y) => withExamples(compareBuilder(y), EXAMPLES.compare), handle(compareCommand))
    .command('bench [suite]', 'run a benchmark suite (phold, quick, full)', benchBuilder, handle(benchCommand))
    .command('validate', 'run the validation scenarios against published results', validateBuilder, handle(validateCommand))
    .command('list [topic]', `list ${LIST_TOPICS.join(', ')}`, (y) => y.positional('topic', { type: 'string', choices: LIST_TOPICS, default: 'scenarios' }).option('markdown', { type: 'boolean', describe: 'with metrics: print the reference as Markdown (docs/metrics.md)' }), handle(listCommand))
    .command('schema', 'print the scenario JSON Schema (for editor completion)', (y) => y.option('update-docs', { type: 'string', describe: 'instead, regenerate the field reference in this markdown file (docs/scenarios.md)' }), handle(schemaCommand))
    .command('calibrate', 'measure the CPU cost of crypto operations on this host', (y) => y.option('json', { type: 'string', describe: 'also write the cost table as JSON to this file' }), handle(calibrateCommand))
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
    await cli.parseAsync();
  } catch (err) {
    if (err instanceof UsageError) {
      return reportError(inputError(`iomtsim ${argv.join(' ')}`.trim(), '(arguments)', 'arguments as in iomtsim --help', err.message));
    }
    return reportError(err);
  }
  return exitCode;
}
