/**
 * `iomtsim trace [scenario] [--from T] [--to T] [--hosts ...]`: a timeline of one replication
 * (replication 0, the root seed) as Chrome trace-event JSON for Perfetto or chrome://tracing, and a
 * message-sequence chart (SVG) of the first decisions. docs/trace.md.
 */
import { checkOutputFiles, makeOutputFolder, outFlagSource } from '../../io/output-folder.ts';
import { checkOutFolder } from '../../runner/results-dir.ts';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { writeFilesInPieces } from '../../io/atomic-write.ts';
import { inputError, loadScenarioAsync } from '../../scenario/index.ts';
import { scenarioNotices } from '../../scenario/notices.ts';
import { formatDefault } from '../../scenario/schema-field-docs.ts';
import { durationUs } from '../../scenario/units.ts';
import { chromeTraceJson } from '../../trace/chrome-trace.ts';
import { parseHostSelection } from '../../trace/host-selection.ts';
import { traceRefusal, traceScenario } from '../../trace/trace-run.ts';
import { EXIT } from '../errors.ts';
import { parseIntFlag, scenarioSets } from '../options.ts';
import { resolveScenarioPath } from '../scenario-path.ts';
import { DEFAULT_SCENARIO } from './run.ts';

interface TraceArgs {
  readonly scenario?: string;
  readonly from?: string;
  readonly to?: string;
  readonly hosts?: string;
  readonly decisions?: string;
  readonly seed?: string;
  readonly set?: readonly string[];
  readonly out?: string;
}

/** The files a trace writes, by which a folder of an earlier trace is known (and replaced). */
const TRACE_FILES = ['trace.json', 'sequence.svg'] as const;

const DEFAULT_FROM = '0s';
const DEFAULT_DECISIONS = '3';

/** The default window: the first 10 simulated seconds, enough for the first decisions of every bundled scenario. */
const DEFAULT_WINDOW_US = 10_000_000;

const WINDOW_BOUND = 'a duration ≥ 0 (simulated time from the start of the run), such as 2s or 500ms';

function windowBound(flag: string, text: string): number {
  let us: number;
  try {
    us = durationUs(text);
  } catch (error) {
    throw inputError(`--${flag} ${text}`, '(flag)', WINDOW_BOUND, `'${text}' (${(error as Error).message})`);
  }
  // A duration may be written with a minus sign; a window bound before the run starts is no time in it.
  if (us < 0) throw inputError(`--${flag} ${text}`, '(flag)', WINDOW_BOUND, `'${text}'`);
  return us;
}

/** A window that starts when the run has ended would trace nothing. */
function checkWindowStart(from: string, fromUs: number, durationUs: number): void {
  if (fromUs >= durationUs) throw inputError(`--from ${from}`, '(flag)', `a time before the run ends at ${formatDefault(durationUs, 'duration')} (the scenario's duration)`, `'${from}'`);
}

