/** `iomtsim size`: the largest (or smallest) value of one parameter that meets every SLO. */
import type { Argv } from 'yargs';
import { checkSetsNotVaried, infiniteBound, inputError, loadScenarioForGridAsync, parseIntegerRange, parseSlo, SLO_EXAMPLES } from '../../scenario/index.ts';
import { buildPoints } from '../../runner/plan.ts';
import { sizeScenario } from '../../runner/index.ts';
import { scenarioNotices } from '../../scenario/notices.ts';
import { unknownMetric } from '../../scenario/metric-names.ts';
import { withInterrupt } from '../interrupt.ts';
import { scenarioSets, threadCount, THREADS_OPTION, withRunFlags, workerCount, type RunFlags } from '../options.ts';
import { formatSize } from '../print.ts';
import { sizeProgressReporter } from '../size-progress.ts';
import { resolveScenarioPath } from '../scenario-path.ts';
import { finishRun } from './shared.ts';

interface SizeArgs extends RunFlags {
  readonly scenario: string;
  readonly vary?: readonly string[];
  readonly slo?: readonly string[];
  readonly minimize?: boolean;
  readonly threads?: string;
}

export async function sizeCommand(args: SizeArgs): Promise<number> {
  const vary = (args.vary ?? []).map(String);
  if (vary.length !== 1) throw inputError('--vary', '(flag)', 'exactly one --vary key=lo..hi (the dimension to size)', `${vary.length} --vary flags`);
  const range = parseIntegerRange(vary[0]!);
  // The search starts at the range's low end: where the file and --set are refused only in the value it sizes, it starts from there.
  const loaded = await loadScenarioForGridAsync(resolveScenarioPath(args.scenario), scenarioSets(args), (input, locate) => buildPoints(input, locate, [{ key: range.key, values: [range.lo] }]));
  checkSetsNotVaried([range.key], loaded.overrides);
  const slos = (args.slo ?? []).map(String).map((text) => {
    const slo = parseSlo(text);
    const bound = infiniteBound(text);
    if (bound !== undefined) throw inputError(`--slo ${text}`, '(flag)', `an SLO whose bound is a finite number (at most ${Number.MAX_VALUE} in magnitude)`, `'${text}' (${bound} reads as ${Number(bound)})`);
    if (!slo) throw inputError(`--slo ${text}`, '(flag)', SLO_EXAMPLES, `'${text}'`);
    const unknown = unknownMetric(slo.metric, (loaded.scenario.plugins ?? []).length > 0);
    if (unknown !== undefined) throw inputError(`--slo ${text}`, '(flag)', unknown, `'${slo.metric}'`);
    return slo;
  });
  const threads = threadCount(args);
  for (const line of scenarioNotices(loaded.scenario, loaded.locate)) process.stderr.write(`iomtsim: ${line}\n`);
  const progress = sizeProgressReporter();
  const result = await withInterrupt((signal) =>
    sizeScenario({
      loaded,
      range,
      slos,
      minimize: args.minimize === true,
      ...(args.out !== undefined ? { outDir: args.out } : {}),
      workers: workerCount(args, loaded.scenario.replications, threads),
      threads,
      signal,
      onProbeProgress: progress.onProbeProgress,
    }),
  );
  progress.finish();
  return finishRun(result, args, formatSize(result.summary.size));
}

export function sizeBuilder(y: Argv) {
  return withRunFlags(y)
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file' })
    .option('vary', { type: 'string', array: true, describe: 'the integer dimension to size: key=lo..hi' })
    .option('slo', { type: 'string', array: true, describe: "a service-level objective on a metric, judged on its mean over the replications (--set expectRule=interval: on its whole 95 % CI): 'consensus.commit_latency_ms.p99<=2000' (repeatable)" })
    .option('minimize', { type: 'boolean', default: false, describe: 'find the smallest value meeting the SLOs (default: the largest)' })
    .option('threads', THREADS_OPTION)
    .epilogue('The search doubles from the lower end until the verdict flips, then narrows the bracket (interpolating the SLO margins, bisecting when that does not halve it or when an end stopped early, whose margin is only a bound); a probe stops as soon as one SLO has failed for good (a latency bound already exceeded by more transactions than the run can still outweigh, a counter already over its limit, a replication that ended with an SLO metric undefined). Progress, probe by probe, goes to stderr. Exit codes: 0 an answer was found (at the end of the range when every value meets the SLOs); 1 no value in the range meets them, or a replication, check or expectation failed; 2 bad input; 130 interrupted.');
}
