/**
 * The cost table's arithmetic (src/ledger/crypto.ts): what hashing a given number of bytes, and
 * many charges below a microsecond, come to in virtual time.
 */
import { describe, expect, it } from 'vitest';
import { CpuCharger, hashCostUs, ZERO_CRYPTO_COSTS } from './crypto.ts';

describe('hashCostUs', () => {
  it('charges the fixed cost plus the per-KiB rate for every 1,024 bytes', () => {
    const costs = { ...ZERO_CRYPTO_COSTS, hashUs: 0.5, hashPerKiBUs: 3 };
    expect(hashCostUs(costs, 0)).toBe(0.5);
    expect(hashCostUs(costs, 2_048)).toBe(6.5);
    expect(hashCostUs(costs, 512)).toBe(2);
  });
});

describe('CpuCharger', () => {
  it('charges whole µs and carries the fraction on, so ten charges of 0.25 µs come to 2 µs charged, 0.5 µs carried', () => {
    const charged: number[] = [];
    const cpu = new CpuCharger({ cpu: (us) => charged.push(us) });
    for (let i = 0; i < 10; i++) cpu.charge(0.25);
    expect(charged).toEqual([1, 1]);
    cpu.charge(0.5);
    expect(charged).toEqual([1, 1, 1]);
  });
});
