/**
 * Expectations (`expect:`) and the SLOs of `iomtsim size` name metrics. A name that no catalog
 * lists is a typo that would otherwise show only after the whole run, as an expectation failed on
 * a metric "not produced", or as a size search that answers "no value meets the SLOs". Plug-ins
 * may report metrics of their own (a protocol's collector), so with plug-ins any name is accepted
 * and a missing one is reported after the run as before.
 */
import { METRIC_DOCS, metricDoc } from '../metrics/catalog.ts';
import { detectorMetricPrefix, detectorName } from '../iomt/detector-bank.ts';
import { ACCESS_DETECTORS } from '../attacks/iomt/access-monitor.ts';
import { pointLabel } from './attack-notices.ts';
import type { ScenarioFaultIssue } from './fault-model-check.ts';
import type { Scenario } from './schema.ts';
import type { SweepParameters } from './sweep.ts';

/** Why `name` cannot be a metric of a run, as an `expected` text; undefined when it can be. */
export function unknownMetric(name: string, withPlugins: boolean): string | undefined {
  if (withPlugins || metricDoc(name) !== undefined) return undefined;
  const nearest = nearestMetricName(name);
  return `a metric name (\`iomtsim list metrics\` lists them${nearest === undefined ? '' : `; did you mean ${nearest}?`})`;
}

/** One issue per metric that the scenario's `expect:` names and no catalog lists. */
export function expectedMetricIssues(scenario: Scenario): ScenarioFaultIssue[] {
  const withPlugins = (scenario.plugins ?? []).length > 0;
  return Object.keys(scenario.expect).flatMap((metric) => {
    const expected = unknownMetric(metric, withPlugins);
    return expected === undefined ? [] : [{ path: ['expect', metric], expected, found: `'${metric}'` }];
  });
}

/** The first segment of the metrics only one protocol's runs report (its own collector's). */
const PROTOCOL_AREAS = ['pow', 'poa'];

/** The first segment of the metrics only an IoMT scenario (one with `iomt:`) reports. */
const IOMT_AREAS = ['iomt', detectorMetricPrefix('any').split('.')[0]!];

/**
 * Why a metric the catalog lists cannot be a metric of a run of any of `scenarios` (the points a
 * command may run: `size`'s two ends), as an `expected` text; undefined when one of them can
 * report it. Refused: an IoMT metric (`iomt.…`, `detect.…`) where no scenario has `iomt:`, a
 * detector metric naming a detector none configures, and a proof-of-work or proof-of-authority
 * metric (`pow.…`, `poa.…`) where no scenario runs that protocol. A metric reported only in some runs (a
 * detection rate, absent where no device was compromised) is one a scenario can produce, and is
 * accepted; with plug-ins, as for unknownMetric, any name is.
 */
export function unproducibleMetric(name: string, scenarios: readonly Scenario[]): string | undefined {
  if (scenarios.length === 0 || scenarios.some((s) => (s.plugins ?? []).length > 0) || metricDoc(name) === undefined) return undefined;
  const area = name.split('.')[0]!;
  if (PROTOCOL_AREAS.includes(area)) {
    return scenarios.some((s) => s.consensus.protocol === area) ? undefined : `a metric of the scenario's protocol (${area}.* come only from \`consensus.protocol: ${area}\`; this scenario runs ${scenarios[0]!.consensus.protocol})`;
  }
  if (!IOMT_AREAS.includes(area)) return undefined;
  const iomt = scenarios.flatMap((s) => (s.iomt === undefined ? [] : [s.iomt]));
  if (iomt.length === 0) return `a metric a scenario without \`iomt:\` reports (${IOMT_AREAS.map((a) => `${a}.*`).join(' and ')} come only from an IoMT scenario; \`iomtsim list metrics\` lists the others)`;
  if (area !== IOMT_AREAS[1]) return undefined;
  const prefixes = [...new Set([...iomt.flatMap((i) => i.detectors.map((d) => detectorMetricPrefix(detectorName(d)))), ...ACCESS_DETECTORS.map(detectorMetricPrefix)])];
  if (prefixes.some((p) => name.startsWith(`${p}.`))) return undefined;
  const rest = name.split('.').slice(2).join('.');
  const named = prefixes.map((p) => `${p}.${rest}`).filter((n) => metricDoc(n) !== undefined);
  return `a metric of a detector the scenario configures (iomt.detectors, or the access monitor's): ${named.length > 0 ? `one of ${named.join(', ')}` : `detect.<detector>.… with <detector> one of ${prefixes.map((p) => p.slice(area.length + 1)).join(', ')}`}`;
}

/**
 * One issue per metric that the scenario's `expect:` names and some point of the run cannot report
 * (see unproducibleMetric): such an expectation would fail as "not produced" after the whole run.
 * Checked on the points, not the file: a sweep's point may change the protocol or add `iomt:`.
 */
export function unproducibleExpectationIssues(expect: Readonly<Record<string, unknown>>, points: readonly { readonly parameters: SweepParameters; readonly scenario: Scenario }[]): ScenarioFaultIssue[] {
  return Object.keys(expect).flatMap((metric) => {
    for (const p of points) {
      const expected = unproducibleMetric(metric, [p.scenario]);
      if (expected === undefined) continue;
      const where = pointLabel(p.parameters);
      return [{ path: ['expect', metric], expected: where === '' ? expected : `${expected} at every point of the sweep`, found: where === '' ? `'${metric}'` : `'${metric}', which the point ${where} cannot report` }];
    }
    return [];
  });
}

/** The catalog name fewest edits away from `name`, when it is close enough to be a typo of it. */
function nearestMetricName(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 5)) + 1;
  for (const doc of METRIC_DOCS) {
    const d = editDistance(name, doc.name);
    if (d < bestDistance) {
      best = doc.name;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
