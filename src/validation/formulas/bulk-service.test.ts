import { describe, expect, it } from 'vitest';
import { bulkServiceWait } from './bulk-service.ts';

describe('bulkServiceWait', () => {
  it('reproduces the worked example of docs/references.md §2 (λ=0.5/s, μ=0.1/s, b=10: r≈0.8688, W≈13.25 s)', () => {
    const q = bulkServiceWait(0.5, 0.1, 10);
    expect(q.r).toBeCloseTo(0.8688, 4);
    expect(q.meanWait).toBeCloseTo(13.25, 2);
  });

  it('reduces to the M/M/1 queue length ratio ρ = λ/μ when b = 1', () => {
    // b = 1: μ r² − (λ+μ) r + λ = 0 has roots 1 and λ/μ.
    expect(bulkServiceWait(0.3, 1, 1).r).toBeCloseTo(0.3, 12);
  });

  it('rejects an unstable queue', () => {
    expect(() => bulkServiceWait(2, 0.1, 10)).toThrow(/unstable/);
  });
});
