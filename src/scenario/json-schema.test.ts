import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './json-schema.ts';
import { zScenario } from './schema.ts';

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as { properties: Record<string, Record<string, unknown>>; additionalProperties: unknown; required: string[] };

  it('describes the input form: every root field plus extends, unknown keys rejected', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(['extends', ...Object.keys(zScenario.shape)].sort());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toContain('duration');
    expect(schema.required).not.toContain('name');
  });

  it('gives quantities as strings with their unit kind', () => {
    expect(schema.properties['duration']).toMatchObject({ type: 'string', 'x-unit': 'duration' });
  });
});
