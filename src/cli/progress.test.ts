import { describe, expect, it } from 'vitest';
import { describeProgress } from './progress.ts';

describe('progress line', () => {
  it('shows replications done, simulated seconds per wall second and the ETA', () => {
    const line = describeProgress({ done: 2, failed: 0, total: 8, simulatedUs: 120_000_000, elapsedMs: 4_000 });
    expect(line).toBe('2/8 replications · 30.0 sim-s/s · elapsed 4s · ETA 12s');
  });

  it('counts failed replications as finished and names them', () => {
    expect(describeProgress({ done: 1, failed: 1, total: 4, simulatedUs: 0, elapsedMs: 1_000 })).toContain('2/4 replications, 1 failed');
  });
});
