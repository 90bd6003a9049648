/**
 * The deadlines the alert-latency figure draws. Alert latency is measured from the start of the
 * clinical episode, so it includes each alarm rule's hold (its alarm-condition delay, IEC
 * 60601-1-8); the rule's target bounds what the system adds after it. Hence, in order:
 * 1. an expectation `<= N` on an alert-latency metric: the line N;
 * 2. otherwise the alarm rules the run judged its alerts by (the scenario's `iomt.rules[]`, hold
 *    and target in µs, else the model's DEFAULT_ALERT_RULES): one line per rule at hold + target,
 *    the latest moment that rule's alert is on time, which is exactly the collector's test for
 *    `iomt.alert_within_target_ratio` (latency − hold ≤ target).
 */
import { alertRulesOf, type AlertRule, type StatedAlertRule } from '../../iomt/alert-rules.ts';
import type { ReportInput } from '../model/report-input.ts';
import { scenarioValue } from '../model/report-input.ts';

const UPPER_BOUND = /^\s*<=?\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;
const US_PER_MS = 1000;

export interface AlertDeadline {
  readonly deadlineMs: number;
  readonly label: string;
}

export interface AlertTargets {
  readonly deadlines: readonly AlertDeadline[];
  /** Where the deadlines come from, for the subtitle. */
  readonly source: string;
}

export function isAlertLatencyFamily(family: string): boolean {
  return family.startsWith('iomt.') && family.includes('alert') && family.includes('latency');
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function fromExpectations(input: ReportInput): AlertTargets | null {
  let best: { ms: number; text: string } | null = null;
  for (const configuration of input.configurations) {
    for (const expectation of configuration.point.expectations) {
      const family = expectation.metric.slice(0, expectation.metric.lastIndexOf('.'));
      const bound = UPPER_BOUND.exec(expectation.condition)?.[1];
      if (!isAlertLatencyFamily(family) || bound === undefined) continue;
      const ms = Number(bound);
      if (best === null || ms < best.ms) best = { ms, text: `${expectation.metric} ${expectation.condition}` };
    }
  }
  return best === null ? null : { deadlines: [{ deadlineMs: best.ms, label: `expected ≤ ${seconds(best.ms)}` }], source: `expectation ${best.text}` };
}

type RuleTiming = Pick<AlertRule, 'name' | 'holdUs' | 'targetUs'>;

/**
 * The rules a run with this scenario judged alerts by (src/iomt/alert-rules.ts, alertRulesOf),
 * from the scenario as the results folder recorded it: a rule missing a field is left out.
 */
function alarmRules(scenario: Readonly<Record<string, unknown>>): readonly RuleTiming[] {
  const rules = scenarioValue(scenario, 'iomt.rules');
  if (!Array.isArray(rules)) return alertRulesOf(undefined);
  const stated = (rules as unknown[]).filter((rule): rule is StatedAlertRule => {
    if (rule === null || typeof rule !== 'object') return false;
    const { name, hold, target } = rule as { name?: unknown; hold?: unknown; target?: unknown };
    return typeof name === 'string' && typeof hold === 'number' && typeof target === 'number';
  });
  return alertRulesOf(stated);
}

function fromRules(input: ReportInput): AlertTargets {
  const byLabel = new Map<string, AlertDeadline>();
  for (const configuration of input.configurations) {
    for (const rule of alarmRules(configuration.scenario)) {
      const deadlineMs = (rule.holdUs + rule.targetUs) / US_PER_MS;
      const label = `${rule.name}: hold ${seconds(rule.holdUs / US_PER_MS)} + target ${seconds(rule.targetUs / US_PER_MS)}`;
      byLabel.set(label, { deadlineMs, label });
    }
  }
  return { deadlines: [...byLabel.values()], source: 'per alarm rule: hold + target, as latency counts from episode start' };
}

export function alertTargets(input: ReportInput): AlertTargets {
  return fromExpectations(input) ?? fromRules(input);
}
