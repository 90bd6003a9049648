/**
 * One `iomtsim run SCENARIO ARGS... --set k=v...` in a fresh process, as the scaling scripts time it:
 * its wall time (start-up included) and its summary's points, as text, so that runs can be compared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/iomtsim.mjs', import.meta.url));

export function runCliOnce(scenario: string, args: readonly string[], sets: readonly string[]): { wallS: number; points: string } {
  const dir = mkdtempSync(join(tmpdir(), 'iomtsim-scaling-'));
  const out = join(dir, 'results');
  try {
    const argv = [CLI, 'run', scenario, ...args, '--no-report', '--json', '--out', out, ...sets.flatMap((s) => ['--set', s])];
    const start = performance.now();
    const r = spawnSync(process.execPath, argv, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const wallS = (performance.now() - start) / 1000;
    if (r.status !== 0) throw new Error(`iomtsim run ${args.join(' ')} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { points: unknown };
    return { wallS, points: JSON.stringify(summary.points) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
