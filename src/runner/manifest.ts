/**
 * manifest.json (docs/results.md): what was run (the resolved scenario and the input it came from,
 * seeds, sweep, shard), with what (versions, commit, host), and how it ended. The runner and the
 * CLI may read the wall clock and the host here; the models never do.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import type { Dimension, LoadedScenario, Scenario } from '../scenario/index.ts';
import type { RunStatus } from './summary.ts';
import type { Shard } from './shard.ts';
import type { RecordedFiles } from '../io/recorded-files.ts';

export const RESULTS_FORMAT = 'iomtsim-results/1' as const;

export const RUN_KINDS = ['run', 'sweep', 'size'] as const;

export type RunKind = (typeof RUN_KINDS)[number];

export interface Manifest {
  readonly format: typeof RESULTS_FORMAT;
  readonly kind: RunKind;
  readonly status: RunStatus;
  readonly scenario: Scenario;
  /** The merged scenario input (extends followed, --set applied) the points are derived from. */
  readonly scenarioInput: Record<string, unknown>;
  readonly scenarioFile: string;
  readonly overrides: readonly string[];
  readonly seed: number;
  readonly replications: number;
  readonly replicationSeeds: readonly number[];
  readonly sweep?: { readonly dimensions: readonly Dimension[] };
  readonly shard?: Shard;
  /** Threads each replication was split over (`--threads`); absent for 1. */
  readonly threads?: number;
  /**
   * Worker threads the replications ran on (`--workers`; a resumed run's own, the last); results
   * never depend on it. Absent in merged folders (each shard ran on its own) and in folders from
   * before it was recorded.
   */
  readonly workers?: number;
  /** Size searches only: the parameter, its range, the SLOs and whether the largest or smallest value is sought. */
  readonly size?: { readonly key: string; readonly lo: number; readonly hi: number; readonly slos: readonly string[]; readonly goal: 'largest' | 'smallest' };
  readonly versions: { readonly iomtsim: string; readonly node: string };
  readonly commit: string | null;
  readonly host: { readonly hostname: string; readonly cpus: number; readonly cpuModel: string };
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly wallMs: number;
  /** Size and SHA-256 of each result file, written with the manifest (after them); absent in folders from before it was recorded. */
  readonly files?: RecordedFiles;
  /**
   * While a checkpoint writes the result files: the records of what it writes, beside `files` (the
   * last checkpoint's). A process killed meanwhile leaves each file as one or the other records,
   * never in between (each is replaced whole), so `--resume` can read it; gone once the checkpoint's
   * manifest is written.
   */
  readonly pendingFiles?: RecordedFiles;
  /** SHA-256 of the manifest's own text with this field zeroed (src/io/recorded-files.ts); written last. */
  readonly selfSha256?: string;
}

/** Everything that identifies what a run computes; shards of one sweep share it exactly. */
export type ManifestIdentity = Pick<Manifest, 'kind' | 'scenarioInput' | 'seed' | 'replications' | 'replicationSeeds' | 'sweep'>;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: new URL('../..', import.meta.url), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}

/** The fields a new run's manifest opens with: its kind, the scenario as loaded, and the replication seeds. */
export function manifestHead(
  kind: RunKind,
  loaded: LoadedScenario,
  seeds: readonly number[],
): Pick<Manifest, 'format' | 'kind' | 'scenario' | 'scenarioInput' | 'scenarioFile' | 'overrides' | 'seed' | 'replications' | 'replicationSeeds'> {
  return {
    format: RESULTS_FORMAT,
    kind,
    scenario: loaded.scenario,
    scenarioInput: loaded.input,
    scenarioFile: loaded.file,
    overrides: loaded.overrides,
    seed: loaded.scenario.seed,
    replications: seeds.length,
    replicationSeeds: seeds,
  };
}

export function environment(): Pick<Manifest, 'versions' | 'commit' | 'host'> {
  const cpuList = cpus();
  return {
    versions: { iomtsim: packageVersion(), node: process.version },
    commit: gitCommit(),
    host: { hostname: hostname(), cpus: cpuList.length, cpuModel: cpuList[0]?.model.trim() ?? 'unknown' },
  };
}
