/**
 * The proof-of-work run model: `consensus.nodes` Nakamoto nodes on the scenario's network, blocks
 * of synthetic transactions, an optional PoW attacker from `attacks:`, the safety checker on the
 * honest nodes' k-deep commits. Runs until `consensus.pow.blocks` blocks are on the chain or
 * `duration` has passed, whichever comes first.
 */
import { mapPrepared, runPrepared, type HostId, type PreparedRun } from '../../../sim/index.ts';
import { preparePowAttack, type PowAttackSpec } from '../../attacks/pow/run.ts';
import { attackActsIn } from '../../attacks/definition.ts';
import { ATTACK_REGISTRY, attackDefinition } from '../../attacks/registry.ts';
import { checkAttackTargets } from '../../attacks/targets.ts';
import { SafetyChecker } from '../../checkers/safety.ts';
import type { Metrics, RunOutput } from '../../metrics/types.ts';
import { hashPowerOf } from '../../protocols/pow/hash-power.ts';
import { preparePowNetwork, type PowNetworkSpec, type PowRunResult } from '../../protocols/pow/network-run.ts';
import { powNetworkParams } from '../../protocols/pow/params.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { networkConfig, placement } from '../../world/network.ts';

/**
 * The scenario's PoW attack, if any (at most one; only attacks with a PoW attacker apply to PoW
 * runs). A loaded scenario has passed these checks already (src/scenario/attack-check.ts); a
 * scenario built in code meets them here.
 */
function powAttackOf(scenario: Scenario): PowAttackSpec | undefined {
  const powTypes = ATTACK_REGISTRY.filter((d) => attackActsIn(d, 'pow')).map((d) => d.type);
  const definitions = scenario.attacks.map((a, k) => {
    const definition = attackDefinition(a.type);
    if (definition?.powAttack === undefined) {
      throw new RangeError(`attacks.${k}.type: expected one of ${powTypes.join(', ')} in a proof-of-work scenario, found '${a.type}'`);
    }
    return definition;
  });
  if (definitions.length > 1) throw new RangeError('attacks.1: expected at most one proof-of-work attacker, found a second');
  checkAttackTargets(scenario.attacks, definitions, { replicas: scenario.consensus.nodes, clients: 0 });
  return definitions[0]?.powAttack!(scenario.attacks[0] as never);
}

export function runPowScenario(scenario: Scenario, seed: number): RunOutput {
  return runPrepared(preparePowScenario(scenario, seed));
}

/** The scenario's network (and attacker) built, ready to run; `finish` collects the output. */
export function preparePowScenario(scenario: Scenario, seed: number): PreparedRun<RunOutput> {
  const n = scenario.consensus.nodes;
  const section = scenario.consensus.pow;
  const attack = powAttackOf(scenario);
  const attacker: HostId = attack?.node ?? -1;
  const safety = new SafetyChecker((h) => h !== attacker);
  const spec: PowNetworkSpec = {
    seed,
    network: networkConfig(scenario.network),
    placements: Array.from({ length: n }, (_, i) => placement(scenario.network, i, n)),
    params: powNetworkParams(section),
    hashPower: hashPowerOf(section.hashPower, n, seed),
    // `blocks` on the chain: stop once a block above that height is mined (SimBlock's rule).
    stopAfterHeight: section.blocks ?? Infinity,
    maxDurationUs: scenario.duration,
    observers: [safety.observe],
  };
  const output = (run: PowRunResult, metrics: Metrics, attackLabels?: Record<string, number>): RunOutput => ({
    metrics: { ...metrics, 'safety.violations': { unit: 'count', value: safety.violationCount } },
    checks: [safety.outcome()],
    traceHash: run.engine.traceHash(),
    eventsProcessed: run.engine.eventsProcessed,
    simulatedUs: run.simulatedUs,
    timeseries: [],
    ...(attackLabels === undefined ? {} : { attackLabels }),
  });
  if (attack !== undefined) return mapPrepared(preparePowAttack(spec, attack), (a) => output(a.run, a.metrics, { [attack.type]: a.truth.size }));
  return mapPrepared(preparePowNetwork(spec), (run) => output(run, run.metrics));
}
