/**
 * A stand-in for a checkout of another commit, for tests of `--beside`: a git repository of one
 * commit whose bin/iomtsim.mjs answers `bench SUITE --only NAME --runs N --json FILE` by writing
 * FILE's full report with N runs of NAME, without running anything. Run i takes i + 1 ms of CPU, or
 * FAKE_BESIDE_CPU_MS where that is set; with FAKE_BESIDE_FAIL set it fails (exit 3) instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FAKE_CLI = `import { writeFileSync } from 'node:fs';
const args = process.argv.slice(2);
const flag = (f) => args[args.indexOf(f) + 1];
if (process.env.FAKE_BESIDE_FAIL) { process.stderr.write('the old build broke\\n'); process.exit(3); }
const runs = Number(flag('--runs'));
const cpu = (i) => (process.env.FAKE_BESIDE_CPU_MS ? Number(process.env.FAKE_BESIDE_CPU_MS) : i + 1);
const samples = Array.from({ length: runs }, (_, i) => ({ wallMs: cpu(i), cpuMs: cpu(i), calibrationMs: 1, calibrationCpuMs: 1, events: 1, simulatedSeconds: 1 }));
writeFileSync(flag('--json').replace(/\\.json$/, '.full.json'), JSON.stringify({ schema: 'iomtsim.bench/1', entries: [{ name: flag('--only'), suite: args[1], samples }] }));
`;

/** Makes `dir` such a checkout and returns its commit. */
export function makeFakeCheckout(dir: string): string {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'bin', 'iomtsim.mjs'), FAKE_CLI);
  const git = (...a: string[]) => execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8' }).trim();
  git('init', '--quiet');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'baseline');
  return git('rev-parse', 'HEAD');
}
