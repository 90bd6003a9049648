/**
 * The scenario-level attack check: every attack's window, the replicas and clients it names against
 * the scenario's sizes, and the message kinds it names against the scenario's protocol, before
 * anything runs. Issues name the field, so the loader reports them like any other bad input
 * (file:line:col, path, expected with the allowed values, found; exit 2).
 */
import { ATTACK_WORLD_NAMES, attackActsIn, type AnyAttackDefinition, type AttackWorld } from '../attacks/definition.ts';
import { attackDefinition } from '../attacks/registry.ts';
import { deviceWorldSizes } from '../attacks/iomt/layout.ts';
import { checkAttackSpecs, reportingIssues, runCheckHook, type AttackIssueReport } from '../attacks/targets.ts';
import { topologyOf } from '../iomt/topology.ts';
import { IN_TREE_REGISTRIES, protocolIn, type Registries } from '../plugins/registries.ts';
import type { ScenarioFaultIssue } from './fault-model-check.ts';
import type { Scenario } from './schema.ts';

interface AttackLike {
  readonly type: string;
  readonly start: number;
  readonly end?: number | undefined;
}

/** `kinds.0` as a path under the attack's entry: list positions are numbers, as the YAML locator reads them. */
function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** The kind of world `scenario` builds (src/runner/simulate.ts chooses the same way). */
function attackWorldOf(scenario: Scenario): AttackWorld {
  if (scenario.iomt !== undefined) return 'iomt';
  return scenario.consensus.protocol === 'pow' ? 'pow' : 'consensus';
}

/**
 * What the proof-of-work run model (src/attacks/pow/run.ts) can run: one withholding miner, whose
 * hash power is scaled to its `share` of the total against the other nodes' (the honest miners'),
 * so at least one node besides it must mine.
 */
function powAttackerIssues(scenario: Scenario, attacks: readonly AttackLike[], definitions: readonly AnyAttackDefinition[]): ScenarioFaultIssue[] {
  const attackers = definitions.flatMap((d, k) => (d.powAttack === undefined ? [] : [k]));
  const first = attackers[0];
  if (first === undefined) return [];
  const issues: ScenarioFaultIssue[] = attackers.slice(1).map((k) => ({
    path: ['attacks', k, 'type'],
    expected: `at most one proof-of-work attacker (a run has one withholding miner; attacks.${first} is it)`,
    found: `a second, '${attacks[k]!.type}'`,
  }));
  if (scenario.consensus.nodes < 2) {
    issues.push({
      path: ['consensus', 'nodes'],
      expected: `at least 2 nodes with a proof-of-work attacker (attacks.${first}, ${attacks[first]!.type}, holds its share of the hash power and the honest nodes the rest, so at least one honest node must mine)`,
      found: String(scenario.consensus.nodes),
    });
  }
  return issues;
}

export function checkScenarioAttacks(scenario: Scenario, registries: Registries = IN_TREE_REGISTRIES): ScenarioFaultIssue[] {
  // The attacks section is optional in the schema's evolution; read it structurally.
  const attacks = (scenario as { attacks?: readonly AttackLike[] }).attacks ?? [];
  if (attacks.length === 0) return [];
  // The schema admitted each type, so each has its definition.
  const definitions = attacks.map((a) => attackDefinition(a.type, registries.attacks) as AnyAttackDefinition);
  const sizes = {
    replicas: scenario.consensus.nodes,
    // An IoMT world's ledger clients (administrations, portals, gateways, clinicians, researchers)
    // are counted when its topology is built; the attack plan checks client indexes then.
    clients: scenario.iomt === undefined ? scenario.workload.clients : Number.POSITIVE_INFINITY,
  };
  const issues: ScenarioFaultIssue[] = [];
  const reportFor = (k: number): AttackIssueReport => (field, expected, found) => {
    issues.push({ path: ['attacks', k, ...fieldPath(field)], expected, found });
  };
  const world = attackWorldOf(scenario);
  const fitting = registries.attacks.filter((d) => attackActsIn(d, world)).map((d) => d.type);
  definitions.forEach((d, k) => {
    if (attackActsIn(d, world)) return;
    issues.push({ path: ['attacks', k, 'type'], expected: `an attack that acts in ${ATTACK_WORLD_NAMES[world]}, one of ${fitting.join(', ')}`, found: `'${d.type}'` });
  });
  checkAttackSpecs(attacks, definitions, sizes, protocolIn(registries, scenario.consensus.protocol), reportFor);
  if (world === 'pow') issues.push(...powAttackerIssues(scenario, attacks, definitions));
  // Device attacks name devices, gateways and clinicians: the world's layout follows from iomt:
  // alone, so it is laid out here (no host built) and an index out of range is refused before
  // anything runs or is written, not when the world is built.
  const iomt = scenario.iomt;
  if (world === 'iomt' && iomt !== undefined && definitions.some((d) => d.device?.checkWorldTargets !== undefined)) {
    const layout = deviceWorldSizes(topologyOf(iomt));
    definitions.forEach((d, k) => runCheckHook(d, d.type, 'checkWorldTargets', reportFor(k), () => d.device?.checkWorldTargets?.(attacks[k] as never, layout, reportingIssues(reportFor(k)))));
  }
  return issues;
}
