import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zAttack } from '../scenario/sections/attacks.ts';
import { attackSpecSchema, definitionProblems } from './definition.ts';
import { ATTACK_REGISTRY, ATTACKS } from './registry.ts';

describe('ATTACK_REGISTRY', () => {
  it('holds valid definitions with distinct types', () => {
    for (const d of ATTACK_REGISTRY) expect(definitionProblems(d), d.type).toEqual([]);
    expect(new Set(ATTACK_REGISTRY.map((d) => d.type)).size).toBe(ATTACK_REGISTRY.length);
  });

  it('documents every field each attack schema accepts, with a type and a meaning read from the schema', () => {
    for (const d of ATTACK_REGISTRY) {
      const doc = ATTACKS.find((a) => a.type === d.type)!;
      const fields = Object.keys(attackSpecSchema(d).shape).filter((k) => k !== 'type');
      expect(doc.parameters.map((p) => p.name), d.type).toEqual(fields);
      for (const p of doc.parameters) {
        expect(p.meaning, `${d.type}.${p.name}`).not.toBe('');
        expect(p.type, `${d.type}.${p.name}`).not.toBe('');
      }
    }
  });

  it("gives every member of the scenario's attacks union to exactly one definition", () => {
    const options = (zAttack as unknown as { options: Array<{ shape: { type: z.ZodLiteral<string> } }> }).options;
    expect(options.map((o) => o.shape.type.value)).toEqual(ATTACK_REGISTRY.map((d) => d.type));
  });

  it('reads defaults with their units and says what applies to an optional field left out', () => {
    const leaderDos = ATTACKS.find((a) => a.type === 'leader-dos')!;
    expect(leaderDos.parameters.find((p) => p.name === 'tick')).toMatchObject({ type: 'duration', default: '10ms' });
    expect(leaderDos.parameters.find((p) => p.name === 'load')).toMatchObject({ default: 'required' });
    const equivocation = ATTACKS.find((a) => a.type === 'equivocation')!;
    expect(equivocation.parameters.find((p) => p.name === 'sideA')!.default).toBe('first half of the honest replicas');
    const selfish = ATTACKS.find((a) => a.type === 'selfish-mining')!;
    expect(selfish.parameters.find((p) => p.name === 'start')!.meaning).toMatch(/withholding/);
  });
});
