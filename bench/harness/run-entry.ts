/** Parent side: run one entry in a child process and gather its samples. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { threadEntry } from '../../src/plugins/compiled.ts';
import type { ChildMessage } from './child-protocol.ts';
import type { BenchEntry, SimulatedMetrics } from './entry.ts';
import type { EntryResult, RunSample } from './results.ts';
import { goldenDiff } from './golden.ts';

/**
 * The child starts as a worker thread does (src/plugins/compiled.ts, threadEntry): from the
 * bundle's compiled entry when the bench runs from the bundle, or runs from sources the build in
 * dist/ was made from exactly (no TypeScript compiled in the child, and its peak memory without
 * tsx); through tsx otherwise. From sources through tsx each child spent about a second more
 * starting, and the bench's own tests start a dozen.
 */
const CHILD_SOURCE = new URL('./child.ts', import.meta.url).href;

/** An entry whose replication cannot split over the threads asked for, and why. */
export interface SkippedEntry {
  readonly name: string;
  readonly skipped: string;
}

/**
 * Unmeasured runs of the entry in each child before its measured ones. A child's first runs of an
 * entry are slow while V8 compiles its code. Over 11 children of the quick entries without them
 * (8-12 runs each, 2-core machine at load 9-15), each run over the median of its later runs: run 1
 * 1.5-4.2x (consensus.raft_n5_60s 2.7-3.0x, consensus.poa_n7_5m 3.5-4.2x), run 2 1.0-2.2x, run 3
 * 0.90-1.41x (mean 1.15), run 4 0.86-1.18x (mean 1.02), as later runs vary. Such runs kept the
 * baseline's spread so wide that the rank test could not call even a noise-free 25 % slowdown of
 * Raft or PoA significant (compare.test.ts, 'bench/baseline.json').
 */
export const UNTIMED_RUNS = 3;

/**
 * Every run's model results, unmeasured ones first, held against the first run of the process: a
 * cold one, as a user's process runs, and the run the golden results are checked against. The first
 * difference found is kept.
 */
export class RunsAgainstFirst {
  first: SimulatedMetrics | undefined;
  nondeterminism: string | undefined;
  private seen = 0;

  add(metrics: SimulatedMetrics, what: string): void {
    this.seen++;
    if (this.first === undefined) this.first = metrics;
    else if (this.nondeterminism === undefined) {
      const diff = goldenDiff(this.first, metrics);
      if (diff.length > 0) this.nondeterminism = `${what} (run ${this.seen} of the process) differs from its first run:\n${diff.join('\n')}`;
    }
  }
}

/**
 * Runs `entry` `untimedRuns` times unmeasured and then `runs` times measured in a child process, its
 * replication split over `threads` threads where more than one.
 */
export function runEntryInChild(entry: BenchEntry, runs: number, threads: number, untimedRuns: number, onRun?: (i: number, s: RunSample) => void): Promise<EntryResult | SkippedEntry> {
  return new Promise((resolve, reject) => {
    const start = threadEntry(CHILD_SOURCE);
    const child = fork(fileURLToPath(start.url), [entry.name, String(runs), String(threads), String(untimedRuns)], { execArgv: start.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let skipped: string | undefined;
    const samples: RunSample[] = [];
    let peakRssBytes = 0;
    let failure: string | undefined;
    const againstFirst = new RunsAgainstFirst();
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'unmeasured') againstFirst.add(m.metrics, 'an unmeasured run');
      else if (m.kind === 'run') {
        samples.push(m.sample);
        onRun?.(samples.length, m.sample);
        againstFirst.add(m.metrics, `measured run ${samples.length}`);
      } else if (m.kind === 'done') peakRssBytes = m.peakRssBytes;
      else if (m.kind === 'skipped') skipped = m.reason;
      else failure = m.message;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const { first: metrics, nondeterminism } = againstFirst;
      if (skipped !== undefined && failure === undefined && code === 0) {
        resolve({ name: entry.name, skipped });
        return;
      }
      if (failure !== undefined || code !== 0 || metrics === undefined || samples.length !== runs) {
        reject(new Error(`bench entry '${entry.name}' failed (exit ${code}): ${failure ?? `${samples.length} of ${runs} runs reported`}`));
        return;
      }
      const result: EntryResult = { name: entry.name, description: entry.description, samples, peakRssBytes, metrics };
      resolve(nondeterminism === undefined ? result : { ...result, nondeterminism });
    });
  });
}

/**
 * One entry's runs from two children as one result: the samples of both, the larger peak, and the
 * second child's results held against the first's, as each child holds its runs against its first.
 */
export function joinChildRuns(first: EntryResult, second: EntryResult): EntryResult {
  const diff = goldenDiff(first.metrics, second.metrics);
  const nondeterminism = first.nondeterminism ?? second.nondeterminism ?? (diff.length > 0 ? `the second process's first run differs from the first process's:\n${diff.join('\n')}` : undefined);
  const joined: EntryResult = { ...first, samples: [...first.samples, ...second.samples], peakRssBytes: Math.max(first.peakRssBytes, second.peakRssBytes) };
  return nondeterminism === undefined ? joined : { ...joined, nondeterminism };
}
