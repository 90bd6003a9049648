/**
 * The fields of a manifest.json that `run --resume` and `merge` build on (docs/results.md), checked
 * before anything runs or is written: a manifest with a field missing, of the wrong type, or
 * contradicting another (`replications` against `replicationSeeds`, or a seed other than the one the
 * root `seed` derives for its replication) is bad input naming the file
 * and the field, not a crash after the folder was rewritten. Fields a reader does not use are left
 * to the report's own checks; fields added after the first format (`threads`, `workers`, `files`,
 * `selfSha256`) may be missing, as in folders from before them.
 */
import { describeFound } from '../scenario/errors.ts';
import { replicationSeed } from './seeds.ts';

/** The first problem found, as the field path, what was expected and what was found. */
export interface ManifestProblem {
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

const STATUSES = ['running', 'complete', 'interrupted', 'failed'] as const;

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

const problem = (path: string, expected: string, value: unknown): ManifestProblem => ({ path, expected, found: describeFound(value) });

/** Each plug-in a scenario recorded: its kind, name, module path and hash (src/plugins/module-file.ts). */
function pluginsProblem(path: string, plugins: unknown): ManifestProblem | undefined {
  if (plugins === undefined) return undefined;
  if (!Array.isArray(plugins)) return problem(path, 'a list of the plug-ins the scenario loaded', plugins);
  for (const [i, ref] of plugins.entries()) {
    if (!isMapping(ref)) return problem(`${path}.${i}`, 'a plug-in record (kind, name, module, sha256)', ref);
    for (const field of ['kind', 'name', 'module', 'sha256'] as const) {
      if (typeof ref[field] !== 'string' || ref[field] === '') return problem(`${path}.${i}.${field}`, 'a non-empty string', ref[field]);
    }
  }
  return undefined;
}

/** The first problem in `m`'s fields (format and kind are checked where it is read), or undefined. */
export function manifestProblem(m: Record<string, unknown>): ManifestProblem | undefined {
  if (!(STATUSES as readonly unknown[]).includes(m['status'])) return problem('status', `one of ${STATUSES.map((s) => `'${s}'`).join(', ')}`, m['status']);
  const scenario = m['scenario'];
  if (!isMapping(scenario)) return problem('scenario', 'the resolved scenario (a mapping)', scenario);
  if (typeof scenario['name'] !== 'string') return problem('scenario.name', "the scenario's name (a string)", scenario['name']);
  const input = m['scenarioInput'];
  if (!isMapping(input)) return problem('scenarioInput', 'the scenario input the run came from (a mapping)', input);
  const plugins = pluginsProblem('scenarioInput.plugins', input['plugins']);
  if (plugins !== undefined) return plugins;
  if (!isCount(m['seed'], 0)) return problem('seed', 'the root seed (an integer ≥ 0)', m['seed']);
  if (!isCount(m['replications'], 1)) return problem('replications', 'the number of replications (an integer ≥ 1)', m['replications']);
  const seeds = m['replicationSeeds'];
  if (!Array.isArray(seeds)) return problem('replicationSeeds', 'a list of the replication seeds', seeds);
  const bad = seeds.findIndex((s) => !isCount(s, 0));
  if (bad >= 0) return problem(`replicationSeeds.${bad}`, 'a seed (an integer ≥ 0)', seeds[bad]);
  if (seeds.length !== m['replications']) {
    return { path: 'replicationSeeds', expected: `one seed per replication (replications: ${m['replications']})`, found: `${seeds.length} seed${seeds.length === 1 ? '' : 's'}` };
  }
  // The runner derives every replication's seed from the root seed (src/runner/seeds.ts, unchanged
  // since the first results format), so a folder's seeds can only be those: any other list is an
  // edit, and resuming or merging it would mix replications of a plan no command made.
  for (const [k, s] of seeds.entries()) {
    const derived = replicationSeed(m['seed'], k);
    if (s !== derived) return problem(`replicationSeeds.${k}`, `${derived}, the seed of replication ${k} derived from the root seed (seed: ${m['seed']})`, s);
  }
  const sweep = m['sweep'];
  if (sweep !== undefined) {
    if (!isMapping(sweep) || !Array.isArray(sweep['dimensions'])) return problem('sweep.dimensions', 'a list of sweep dimensions', isMapping(sweep) ? sweep['dimensions'] : sweep);
    for (const [i, d] of sweep['dimensions'].entries()) {
      if (!isMapping(d) || typeof d['key'] !== 'string') return problem(`sweep.dimensions.${i}.key`, 'a scenario field (a string)', isMapping(d) ? d['key'] : d);
      if (!Array.isArray(d['values']) || d['values'].length === 0) return problem(`sweep.dimensions.${i}.values`, 'a non-empty list of values', d['values']);
    }
  }
  const shard = m['shard'];
  if (shard !== undefined) {
    if (!isMapping(shard) || !isCount(shard['count'], 1)) return problem('shard.count', 'the number of shards (an integer ≥ 1)', isMapping(shard) ? shard['count'] : shard);
    if (!isCount(shard['index'], 1) || shard['index'] > shard['count']) return problem('shard.index', `the shard's number, from 1 to ${shard['count']}`, shard['index']);
  }
  if (m['threads'] !== undefined && !isCount(m['threads'], 1)) return problem('threads', 'threads per replication (an integer ≥ 1)', m['threads']);
  if (m['workers'] !== undefined && !isCount(m['workers'], 0)) return problem('workers', 'worker threads (an integer ≥ 0)', m['workers']);
  if (typeof m['startedAt'] !== 'string') return problem('startedAt', 'when the run started (an ISO-8601 string)', m['startedAt']);
  if (m['endedAt'] !== null && typeof m['endedAt'] !== 'string') return problem('endedAt', 'when the run ended (an ISO-8601 string), or null', m['endedAt']);
  if (typeof m['wallMs'] !== 'number' || !(m['wallMs'] >= 0)) return problem('wallMs', 'the wall time spent (milliseconds ≥ 0)', m['wallMs']);
  return undefined;
}
