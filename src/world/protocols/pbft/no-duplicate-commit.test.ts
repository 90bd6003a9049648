/**
 * A new PBFT primary behind the stable checkpoint its view starts from orders no request that a
 * batch below that checkpoint already committed. In the configuration iomtsim fuzz found (n = 6,
 * partitions, a leader crash and overload), the primary of view 2 had executed 49 batches while
 * the new view started from checkpoint 61; its pool still held the requests of batches 50–61, it
 * proposed them again after O, and 660 transactions committed twice.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('PBFT under the fuzzer-found schedule with a lagging new primary', () => {
  it('commits no transaction twice (validity holds) and stays safe and live', async () => {
    const verdict = await findingVerdicts('pbft-lagging-primary-duplicate');
    expect(verdict['validity']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['liveness']).toMatch(/^true/);
  }, 60_000);
});
