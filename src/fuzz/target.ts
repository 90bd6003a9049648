/**
 * What a fuzz run exercises: an in-tree protocol, a plug-in module (`--protocol-module`) or one of
 * the fuzzer's mutants (`--mutant`). The family says which timing parameters the fuzzer draws and
 * which liveness bound it derives: a mutant follows the protocol it breaks; a plug-in keeps its
 * defaults.
 */
import { resolve } from 'node:path';
import { loadPluginModule } from '../plugins/cache.ts';
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

export function inTreeTarget(name: string): FuzzTarget {
  const definition = PROTOCOLS.find((p) => p.name === name);
  if (definition === undefined) throw inputError(`--protocol ${name}`, '(flag)', `one of ${PROTOCOLS.map((p) => p.name).join(', ')}`, `'${name}'`);
  return { definition, family: inTreeFamily(name), label: name };
}

async function loadProtocolModule(path: string, flag: string): Promise<ProtocolDefinition> {
  const result = await loadPluginModule('protocol', path);
  if (result.state === 'not-a-file') throw inputError(`${flag} ${path}`, '(flag)', result.expected, result.found);
  if (result.state === 'failed') throw inputError(`${flag} ${path}`, '(flag)', 'a module that loads as an ES module', `a module that fails to load: ${result.error}`);
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
