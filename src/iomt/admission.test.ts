import { describe, expect, it } from 'vitest';
import { KeyRing } from '../ledger/index.ts';
import { ACCEPTED, Admission, REJECT_REASONS, type RegistryView } from './admission.ts';
import { readingTerm, type ReadingMessage } from './reading.ts';

const GW = 50;
const ring = new KeyRing('symbolic', 1);
const key = ring.issue(1000);
const otherKey = ring.issue(1001);
const registry: RegistryView = { registeredKey: (device, gateway) => (device === 7 && gateway === GW ? 1000 : -1) };

function reading(seq: number, timestampUs: number, value = 97, k = key, device = 7): ReadingMessage {
  const sig = k.sign(ring.digest(readingTerm(device, seq, timestampUs, value, 20)));
  return { kind: 'reading', device, seq, timestampUs, value, payloadBytes: 20, keyId: k.signer, sig, trueUs: timestampUs };
}
function admission(): Admission {
  return new Admission(GW, [1_000_000], { freshnessUs: 30_000_000, rateLimitFactor: 2, rateLimitBurst: 3 }, registry, ring);
}
const reason = (r: number) => (r === ACCEPTED ? 'accepted' : REJECT_REASONS[r]);

describe('Admission', () => {
  it('accepts a fresh, correctly signed reading from a registered device', () => {
    expect(reason(admission().check(0, reading(0, 5_000_000), 5_000_000))).toBe('accepted');
  });

  it('rejects a reading whose value was changed after signing', () => {
    const m = { ...reading(0, 5_000_000), value: 80 };
    expect(reason(admission().check(0, m, 5_000_000))).toBe('bad-signature');
  });

  it('rejects a reading signed with a key other than the registered one', () => {
    expect(reason(admission().check(0, reading(0, 5_000_000, 97, otherKey), 5_000_000))).toBe('bad-signature');
  });

  it('rejects an unregistered device, a stale timestamp and a replayed sequence number', () => {
    const a = admission();
    expect(reason(a.check(0, reading(0, 5_000_000, 97, key, 8), 5_000_000))).toBe('unregistered');
    expect(reason(a.check(0, reading(1, 5_000_000), 40_000_000))).toBe('stale');
    expect(reason(a.check(0, reading(2, 41_000_000), 41_000_000))).toBe('accepted');
    expect(reason(a.check(0, reading(2, 41_000_000), 41_500_000))).toBe('replay');
    expect([...a.rejected]).toEqual([1, 0, 1, 1, 0]);
  });

  it('rate-limits a device that sends faster than its bucket allows', () => {
    const a = admission();
    const outcomes: string[] = [];
    // Nominal 1/s, limit 2/s with a burst of 3: ten readings within 10 ms leave 3 accepted.
    for (let i = 0; i < 10; i++) outcomes.push(reason(a.check(0, reading(i, 5_000_000 + i * 1000), 5_000_000 + i * 1000))!);
    expect(outcomes.filter((o) => o === 'accepted').length).toBe(3);
    expect(outcomes.filter((o) => o === 'rate-limited').length).toBe(7);
  });
});
