import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFuzz } from './run.ts';
import { moduleTarget } from './target.ts';

const SEQUENCER = fileURLToPath(new URL('../../examples/plugins/sequencer.ts', import.meta.url));

describe('the example plug-in protocol under the fuzzer', () => {
  it('commits again after its primary is cut off and the partition heals (seeds 1 and 5, a leader isolation each)', async () => {
    // Before the sequencer bounded its re-sends, both stalled from the end of the fault phase to the
    // end of the run: every unacknowledged block went to every backup cut off, every interval.
    const outcome = await runFuzz({ target: await moduleTarget(SEQUENCER), seeds: [1, 5], nodes: { lo: 4, hi: 13 }, beyond: false, workers: 0, threads: 1, stopAtFirstFailure: false });
    expect(outcome.results.map((r) => [r.case.seed, r.verdict.kind])).toEqual([[1, 'pass'], [5, 'pass']]);
  }, 60_000);
});
