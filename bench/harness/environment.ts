/** The machine and code a suite ran on, recorded beside every result. */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { Environment } from './results.ts';

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function describeEnvironment(): Environment {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cpuCores: cpu.length,
    totalMemoryBytes: totalmem(),
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    commit: git(['rev-parse', 'HEAD']) ?? 'unknown',
    dirty: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
  };
}

/**
 * Where the machine or runtime differs from a baseline's: the calibration loop cancels clock speed
 * and load, not cache sizes, microarchitecture or another V8's compiler (docs/ci.md), so a speed
 * compared across them is only a hint. Fields a baseline lacks count as differing.
 */
export function environmentDifferences(baseline: Partial<Environment> | undefined, current: Environment): string[] {
  const fields: readonly (readonly [keyof Environment, string])[] = [['cpuModel', 'CPU model'], ['cpuCores', 'CPU cores'], ['nodeVersion', 'Node'], ['v8Version', 'V8']];
  const shown = (v: unknown) => (typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? 'nothing'));
  return fields.filter(([k]) => baseline?.[k] !== current[k]).map(([k, label]) => `${label} ${shown(baseline?.[k])} in the baseline, ${shown(current[k])} here`);
}
