/**
 * PBFT replicas execute each request once even when a faulty primary orders it twice (Castro &
 * Liskov §4.1). In the configuration iomtsim fuzz found (n = 6, an equivocating primary), the
 * primary's two faces each received one request from backups on both sides and ordered it at two
 * sequence numbers; the NEW-VIEW re-proposed both and every replica executed it twice.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('PBFT under the fuzzer-found schedule with an equivocating primary', () => {
  it('executes the request ordered twice once (validity holds) and stays safe, live and in agreement', async () => {
    const verdict = await findingVerdicts('pbft-equivocator-orders-twice');
    expect(verdict['validity']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['state-agreement']).toMatch(/^true/);
  }, 60_000);
});
