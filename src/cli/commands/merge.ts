/** `iomtsim merge`: shards of one run into one results folder equal to the unsharded run. */
import type { Argv } from 'yargs';
import { inputError } from '../../scenario/index.ts';
import { mergeShards } from '../../runner/index.ts';
import { finishRun } from './shared.ts';

interface MergeArgs {
  readonly dirs?: readonly string[];
  readonly out?: string;
  readonly json?: boolean;
  readonly report?: boolean;
}

export async function mergeCommand(args: MergeArgs): Promise<number> {
  if (args.out === undefined) throw inputError('iomtsim merge', '--out', 'the folder to write the merged results to', 'nothing');
  const result = mergeShards((args.dirs ?? []).map(String), args.out);
  return finishRun(result, args);
}

export function mergeBuilder(y: Argv) {
  return y
    .positional('dirs', { type: 'string', array: true, describe: 'shard results folders' })
    .option('out', { type: 'string', describe: 'folder for the merged results (required: a new folder)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON on stdout' })
    .option('report', { type: 'boolean', default: true, describe: 'render the report of the merged results' });
}
