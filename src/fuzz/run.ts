/**
 * Runs seeds on the runner's executor (in this thread, or a pool of worker threads as replications
 * run) and collects each seed's verdict. Seeds start in order; with `stopAtFirstFailure` no seed
 * after a failing one starts, and the seeds before it still finish, so the first failing seed
 * reported is the same for any number of workers.
 */
import { describeError } from '../runner/run-tasks.ts';
import { createExecutor } from '../runner/executor.ts';
import type { Scenario } from '../scenario/index.ts';
import { deriveCase, type FuzzCase, type NodeRange } from './derive.ts';
import { scenarioOf } from './scenario-file.ts';
import type { FuzzTarget } from './target.ts';
import { crashVerdict, verdictOf, type SeedVerdict } from './verdict.ts';

export interface FuzzRequest {
  readonly target: FuzzTarget;
  readonly seeds: readonly number[];
  readonly nodes: NodeRange;
  readonly beyond: boolean;
  /** 0 runs in this thread. */
  readonly workers: number;
  readonly stopAtFirstFailure: boolean;
  readonly signal?: AbortSignal;
  readonly onSeed?: (result: SeedResult) => void;
}

export interface SeedResult {
  readonly case: FuzzCase;
  readonly verdict: SeedVerdict;
  /** The run's trace hash (empty for a crash): equal runs, equal hashes. */
  readonly traceHash: string;
  /** Simulated time the run reached (0 for a crash). */
  readonly simulatedUs: number;
  readonly wallMs: number;
}

export interface FuzzOutcome {
  /** Every seed that ran, in seed order. */
  readonly results: readonly SeedResult[];
  readonly interrupted: boolean;
}

export async function runFuzz(request: FuzzRequest): Promise<FuzzOutcome> {
  // Derive and validate every case before anything runs: bad input writes and runs nothing.
  const cases: { c: FuzzCase; scenario: Scenario }[] = [];
  for (const seed of request.seeds) {
    const c = deriveCase(request.target, seed, request.nodes, request.beyond);
    cases.push({ c, scenario: await scenarioOf(c, `${c.input['name'] as string} (derived by iomtsim fuzz)`) });
  }
  const executor = createExecutor(request.workers);
  const results = new Array<SeedResult | undefined>(cases.length);
  const signal = request.signal ?? new AbortController().signal;
  let firstFailure = Infinity;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < cases.length && !signal.aborted && next < firstFailure) {
      const k = next++;
      const { c, scenario } = cases[k]!;
      let result: SeedResult;
      try {
        const done = await executor.run({ point: 0, replication: k, seed: scenario.seed, scenario }, signal);
        result = { case: c, verdict: verdictOf(done.output), traceHash: done.output.traceHash, simulatedUs: done.output.simulatedUs, wallMs: done.wallMs };
      } catch (err) {
        if (signal.aborted) return;
        result = { case: c, verdict: crashVerdict(describeError(err)), traceHash: '', simulatedUs: 0, wallMs: 0 };
      }
      results[k] = result;
      if (result.verdict.kind !== 'pass' && request.stopAtFirstFailure) firstFailure = Math.min(firstFailure, k);
      request.onSeed?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(executor.concurrency, cases.length)) }, lane));
  } finally {
    await executor.close();
  }
  const ran = results.filter((r, k): r is SeedResult => r !== undefined && k <= firstFailure);
  return { results: ran, interrupted: signal.aborted };
}
