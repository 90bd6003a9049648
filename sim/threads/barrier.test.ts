import { describe, expect, it } from 'vitest';
import { spinChecksFor } from './barrier.ts';

describe('barrier spin', () => {
  it('spins long only when each thread of the run can have a core of its own', () => {
    expect(spinChecksFor(2, 2)).toBeGreaterThan(spinChecksFor(3, 2));
    expect(spinChecksFor(1, 2)).toBe(spinChecksFor(16, 16));
    expect(spinChecksFor(4, 2)).toBe(spinChecksFor(17, 16));
  });
});
