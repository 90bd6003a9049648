/**
 * The scenario's JSON Schema (`iomtsim schema`), for editor completion and validation of the
 * input form (quantities as strings with units, their defaults too). `extends` is resolved before validation, so it
 * is added here by hand, and `name` is optional in a file.
 */
import { zScenario } from './schema.ts';
import { inputJsonSchema } from './schema-field-docs.ts';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = inputJsonSchema(zScenario);
  const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
  // A file may leave out `name`: the loader names the scenario after its file.
  const required = ((schema['required'] ?? []) as string[]).filter((key) => key !== 'name');
  return {
    ...schema,
    required,
    title: 'iomtsim scenario',
    properties: {
      extends: { type: 'string', description: 'Another scenario file this one inherits from (path relative to this file; deep merge).' },
      ...properties,
    },
  };
}
