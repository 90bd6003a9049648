/**
 * A bundled scenario run in this process as `iomtsim run` runs it, with its verdict: the mean of
 * each metric and what kept it from passing (an unmet expectation, a failed check that counts),
 * so a test can show a broken defence turning the scenario's own `expect:` against it (exit 1).
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../scenario/load.ts';
import { runScenario } from '../run.ts';
import { checkCounts, summaryPassed } from '../summary.ts';
import { tempRoot } from './fixtures.ts';

export interface BundledVerdict {
  /** Mean of each metric over the replications. */
  readonly metric: (name: string) => number | undefined;
  /** `expect <metric> <condition>` and `check <name>` lines, one per failure. */
  readonly failures: readonly string[];
  /** Whether `iomtsim run` would exit 0. */
  readonly passed: boolean;
}

/** Run `scenarios/<path>` (e.g. 'attacks/tamper.yaml') with `sets` applied. */
export async function runBundled(path: string, sets: readonly string[] = []): Promise<BundledVerdict> {
  const loaded = loadScenario(fileURLToPath(new URL(`../../../scenarios/${path}`, import.meta.url)), sets);
  const outDir = tempRoot('bundled');
  try {
    const { summary } = await runScenario({ loaded, workers: 0, outDir });
    const point = summary.points[0]!;
    const failures = [
      ...point.expectations.filter((e) => !e.passed).map((e) => `expect ${e.metric} ${e.condition}`),
      ...point.checks.filter((c) => !c.passed && checkCounts(point, c)).map((c) => `check ${c.name}`),
    ];
    return { metric: (name) => point.metrics[name]?.mean, failures, passed: summaryPassed(summary) };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
