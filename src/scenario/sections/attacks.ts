/**
 * The `attacks:` section: faults and adversaries as data (FoundationDB's fault workloads, Malachite's
 * Byzantine proxy configured by mode and trigger). Every attack has a window [start, end); `end`
 * omitted means "until the run ends". Replica targets are replica indices (0 is the first replica),
 * so a scenario stays valid whatever host numbering the world uses. The union has one member per
 * attack definition of the registry (src/attacks/registry.ts); each definition's schema documents
 * its fields (`iomtsim list attacks`).
 */
import { z } from 'zod';
import { attackSpecSchema, type AnyAttackDefinition, type SpecOfDefinition } from '../../attacks/definition.ts';
import { IN_TREE_ATTACKS } from '../../attacks/registry.ts';

/** The union of the attacks of `registry`, discriminated by `type`. */
export function attackSchema(registry: readonly AnyAttackDefinition[]): z.ZodDiscriminatedUnion<z.ZodObject[], 'type'> {
  return z.discriminatedUnion('type', registry.map((d) => attackSpecSchema(d)) as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

/** An attack of the in-tree registry as parsed (quantities in base units). */
export type AttackSpec = SpecOfDefinition<(typeof IN_TREE_ATTACKS)[number]>;
export type AttackType = AttackSpec['type'];
export type AttackOf<T extends AttackType> = Extract<AttackSpec, { type: T }>;

export const zAttack = attackSchema(IN_TREE_ATTACKS as unknown as readonly AnyAttackDefinition[]) as unknown as z.ZodType<AttackSpec, z.input<ReturnType<typeof attackSchema>>>;

export const zAttacks = z.array(zAttack).default([]);
export type AttacksSection = z.output<typeof zAttacks>;
