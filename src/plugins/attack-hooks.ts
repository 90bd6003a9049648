/**
 * The hooks of a plug-in attack that the scenario's checks and the world trust with what they
 * return (which replicas it makes faulty, which sides a cut leaves, whether it runs split over
 * threads), called once on each of the scenario's entries before any of those checks: a hook that
 * throws or returns the wrong type is bad input naming the entry and the plug-in file, not a crash
 * further in ("not iterable" in the fault-model check). They are functions of the entry alone, so
 * what passes here holds when the world calls them again.
 */
import type { AnyAttackDefinition } from '../attacks/definition.ts';
import { describeFound, describeThrown } from '../scenario/errors.ts';
import type { ScenarioFaultIssue } from '../scenario/fault-model-check.ts';
import type { Scenario } from '../scenario/schema.ts';
import { pluginModuleOf } from './cache.ts';
import type { Registries } from './registries.ts';

const isReplicaIndex = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isReplicaList = (v: unknown): boolean => Array.isArray(v) && v.every((r) => r === 'leader' || isReplicaIndex(r));
const isSideList = (v: unknown): boolean => Array.isArray(v) && v.every((side) => Array.isArray(side) && side.every(isReplicaIndex));

/** One issue per hook of a plug-in attack entry that throws or returns what its contract does not allow. */
export function pluginAttackHookIssues(scenario: Scenario, registries: Registries): ScenarioFaultIssue[] {
  const issues: ScenarioFaultIssue[] = [];
  scenario.attacks.forEach((spec, k) => {
    const d = registries.attacks.find((a) => a.type === spec.type);
    const module = d === undefined ? undefined : pluginModuleOf(d);
    if (d === undefined || module === undefined) return;
    const check = (hook: string, expected: string, holds: (v: unknown) => boolean, run: () => unknown): void => {
      let found: string | undefined;
      try {
        const result = run();
        if (!holds(result)) found = `${describeFound(result)} returned by ${hook} of '${spec.type}'`;
      } catch (err) {
        found = `${describeThrown(err)}, thrown by ${hook} of '${spec.type}'`;
      }
      if (found !== undefined) issues.push({ path: ['attacks', k, 'module'], expected: `an attack whose ${hook} returns ${expected} (the plug-in ${module})`, found });
    };
    const entry = spec as never;
    if (d.faultyReplicas) check('faultyReplicas', "a list of replica indices (whole numbers from 0, or 'leader')", isReplicaList, () => d.faultyReplicas!(entry));
    if (d.connectedSides) check('connectedSides', 'a list of sides, each a list of replica indices (whole numbers from 0)', isSideList, () => d.connectedSides!(entry, scenario.consensus.nodes));
    if (d.splitsOverThreads) check('splitsOverThreads', 'true or false', (v) => typeof v === 'boolean', () => d.splitsOverThreads!(entry));
  });
  return issues;
}
