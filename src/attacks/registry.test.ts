import { describe, expect, it } from 'vitest';
import { zAttack } from '../scenario/sections/attacks.ts';
import { ATTACKS } from './registry.ts';

describe('ATTACKS registry', () => {
  it('documents exactly the fields each attack schema accepts, and every schema type', () => {
    const options = (zAttack as unknown as { options: Array<{ shape: Record<string, unknown> }> }).options;
    const schemaFields = new Map<string, string[]>();
    for (const o of options) {
      const type = (o.shape.type as { value: string }).value;
      schemaFields.set(type, Object.keys(o.shape).filter((k) => k !== 'type').sort());
    }
    for (const a of ATTACKS) {
      expect(a.parameters.map((p) => p.name).sort(), a.type).toEqual(schemaFields.get(a.type));
    }
    expect(ATTACKS.map((a) => a.type).sort()).toEqual([...schemaFields.keys()].sort());
  });
});
