import { describe, expect, it } from 'vitest';
import { MessageLabels } from './labels.ts';

describe('MessageLabels', () => {
  it("reports each of a class's counters under its own name: sent where sent, the rest as the gateway tap counts them", () => {
    const labels = new MessageLabels();
    for (let i = 0; i < 4; i++) {
      const m = { kind: 'reading' };
      labels.mark(m, 'flood');
      labels.sent(m);
    }
    labels.mark({ kind: 'reading' }, 'forged');
    // What the tap does at arrival, acceptance and the store's acknowledgement.
    const flood = labels.counts('flood');
    flood.arrived = 3;
    flood.accepted = 2;
    flood.stored = 1;
    const m = labels.metrics('flood', 'attack.flood');
    expect(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.value]))).toEqual({
      'attack.flood_sent': 4,
      'attack.flood_arrived': 3,
      'attack.flood_accepted': 2,
      'attack.flood_stored': 1,
    });
  });

  it('counts a marked reading as sent only once it is sent, and a genuine one never', () => {
    const labels = new MessageLabels();
    const copy = { kind: 'reading' };
    labels.mark(copy, 'replayed');
    expect(labels.counts('replayed').sent).toBe(0);
    labels.sent(copy);
    labels.sent({ kind: 'reading' });
    expect(labels.totals()).toEqual({ replayed: { sent: 1, arrived: 0, accepted: 0, stored: 0 } });
  });

  it("adds the partitions' counts to its own", () => {
    const labels = new MessageLabels();
    const reading = { kind: 'reading' };
    labels.mark(reading, 'flood');
    labels.sent(reading);
    labels.add({ flood: { sent: 5, arrived: 4, accepted: 3, stored: 2 } });
    labels.add({ flood: { sent: 1, arrived: 1, accepted: 1, stored: 1 } });
    const m = labels.metrics('flood', 'attack.flood');
    expect(m['attack.flood_sent']?.value).toBe(7);
    expect(m['attack.flood_stored']?.value).toBe(3);
  });
});
