/**
 * What a fuzz run exercises: an in-tree protocol, a plug-in module (`--protocol-module`) or one of
 * the fuzzer's mutants (`--mutant`). The family says which timing parameters the fuzzer draws and
 * which liveness bound it derives: a mutant follows the protocol it breaks; a plug-in keeps its
 * defaults.
 */
import { resolve } from 'node:path';
import { loadPluginModule } from '../plugins/cache.ts';
import { LOADS_AS_ES_MODULE } from '../plugins/module-file.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { inputError } from '../scenario/index.ts';
import { mutantByName, MUTANTS } from './mutants/catalogue.ts';

export const FAMILIES = ['pbft', 'hotstuff', 'raft', 'poa', 'pow', 'plug-in'] as const;
export type Family = (typeof FAMILIES)[number];

export interface FuzzTarget {
  readonly definition: ProtocolDefinition;
  readonly family: Family;
  /** Absolute path of the module a scenario names, for plug-ins and mutants. */
  readonly module?: string;
  /** The name results and messages use: the protocol's, or the mutant's. */
  readonly label: string;
}

function inTreeFamily(name: string): Family {
  return (FAMILIES as readonly string[]).includes(name) ? (name as Family) : 'plug-in';
}

/**
 * The fewest replicas a proof-of-work seed may draw. Its attacker (half the seeds inside the model,
 * every seed with --beyond) holds its share of the hash power against the honest nodes' rest, so a
 * scenario with one must have another node that mines (src/scenario/attack-check.ts): at n = 1 the
 * fuzzer could draw no attacker at all, and such seeds would pass (or, with --beyond, count as
 * runs with a majority attacker) without exercising what the fuzzer promises. Below two it draws
 * no n, as for a protocol's own `minNodes`, so `--nodes 1..1` is refused at the flag and `1..2`
 * draws 2.
 */
const POW_FUZZ_MIN_NODES = {
  count: 2,
  why: 'in the fuzzer: each proof-of-work seed may draw an attacker miner (with --beyond every seed does), and an attacker holds its share of the hash power against at least one honest node that mines',
} as const;

export function inTreeTarget(name: string): FuzzTarget {
  const found = PROTOCOLS.find((p) => p.name === name);
  if (found === undefined) throw inputError(`--protocol ${name}`, '(flag)', `one of ${PROTOCOLS.map((p) => p.name).join(', ')}`, `'${name}'`);
  const family = inTreeFamily(name);
  // The fuzzer's floor where it is above the protocol's own (the scenario loader still checks the protocol's).
  const definition = family === 'pow' && (found.minNodes?.count ?? 1) < POW_FUZZ_MIN_NODES.count ? { ...found, minNodes: POW_FUZZ_MIN_NODES } : found;
  return { definition, family, label: name };
}

async function loadProtocolModule(path: string, flag: string): Promise<ProtocolDefinition> {
  const result = await loadPluginModule('protocol', path);
  if (result.state === 'not-a-file') throw inputError(`${flag} ${path}`, '(flag)', result.expected, result.found);
  if (result.state === 'failed') throw inputError(`${flag} ${path}`, '(flag)', LOADS_AS_ES_MODULE, `a module that fails to load: ${result.error}`);
  if (result.state === 'broken') throw inputError(`${flag} ${path}`, '(flag)', 'a module whose default export is a protocol definition (docs/plugins.md)', `a default export that lacks: ${result.problems.join('; ')}`);
  return result.definition as ProtocolDefinition;
}

export async function moduleTarget(path: string): Promise<FuzzTarget> {
  const module = resolve(path);
  const definition = await loadProtocolModule(module, '--protocol-module');
  if (PROTOCOLS.some((p) => p.name === definition.name)) {
    throw inputError(`--protocol-module ${path}`, '(flag)', `a protocol whose name differs from the in-tree ones (${PROTOCOLS.map((p) => p.name).join(', ')})`, `'${definition.name}'`);
  }
  return { definition, family: 'plug-in', module, label: definition.name };
}

export async function mutantTarget(name: string): Promise<FuzzTarget> {
  const mutant = mutantByName(name);
  if (mutant === undefined) throw inputError(`--mutant ${name}`, '(flag)', `one of ${MUTANTS.map((m) => m.name).join(', ')}`, `'${name}'`);
  const definition = await loadProtocolModule(mutant.module, '--mutant');
  return { definition, family: mutant.base, module: mutant.module, label: mutant.name };
}
