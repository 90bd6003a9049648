/**
 * A mutant is the real protocol with one rule broken, under its own name: a plug-in protocol
 * (docs/plugins.md), since a plug-in may not take an in-tree name, with the real definition's
 * parameters, fault model and message kinds, so the fuzzer derives its faults exactly as for the
 * real protocol and its scenario files name its parameters under the mutant's name.
 */
import type { ProtocolDefinition } from '../../protocols/definition.ts';

export function asMutant<D extends ProtocolDefinition>(real: D, name: string, broken: string): ProtocolDefinition {
  return { ...real, name, title: `${real.title}, deliberately broken: ${broken}` };
}
