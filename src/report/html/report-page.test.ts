import { describe, expect, it } from 'vitest';
import type { SummaryPoint, ResultsFolder } from '../results/types.ts';
import { runFacts, statusBanners } from './report-page.ts';

function folder(points: number, replications: number, shard?: { index: number; count: number }): ResultsFolder {
  const point = (): SummaryPoint => ({ parameters: {}, n: 1, metrics: {}, checks: [], expectations: [], traceHashes: [] });
  return {
    dir: '/r',
    manifest: { format: 'iomtsim-results/1', kind: points > 1 ? 'sweep' : 'run', status: 'complete', scenario: {}, seed: 1, replications, ...(shard === undefined ? {} : { shard }) },
    summary: { scenario: 's', status: 'complete', points: Array.from({ length: points }, point), failures: [] },
    replications: [],
    hasReplicationsFile: false,
    timeseries: null,
  };
}

describe("a report's header facts", () => {
  it("of a shard say which shard it is and which replications it holds, with a note that the numbers cover only those, where the run's count alone read as the shard's", () => {
    const half = folder(2, 2, { index: 1, count: 2 });
    expect(runFacts(half)).toContain('shard 1/2');
    expect(runFacts(half)).toContain("holds replication 0 of each point's 2");
    expect(runFacts(half)).not.toContain('2 replications');
    expect(statusBanners(half)).toEqual(["This is shard 1/2 of its run: the numbers cover only the replications this shard holds (replication 0 of each point's 2), not all the run's; iomtsim merge of the 2 shards' folders gives the whole run's."]);
    // Tasks go round robin over (point, replication): with 3 replications the points' shares differ.
    expect(runFacts(folder(2, 3, { index: 1, count: 2 }))).toContain("holds 1 to 2 of each point's 3 replications, point 0: 0, 2; point 1: 1");
    expect(runFacts(folder(1, 2, { index: 2, count: 2 }))).toContain('holds replication 1 of the 2');
    expect(runFacts(folder(1, 1, { index: 2, count: 2 }))).toContain('holds none of the 1');
  });

  it('of a whole run give its replications and no shard note', () => {
    const whole = folder(1, 2);
    expect(runFacts(whole)).toContain('2 replications');
    expect(runFacts(whole).some((f) => f.startsWith('shard'))).toBe(false);
    expect(statusBanners(whole)).toEqual([]);
  });
});
