/**
 * The definitions a scenario may name: the in-tree registries, plus the plug-in modules the
 * scenario names (once they are loaded into this thread's cache, src/plugins/cache.ts). The
 * scenario schema, the fault-model check and the world all read a `Registries`, so a plug-in is
 * validated, checked and run exactly like an in-tree definition.
 */
import type { AnyAttackDefinition } from '../attacks/definition.ts';
import { ATTACK_REGISTRY } from '../attacks/registry.ts';
import type { DetectorDefinition } from '../iomt/detector-kinds/definition.ts';
import { DETECTOR_KINDS } from '../iomt/detector-kinds/index.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { loadedPlugin } from './cache.ts';
import type { PluginRef } from './module-file.ts';

export interface Registries {
  readonly protocols: readonly ProtocolDefinition[];
  readonly attacks: readonly AnyAttackDefinition[];
  readonly detectors: readonly DetectorDefinition[];
  /** The plug-ins added to the in-tree definitions (empty for the in-tree registries). */
  readonly plugins: readonly PluginRef[];
}

export const IN_TREE_REGISTRIES: Registries = { protocols: PROTOCOLS, attacks: ATTACK_REGISTRY, detectors: DETECTOR_KINDS, plugins: [] };

/** The in-tree registries plus the plug-ins named by `refs`, which must be loaded already (`ensurePlugins`). */
export function registriesFor(refs: readonly PluginRef[] | undefined): Registries {
  if (refs === undefined || refs.length === 0) return IN_TREE_REGISTRIES;
  const protocols: ProtocolDefinition[] = [...PROTOCOLS];
  const attacks: AnyAttackDefinition[] = [...ATTACK_REGISTRY];
  const detectors: DetectorDefinition[] = [...DETECTOR_KINDS];
  for (const ref of refs) {
    const definition = loadedPlugin(ref);
    if (ref.kind === 'protocol') protocols.push(definition as ProtocolDefinition);
    else if (ref.kind === 'attack') attacks.push(definition as AnyAttackDefinition);
    else detectors.push(definition as DetectorDefinition);
  }
  return { protocols, attacks, detectors, plugins: refs };
}

/** The protocol named `name` in `registries`. */
export function protocolIn(registries: Registries, name: string): ProtocolDefinition | undefined {
  return registries.protocols.find((p) => p.name === name);
}
