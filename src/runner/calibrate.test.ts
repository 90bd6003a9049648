import { describe, expect, it } from 'vitest';
import { calibrateCrypto } from './calibrate.ts';

describe('calibrateCrypto', () => {
  it('measures a positive, finite cost for every operation, signing cheaper than verifying', () => {
    const c = calibrateCrypto({ budgetMsPerOperation: 20 });
    for (const v of [c.signUs, c.verifyUs, c.hashUs, c.macUs!]) {
      expect(v).toBeGreaterThan(0);
      expect(Number.isFinite(v)).toBe(true);
    }
    expect(c.hashPerKiBUs).toBeGreaterThanOrEqual(0);
    // Ed25519 verification costs about twice a signature (RFC 8032 §5.1.7 does two scalar multiplications).
    expect(c.verifyUs).toBeGreaterThan(c.signUs);
  });
});
