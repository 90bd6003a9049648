/**
 * Attacks that a valid scenario carries out in a way its results would hide: worth a notice on the
 * command line for each point, never an input error.
 *
 * - A window that opens at or after the run's end: the attack never acts. A scenario shortened for
 *   a quick run (`--set duration=30s` on one whose replay starts at 2 min) is a legitimate run of
 *   the rest, but a run in which an attack its file names is silently absent misleads.
 * - A start before the detectors the attack is scored by have learnt their baseline. A detector
 *   learns its in-control mean and spread from its first samples (src/iomt/detectors.ts), so an
 *   attack already acting then is learnt as normal and never detected: its detection rate is 0
 *   whatever the detector could do (stolen-key at `start: 0s` on default.yaml's detectors: 0,
 *   against 1 from 60 s). A run may mean to measure exactly that, but a 0 that reads as the
 *   detector's failure misleads. Each attack says when its detectors have a baseline (its
 *   definition's `device.detectorBaselines`), from the scenario's layout, devices and detectors.
 */
import type { AnyAttackDefinition } from '../attacks/definition.ts';
import type { DeviceDetectionLayout } from '../attacks/iomt/hooks.ts';
import { attackDefinition, ATTACK_REGISTRY } from '../attacks/registry.ts';
import { detectorName } from '../iomt/detector-bank.ts';
import { deviceProfiles } from '../iomt/profiles.ts';
import { topologyOf } from '../iomt/topology.ts';
import { isPluginLoaded } from '../plugins/cache.ts';
import { registriesFor } from '../plugins/registries.ts';
import { attackActs, type WindowedAttack } from './acting-attacks.ts';
import type { SweepParameters } from './sweep.ts';
import type { Scenario } from './schema.ts';

interface NamedAttack extends WindowedAttack {
  readonly type: string;
}

/** One sentence per attack of `scenario` that never acts, in the order the file lists them. */
export function attacksThatNeverAct(scenario: Scenario): string[] {
  const attacks = (scenario as { attacks?: readonly NamedAttack[] }).attacks ?? [];
  const notices: string[] = [];
  attacks.forEach((attack, k) => {
    if (attackActs(attack, scenario.duration)) return;
    notices.push(`attacks.${k} (${attack.type}) starts at ${seconds(attack.start)}, at or after the run's end (duration ${seconds(scenario.duration)}): it never acts in this run`);
  });
  return notices;
}

/** Every notice of `scenario`'s attacks: those that never act, then those that act before their detectors' baseline. */
export function attackNotices(scenario: Scenario): string[] {
  return [...attacksThatNeverAct(scenario), ...attacksBeforeDetectorBaselines(scenario)];
}

/** One sentence per attack of `scenario` that acts before its detectors have a baseline, in the order the file lists them. */
export function attacksBeforeDetectorBaselines(scenario: Scenario): string[] {
  const attacks = (scenario as { attacks?: readonly NamedAttack[] }).attacks ?? [];
  const iomt = scenario.iomt;
  if (iomt === undefined || attacks.length === 0) return [];
  const definitions = definitionsOf(scenario);
  let layout: DeviceDetectionLayout | undefined;
  const layoutOnce = (): DeviceDetectionLayout => {
    if (layout !== undefined) return layout;
    const profiles = deviceProfiles(iomt.profiles);
    layout = {
      deviceIntervalsUs: topologyOf(iomt).devices.map((d) => profiles[d.kind].intervalUs),
      deviceDetectors: iomt.detectors.filter((d) => d.scope === 'device').map((d) => ({ name: detectorName(d), feature: d.feature, warmup: d.warmup })),
    };
    return layout;
  };
  const notices: string[] = [];
  attacks.forEach((attack, k) => {
    const baselines = attackDefinition(attack.type, definitions)?.device?.detectorBaselines;
    if (baselines === undefined || !attackActs(attack, scenario.duration)) return;
    const early = baselines(attack as never, layoutOnce()).filter((b) => b.readyUs > attack.start);
    if (early.length === 0) return;
    const readyUs = Math.max(...early.map((b) => b.readyUs));
    const which = early.map((b) => `${b.detector} by about ${seconds(b.readyUs)}`).join(', ');
    const remedy = readyUs < scenario.duration ? `start it at ${seconds(readyUs)} or later to score them` : `no start before the run's end (duration ${seconds(scenario.duration)}) leaves them one`;
    notices.push(`attacks.${k} (${attack.type}) starts at ${seconds(attack.start)}, before the detectors it is scored by have learnt their baseline from honest traffic (${which}): they learn its traffic as part of what is normal, and its detection rates can read 0 whatever they could detect; ${remedy}`);
  });
  return notices;
}

/** A sweep point as a notice names it: `key=value key=value`; '' for a run without --vary. */
export function pointLabel(parameters: SweepParameters): string {
  return Object.entries(parameters).map(([key, value]) => `${key}=${String(value)}`).join(' ');
}

/** A time for a notice: "2 s", "0.5 s". */
export function seconds(us: number): string {
  return `${Number((us / 1e6).toPrecision(6))} s`;
}

/** The attack definitions `scenario` may name: in-tree, and its plug-ins' once loaded in this thread. */
function definitionsOf(scenario: Scenario): readonly AnyAttackDefinition[] {
  const refs = scenario.plugins ?? [];
  return refs.every(isPluginLoaded) ? registriesFor(refs).attacks : ATTACK_REGISTRY;
}
