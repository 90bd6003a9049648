/**
 * This thread's loaded plug-in definitions, by module path and content hash. A run loads its
 * plug-ins once per thread (the CLI when it reads the scenario, each worker before its first
 * replication) and then resolves them synchronously while it builds schemas and worlds. A module
 * whose file changed since the scenario recorded its hash is refused: the results must name the
 * code that produced them.
 */
import { definitionProblems } from '../attacks/definition.ts';
import type { NotAFile } from '../io/input-file.ts';
import { aPluginKind, importModuleFile, LOADS_AS_ES_MODULE, type PluginKind, type PluginRef } from './module-file.ts';
import { protocolContractProblems } from '../protocols/contract.ts';
import { detectorContractProblems } from '../iomt/detector-kinds/definition.ts';

const loaded = new Map<string, unknown>();
/** The module file of each loaded definition, so a check that finds it at fault can name the file. */
const moduleOfDefinition = new WeakMap<object, string>();

function keyOf(ref: Pick<PluginRef, 'module' | 'sha256'>): string {
  return `${ref.sha256}:${ref.module}`;
}

/** What a default export lacks for `kind`, one line each; empty when it meets the contract. */
export function contractProblems(kind: PluginKind, exported: unknown): string[] {
  switch (kind) {
    case 'protocol': return protocolContractProblems(exported);
    case 'attack': return definitionProblems(exported).map((p) => `expected ${p}`);
    case 'detector': return detectorContractProblems(exported);
  }
}

export type PluginLoad =
  | { readonly state: 'loaded'; readonly definition: unknown; readonly sha256: string }
  | ({ readonly state: 'not-a-file' } & NotAFile)
  | { readonly state: 'failed'; readonly error: string }
  | { readonly state: 'broken'; readonly problems: readonly string[] };

/** Imports a plug-in module, checks its default export against the contract of `kind`, and caches it. */
export async function loadPluginModule(kind: PluginKind, module: string): Promise<PluginLoad> {
  const load = await importModuleFile(module);
  if (load.state !== 'loaded') return load;
  const problems = contractProblems(kind, load.exported);
  if (problems.length > 0) return { state: 'broken', problems };
  loaded.set(keyOf({ module, sha256: load.sha256 }), load.exported);
  moduleOfDefinition.set(load.exported as object, module);
  return { state: 'loaded', definition: load.exported, sha256: load.sha256 };
}

/** Why a recorded plug-in cannot be loaded as recorded: which of its fields is wrong, and how; undefined once it is loaded. */
export interface RecordedPluginProblem {
  readonly field: 'module' | 'sha256';
  readonly expected: string;
  readonly found: string;
}

/** Loads one plug-in a scenario recorded, or says why it cannot. */
export async function loadRecordedPlugin(ref: PluginRef): Promise<RecordedPluginProblem | undefined> {
  if (loaded.has(keyOf(ref))) return undefined;
  const load = await loadPluginModule(ref.kind, ref.module);
  if (load.state === 'not-a-file') return { field: 'module', expected: `the module file recorded when the scenario was loaded (${load.expected})`, found: `'${ref.module}' (${load.found})` };
  if (load.state === 'failed') return { field: 'module', expected: LOADS_AS_ES_MODULE, found: `'${ref.module}', which fails to load: ${load.error}` };
  if (load.state === 'broken') return { field: 'module', expected: `${aPluginKind(ref.kind)} definition as its default export`, found: `'${ref.module}', whose default export lacks: ${load.problems.join('; ')}` };
  if (load.sha256 !== ref.sha256) return { field: 'sha256', expected: `the module's files unchanged since the scenario was loaded (sha256 ${load.sha256} now)`, found: `'${ref.sha256}' recorded for ${ref.module}` };
  return undefined;
}

/** Loads every plug-in a scenario recorded (a worker before its first replication, a resumed run). */
export async function ensurePlugins(refs: readonly PluginRef[] | undefined): Promise<void> {
  for (const ref of refs ?? []) {
    if (loaded.has(keyOf(ref))) continue;
    const load = await loadPluginModule(ref.kind, ref.module);
    if (load.state === 'not-a-file') throw new Error(`plug-in ${ref.module}: the module file is no longer there (found ${load.found})`);
    if (load.state === 'failed') throw new Error(`plug-in ${ref.module}: it does not load: ${load.error}`);
    if (load.state === 'broken') throw new Error(`plug-in ${ref.module}: ${load.problems.join('; ')}`);
    if (load.sha256 !== ref.sha256) throw new Error(`plug-in ${ref.module}: the file changed since the scenario was loaded (sha256 ${load.sha256}, recorded ${ref.sha256})`);
  }
}

/** True when the plug-in `ref` names is loaded in this thread. */
export function isPluginLoaded(ref: Pick<PluginRef, 'module' | 'sha256'>): boolean {
  return loaded.has(keyOf(ref));
}

/** A plug-in's definition, loaded earlier in this thread. */
export function loadedPlugin(ref: PluginRef): unknown {
  const definition = loaded.get(keyOf(ref));
  if (definition === undefined) throw new Error(`plug-in ${ref.module} (sha256 ${ref.sha256}) is not loaded in this thread: call ensurePlugins first`);
  return definition;
}

/** The module file `definition` was loaded from, or undefined for an in-tree definition. */
export function pluginModuleOf(definition: object): string | undefined {
  return moduleOfDefinition.get(definition);
}
