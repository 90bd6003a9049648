/**
 * A HotStuff proposer leaves out transactions already in the uncommitted branch it extends. The
 * configuration iomtsim fuzz found (n = 9, partitions, leader crashes, 242 ms view timeouts) had a
 * transaction carried by an abandoned fork and by a pending ancestor; the fork's pruning put it
 * back in the pool and the next leader proposed it again, so 16 transactions committed twice.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('HotStuff under the fuzzer-found schedule', () => {
  it('commits no transaction twice (validity holds) and stays safe and live', async () => {
    const verdict = await findingVerdicts('hotstuff-duplicate-commit');
    expect(verdict['validity']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['liveness']).toMatch(/^true/);
  }, 60_000);
});
