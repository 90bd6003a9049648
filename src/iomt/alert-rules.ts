/**
 * EmergencyAlert rules evaluated on the gateway's stream of accepted readings (the fast path):
 * "channel below/above threshold for at least hold", e.g. SpO₂ < 90 % for 15 s. IEC 60601-1-8
 * (§6.1.2) splits an alarm's delay in two: the hold is the alarm condition delay, and what the
 * system adds after it (gateway, network, ledger) the alarm signal generation delay, which a
 * rule's target bounds. The default 10 s target is the model's assumption: IEC 60601-2-27's
 * figure for tachycardia (about 10 s) is an ECG monitor's total time to alarm, hold included,
 * which with hr-high's 5 s hold the direct path keeps at about 5–7 s (docs/references.md §1).
 * Time is the readings' own timestamps, so the rule judges the signal, not the network.
 */
import { CHANNEL_INDEX, type Channel } from './profiles.ts';

export interface AlertRule {
  readonly name: string;
  readonly channel: Channel;
  readonly op: 'below' | 'above';
  readonly threshold: number;
  readonly holdUs: number;
  /** Clinical bound on the alarm signal generation delay (latency beyond the hold), µs. */
  readonly targetUs: number;
}

export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  { name: 'spo2-low', channel: 'spo2', op: 'below', threshold: 90, holdUs: 15_000_000, targetUs: 10_000_000 },
  { name: 'hr-high', channel: 'hr', op: 'above', threshold: 120, holdUs: 5_000_000, targetUs: 10_000_000 },
];

/** A rule as a scenario states it (`iomt.rules[]`), hold and target in µs. */
export interface StatedAlertRule {
  readonly name: string;
  readonly channel: Channel;
  readonly op: 'below' | 'above';
  readonly threshold: number;
  readonly hold: number;
  readonly target: number;
}

/**
 * The rules a world judges alerts by: those the scenario states, or the defaults when it states
 * none (an omitted list is not "no rules"). The world and the report's alert figure both read them
 * here.
 */
export function alertRulesOf(stated: readonly StatedAlertRule[] | undefined): readonly AlertRule[] {
  if (stated === undefined) return DEFAULT_ALERT_RULES;
  return stated.map((r) => ({ name: r.name, channel: r.channel, op: r.op, threshold: r.threshold, holdUs: r.hold, targetUs: r.target }));
}

/** Per device slot and rule: since when the condition has held (NaN: not holding) and whether it fired. */
export class RuleState {
  private readonly sinceUs: Float64Array;
  private readonly fired: Uint8Array;
  /** Rules that apply to each slot (by its channel): slot s's are ruleIndex[ruleStart[s] … ruleStart[s + 1]), packed so a reading reads no per-slot array object. */
  private readonly ruleStart: Int32Array;
  private readonly ruleIndex: Int32Array;

  constructor(
    readonly rules: readonly AlertRule[],
    slotChannels: readonly number[],
  ) {
    const r = rules.length;
    this.sinceUs = new Float64Array(slotChannels.length * Math.max(1, r)).fill(NaN);
    this.fired = new Uint8Array(slotChannels.length * Math.max(1, r));
    const rulesOfSlot = slotChannels.map((c) => rules.flatMap((rule, i) => (CHANNEL_INDEX[rule.channel] === c ? [i] : [])));
    this.ruleIndex = Int32Array.from(rulesOfSlot.flat());
    this.ruleStart = new Int32Array(slotChannels.length + 1);
    for (let s = 0; s < rulesOfSlot.length; s++) this.ruleStart[s + 1] = this.ruleStart[s]! + rulesOfSlot[s]!.length;
  }

  /** Rule that fired on the last `feed` (valid when it returned true) and when its condition began. */
  firedRule = -1;
  firedConditionUs = 0;

  /**
   * Feed an accepted reading; returns true when a rule's hold is reached (see `firedRule`), once
   * per condition episode (re-armed when the value returns to normal). Rules of one channel fire
   * on distinct readings in practice; if two fire on the same reading, the first is reported.
   */
  feed(slot: number, value: number, timestampUs: number): boolean {
    const r = this.rules.length;
    const end = this.ruleStart[slot + 1]!;
    let fired = false;
    for (let k = this.ruleStart[slot]!; k < end; k++) {
      const i = this.ruleIndex[k]!;
      const rule = this.rules[i]!;
      const at = slot * r + i;
      const holding = rule.op === 'below' ? value < rule.threshold : value > rule.threshold;
      if (!holding) {
        this.sinceUs[at] = NaN;
        this.fired[at] = 0;
        continue;
      }
      let since = this.sinceUs[at]!;
      if (Number.isNaN(since)) this.sinceUs[at] = since = timestampUs;
      if (this.fired[at] === 0 && timestampUs - since >= rule.holdUs && !fired) {
        this.fired[at] = 1;
        this.firedRule = i;
        this.firedConditionUs = since;
        fired = true;
      }
    }
    return fired;
  }
}