export async function traceCommand(args: TraceArgs): Promise<number> {
  const path = resolveScenarioPath(args.scenario ?? DEFAULT_SCENARIO);
  const loaded = await loadScenarioAsync(path, scenarioSets({ ...(args.seed !== undefined ? { seed: args.seed } : {}), ...(args.set !== undefined ? { set: args.set } : {}) }));
  const { scenario } = loaded;
  const refusal = traceRefusal(scenario);
  if (refusal !== null) throw inputError(path, 'consensus.protocol', refusal, `'${scenario.consensus.protocol}' without an iomt section`);
  // What the timeline would hide (an attack that never acts, a load the blocks cannot carry), said as `run` says it.
  for (const line of scenarioNotices(scenario, loaded.locate)) process.stderr.write(`iomtsim: ${line}\n`);
  // Defaults are applied here, not by yargs, which gives a flag typed without a value its default
  // (`--from --to 2s` ran from 0 s): without a value it is '', refused as --to's is.
  const from = args.from ?? DEFAULT_FROM;
  const fromUs = windowBound('from', from);
  checkWindowStart(from, fromUs, scenario.duration);
  const toUs = args.to === undefined ? fromUs + DEFAULT_WINDOW_US : windowBound('to', args.to);
  if (!(toUs > fromUs)) throw inputError(`--to ${args.to}`, '(flag)', `a time after --from (${from})`, `'${args.to}'`);
  const decisions = parseIntFlag('--decisions', args.decisions ?? DEFAULT_DECISIONS, 1);
  const hosts = args.hosts === undefined ? null : parseHostSelection(args.hosts);
  const out = args.out ?? join('results', scenario.name, `trace-${scenario.seed}`);
  const outSource = args.out === undefined ? out : outFlagSource(out);
  // A run's results folder is refused (a trace beside them goes in a folder of its own, <dir>/trace);
  // a trace's folder, the default one included, is replaced.
  checkOutFolder(out, outSource, { taken: "a folder that holds no run's results (a trace beside them goes in its own folder, such as <results>/trace)", own: TRACE_FILES, ownName: 'trace' });
  const tracePath = join(out, 'trace.json');
  const chartPath = join(out, 'sequence.svg');
  // Refused before the trace is run, not after it.
  checkOutputFiles([tracePath, chartPath]);
  const result = traceScenario({ scenario, seed: scenario.seed, fromUs, toUs, hosts, decisions });
  const madeHere = !existsSync(out);
  makeOutputFolder(out, outSource);
  let bytes: number;
  try {
    [bytes] = writeFilesInPieces([
      [tracePath, chromeTraceJson(result.trace)],
      [chartPath, [result.sequenceSvg]],
    ]) as [number, number];
  } catch (error) {
    // Nothing half-written: the files were not renamed into place, and a folder made for them goes too.
    if (madeHere) rmSync(out, { recursive: true, force: true });
    throw error;
  }
  const { cpuSlices, sendMarks, messagesSent, messagesDelivered } = result.counts;
  process.stdout.write(
    `trace: ${resolve(tracePath)} (${cpuSlices} CPU slices, ${sendMarks} send marks, ${messagesSent} messages sent and ${messagesDelivered} delivered in the window, ${(bytes / 1e6).toFixed(1)} MB; open in https://ui.perfetto.dev or chrome://tracing)\n${largeTraceNote(bytes)}sequence chart: ${resolve(chartPath)}\n`,
  );
  return EXIT.ok;
}

/** Above this a trace loads slowly in Perfetto's UI, and chrome://tracing may not load it at all. */
const LARGE_TRACE_BYTES = 100e6;

/** A line suggesting a narrower window for a trace of `bytes`, or nothing. */
export function largeTraceNote(bytes: number): string {
  return bytes > LARGE_TRACE_BYTES ? 'note: a trace this large loads slowly in a viewer; narrow it with --from and --to, or --hosts\n' : '';
}

export function traceBuilder(y: Argv) {
  return y
    .positional('scenario', { type: 'string', describe: `scenario file (default ${DEFAULT_SCENARIO})` })
    .option('from', { type: 'string', describe: `start of the window (simulated time; default ${DEFAULT_FROM})` })
    .option('to', { type: 'string', describe: 'end of the window (default: 10 s after --from, or the run end)' })
    .option('hosts', { type: 'string', describe: "only these hosts: ids, ranges and 'replicas', comma-separated (0,1,5..9)" })
    .option('decisions', { type: 'string', describe: `decisions the sequence chart shows (default ${DEFAULT_DECISIONS})` })
    .option('seed', { type: 'string', describe: 'root seed (the trace is replication 0 of a run with it)' })
    .option('set', { type: 'string', array: true, describe: 'override a field: --set consensus.nodes=7 (repeatable)' })
    .option('out', { type: 'string', describe: 'folder for trace.json and sequence.svg (default results/<scenario>/trace-<seed>)' });
}
