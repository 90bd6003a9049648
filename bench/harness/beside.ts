/**
 * The baseline's own commit, run beside this build. A recorded baseline was timed in another
 * session, and dividing by the calibration loop does not cancel every change of the machine: on
 * this shared 2-core machine, with no change to the code, pow.nodes600_blocks100 measured +3 to
 * +10 % against its baseline on one day and +35 to +41 % (confirmed on fresh runs) on the next,
 * while the other entries stayed within ±21 %; and a build of it made 36 % slower (measured
 * against its commit beside it) showed +10.7 %, no significant change, against the recorded runs
 * minutes later. So each entry is run in a checkout of the baseline's commit with
 * its own build (bench/scripts/baseline-checkout.sh makes one), between two processes of this
 * build's runs (command.ts), the two sides compared, and one found
 * slower is run again alternately in both (docs/ci.md, "Against the baseline's commit").
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchInputError } from './baseline.ts';
import type { BesideRuns } from './compare.ts';
import type { EntryResult, FullReport, RunSample } from './results.ts';

export interface BesideCheckout {
  readonly dir: string;
  readonly commit: string;
}

/**
 * The checkout at `dir`, checked against the baseline read from `baselineFile`: it must be a git
 * checkout of the commit the baseline records, without local changes, and the baseline must have
 * been recorded from that commit as committed.
 */
export function checkBesideCheckout(dir: string, baseline: FullReport, baselineFile: string): BesideCheckout {
  const commit = baseline.environment.commit;
  const makeOne = `bench/scripts/baseline-checkout.sh ${dir} makes one`;
  if (baseline.environment.dirty) throw new BenchInputError(`${baselineFile}: field 'environment.dirty': expected false with --beside (a baseline timed on uncommitted code has no commit to run beside it), found true`);
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new BenchInputError(`${baselineFile}: field 'environment.commit': expected a full commit hash with --beside, found '${commit}'`);
  if (!existsSync(join(dir, 'bin', 'iomtsim.mjs'))) throw new BenchInputError(`--beside: expected a checkout of the baseline's commit ${commit.slice(0, 7)} (${makeOne}), found no bin/iomtsim.mjs in ${dir}`);
  let head: string;
  let changes: string;
  try {
    head = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    // Each line is 'XY path': trimmed at its end only, or the first line's status loses a column.
    changes = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd();
  } catch (e) {
    throw new BenchInputError(`--beside: expected a git checkout of the baseline's commit ${commit.slice(0, 7)} (${makeOne}), found ${dir}, where git failed (${(e as Error).message.split('\n')[0]})`);
  }
  if (head !== commit) throw new BenchInputError(`--beside: expected a checkout of the baseline's commit ${commit}, found ${dir} at ${head}`);
  if (changes !== '') {
    const files = changes.split('\n').map((line) => line.slice(3));
    const named = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
    throw new BenchInputError(`--beside: expected ${dir} to hold the baseline's commit ${commit.slice(0, 7)} unchanged, found local changes to ${files.length} files (${named})`);
  }
  return { dir, commit };
}

/**
 * Runs the entry `name` of `suite` in the checkout at `dir` through its own command line
 * (`iomtsim bench SUITE --only NAME --runs RUNS --json FILE`, whose full report is the baseline
 * format every version writes) and returns its measured runs.
 */
export async function runBesideEntry(dir: string, suite: string, name: string, runs: number, threads: number): Promise<readonly RunSample[]> {
  const out = mkdtempSync(join(tmpdir(), 'iomtsim-beside-'));
  try {
    const args = [join(dir, 'bin', 'iomtsim.mjs'), 'bench', suite, '--only', name, '--runs', String(runs), '--json', join(out, 'beside.json')];
    if (threads > 1) args.push('--threads', String(threads));
    const { code, stderr } = await runNode(args, dir);
    const full = join(out, 'beside.full.json');
    if (code !== 0 || !existsSync(full)) throw new Error(`the baseline's commit in ${dir} did not run '${name}' (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
    const report = JSON.parse(readFileSync(full, 'utf8')) as FullReport;
    const entry = report.entries.find((e) => e.name === name);
    if (entry === undefined || entry.samples.length !== runs) throw new Error(`the baseline's commit in ${dir} reported ${entry?.samples.length ?? 0} of ${runs} runs of '${name}'`);
    return entry.samples;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function runNode(args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    // 'close', not 'exit': stderr is read to its end first, so a failure's last lines are there.
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * The entry's fresh runs and the baseline commit's, taken in the order beside, here, here, beside
 * (`half` runs each time), so that a machine growing slower or faster during the four affects both
 * sides alike.
 */
export async function runAlternately(checkout: BesideCheckout, half: number, runHere: (runs: number) => Promise<readonly RunSample[]>, runBeside: (runs: number) => Promise<readonly RunSample[]>): Promise<{ fresh: readonly RunSample[]; beside: BesideRuns }> {
  const b1 = await runBeside(half);
  const h1 = await runHere(half);
  const h2 = await runHere(half);
  const b2 = await runBeside(half);
  return { fresh: [...h1, ...h2], beside: { commit: checkout.commit, samples: [...b1, ...b2] } };
}

/**
 * The baseline with the runs of its commit taken beside this build in place of its recorded
 * runs, so that the comparison reads only this machine's timings of now; entries not run beside
 * keep their recorded runs only to be listed as not run.
 */
export function besideReference(baseline: FullReport, besideSamples: ReadonlyMap<string, readonly RunSample[]>): FullReport {
  const entries: EntryResult[] = baseline.entries.map((e) => {
    const samples = besideSamples.get(e.name);
    return samples === undefined ? e : { ...e, samples };
  });
  return { ...baseline, entries };
}
