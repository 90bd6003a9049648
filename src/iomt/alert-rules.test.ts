import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, RuleState } from './alert-rules.ts';
import { CHANNEL_INDEX } from './profiles.ts';

const S = 1_000_000;

describe('RuleState', () => {
  it("applies to each slot only the rules of its own channel, each firing once its hold is reached", () => {
    // Slots: glucose, SpO2, heart rate, SpO2 again. Default rules: spo2-low (15 s hold), hr-high (5 s).
    const state = new RuleState(DEFAULT_ALERT_RULES, [CHANNEL_INDEX.glucose, CHANNEL_INDEX.spo2, CHANNEL_INDEX.hr, CHANNEL_INDEX.spo2]);
    const firedAt = (slot: number, value: number): number[] => {
      const fired: number[] = [];
      for (let t = 0; t <= 20; t++) if (state.feed(slot, value, t * S)) fired.push(t, state.firedRule);
      return fired;
    };
    expect(firedAt(0, 50)).toEqual([]); // below 90 and under 120, but glucose has no rule
    expect(firedAt(1, 85)).toEqual([15, 0]); // spo2-low after 15 s
    expect(firedAt(2, 150)).toEqual([5, 1]); // hr-high after 5 s
    expect(firedAt(3, 150)).toEqual([]); // an SpO2 of 150 is not above any SpO2 rule
  });

  it('reports when the condition began, and re-arms once the value is back to normal: a second condition fires after its own hold', () => {
    // hr-high (5 s hold): a heart rate of 150 from 3 s to 9 s, 80 at 10 s and 11 s, 150 again from 12 s.
    const state = new RuleState(DEFAULT_ALERT_RULES, [CHANNEL_INDEX.hr]);
    const fired: number[][] = [];
    for (let t = 3; t <= 20; t++) if (state.feed(0, t === 10 || t === 11 ? 80 : 150, t * S)) fired.push([t * S, state.firedConditionUs]);
    expect(fired).toEqual([[8 * S, 3 * S], [17 * S, 12 * S]]);
  });
});
