/**
 * `iomtsim merge`: combine the shards of one run (`--shard i/n`, i = 1..n) into one results folder
 * identical to the unsharded run: the same replication records, hence the same summary. Shards
 * must come from the same scenario input, seed, replications and sweep, and all n must be present
 * and finished.
 */
import { join } from 'node:path';
import { inputError } from '../scenario/index.ts';
import { describeFound, dottedPath } from '../scenario/errors.ts';
import { outFlagSource } from '../io/output-folder.ts';
import type { Manifest, ManifestIdentity } from './manifest.ts';
import { buildPoints } from './plan.ts';
import { checkRecordedReplications } from './records-check.ts';
import { checkResultsFolder, ensureDir, readResults, writeResultFiles } from './results-dir.ts';
import { buildSummary, compareRecords, type RunStatus, type Summary } from './summary.ts';
import type { FinishedReplication, ReplicationFailure } from './types.ts';

function identity(m: Manifest): ManifestIdentity {
  return { kind: m.kind, scenarioInput: m.scenarioInput, seed: m.seed, replications: m.replications, replicationSeeds: m.replicationSeeds, ...(m.sweep ? { sweep: m.sweep } : {}) };
}

/**
 * The identity fields in the order a difference is named: the seed before the replication seeds it
 * derives, the plan before the scenario input, so that the field named is the one that was changed.
 */
const IDENTITY_ORDER: readonly (keyof ManifestIdentity)[] = ['kind', 'seed', 'replications', 'replicationSeeds', 'sweep', 'scenarioInput'];

/** The path of the first value where `a` and `b` (JSON values) differ, with both values; null when equal. */
function firstDifference(a: unknown, b: unknown, path: readonly PropertyKey[]): { path: readonly PropertyKey[]; a: unknown; b: unknown } | null {
  const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], [...path, i]);
      if (d !== null) return d;
    }
    return null;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[key], b[key], [...path, key]);
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : { path, a, b };
}

/** The first identity field in which `shard` differs from `first`, or null when it is of the same run. */
function identityDifference(first: Manifest, shard: Manifest): { path: readonly PropertyKey[]; a: unknown; b: unknown } | null {
  const a = identity(first);
  const b = identity(shard);
  for (const key of IDENTITY_ORDER) {
    const d = firstDifference(a[key], b[key], [key]);
    if (d !== null) return d;
  }
  return null;
}

/**
 * Two differing strings as the message shows them: whole where both are short, else each from a
 * little before their first difference (describeFound's first 57 characters of two long strings
 * that differ later read the same).
 */
function differingTexts(a: string, b: string): [string, string] {
  if (a.length <= 60 && b.length <= 60) return [describeFound(a), describeFound(b)];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 20);
  const excerpt = (s: string): string => `'${from > 0 ? '...' : ''}${s.slice(from, from + 57)}${s.length > from + 57 ? '...' : ''}'`;
  return [excerpt(a), excerpt(b)];
}

export interface MergeOutcome {
  readonly dir: string;
  readonly status: RunStatus;
  readonly summary: Summary;
}

export function mergeShards(dirs: readonly string[], outDir: string): MergeOutcome {
  if (dirs.length === 0) throw inputError('iomtsim merge', '(arguments)', 'one or more shard folders', 'none');
  checkResultsFolder({ outDir }, 'a folder that holds no results yet');
  const shards = dirs.map((dir) => ({ dir, ...readResults(dir) }));
  const first = shards[0]!;
  const count = first.manifest.shard?.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const file = join(s.dir, 'manifest.json');
    const shard = s.manifest.shard;
    if (!shard) throw inputError(file, 'shard', 'a shard of a run (made with --shard i/n)', 'an unsharded run');
    if (shard.count !== count) throw inputError(file, 'shard.count', `${count} (as in ${first.dir})`, String(shard.count));
    const differs = identityDifference(first.manifest, s.manifest);
    if (differs !== null) {
      const path = dottedPath(differs.path);
      const [a, b] = typeof differs.a === 'string' && typeof differs.b === 'string' ? differingTexts(differs.a, differs.b) : [describeFound(differs.a), describeFound(differs.b)];
      throw inputError(file, path, `${differs.a === undefined ? `no ${path}` : a} (as in ${first.dir})`, b);
    }
    const other = seen.get(shard.index);
    if (other !== undefined) throw inputError(file, 'shard.index', `each shard once (${shard.index}/${count} is also ${other})`, `shard ${shard.index}/${count} twice`);
    seen.set(shard.index, s.dir);
    if (s.manifest.status === 'running' || s.manifest.status === 'interrupted') {
      throw inputError(file, 'status', "a finished shard ('complete' or 'failed'; resume it with --resume)", `'${s.manifest.status}'`);
    }
  }
  const missing = Array.from({ length: count! }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw inputError('iomtsim merge', '(arguments)', `all ${count} shards`, `shards ${[...seen.keys()].sort((a, b) => a - b).join(', ')} (missing ${missing.join(', ')})`);

  const m = first.manifest;
  const points = buildPoints(m.scenarioInput, () => join(first.dir, 'manifest.json'), m.sweep?.dimensions ?? []);
  // Each shard's records against its own slice of the plan, as --resume holds them, before anything
  // is written: a record of another shard's replication, or one the run does not have, would be
  // counted twice or beside the run's, and a complete shard short of a replication would merge into
  // a folder marked complete without it.
  for (const s of shards) checkRecordedReplications(s.dir, s, { points, replicationSeeds: m.replicationSeeds, shard: s.manifest.shard! });
  const finished: FinishedReplication[] = shards.flatMap((s) => s.finished).sort((a, b) => compareRecords(a.record, b.record));
  const failures: ReplicationFailure[] = shards.flatMap((s) => [...s.failures]);
  const status: RunStatus = failures.length > 0 ? 'failed' : 'complete';
  const summary = buildSummary(m.scenario.name, status, points, finished.map((f) => f.record), failures);
  const { shard: _shard, workers: _workers, ...unsharded } = m;
  const manifest: Manifest = {
    ...unsharded,
    status,
    startedAt: shards.map((s) => s.manifest.startedAt).sort()[0]!,
    endedAt: shards.map((s) => s.manifest.endedAt ?? '').sort().at(-1) ?? null,
    wallMs: shards.reduce((sum, s) => sum + s.manifest.wallMs, 0),
  };
  ensureDir(outDir, outFlagSource(outDir));
  writeResultFiles(outDir, manifest, summary, finished);
  return { dir: outDir, status, summary };
}
