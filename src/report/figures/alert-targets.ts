/**
 * The deadlines the alert-latency figure draws. Alert latency is measured from the start of the
 * clinical episode, so it includes each alarm rule's hold (its alarm-condition delay, IEC
 * 60601-1-8); the rule's target bounds what the system adds after it. Hence, in order:
 * 1. an expectation `<= N` on an alert-latency metric: the line N;
 * 2. the scenario's alarm rules (`iomt.rules[]`, hold and target in µs): one line per rule at
 *    hold + target, the latest moment that rule's alert is on time;
 * 3. otherwise 10 s, the IEC 60601-2-27 tachycardia alarm bound (docs/references.md §1).
 */
import type { ReportInput } from '../model/report-input.ts';
import { scenarioValue } from '../model/report-input.ts';

export const DEFAULT_ALERT_TARGET_MS = 10_000;
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

function fromScenarioRules(input: ReportInput): AlertTargets | null {
  const byLabel = new Map<string, AlertDeadline>();
  for (const configuration of input.configurations) {
    const rules = scenarioValue(configuration.scenario, 'iomt.rules');
    if (!Array.isArray(rules)) continue;
    for (const rule of rules as unknown[]) {
      if (rule === null || typeof rule !== 'object') continue;
      const { name, hold, target } = rule as { name?: unknown; hold?: unknown; target?: unknown };
      if (typeof name !== 'string' || typeof hold !== 'number' || typeof target !== 'number') continue;
      const deadlineMs = (hold + target) / US_PER_MS;
      const label = `${name}: hold ${seconds(hold / US_PER_MS)} + target ${seconds(target / US_PER_MS)}`;
      byLabel.set(label, { deadlineMs, label });
    }
  }
  if (byLabel.size === 0) return null;
  return { deadlines: [...byLabel.values()], source: 'per alarm rule: hold + target, as latency counts from episode start' };
}

export function alertTargets(input: ReportInput): AlertTargets {
  return (
    fromExpectations(input) ??
    fromScenarioRules(input) ?? {
      deadlines: [{ deadlineMs: DEFAULT_ALERT_TARGET_MS, label: `target ${seconds(DEFAULT_ALERT_TARGET_MS)}` }],
      source: 'default clinical target, IEC 60601-2-27',
    }
  );
}
