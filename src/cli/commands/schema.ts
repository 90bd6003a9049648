/** `iomtsim schema`: the scenario JSON Schema, or (--update-docs) the generated field reference. */
import { readFileSync, writeFileSync } from 'node:fs';
import { inputError, scenarioJsonSchema } from '../../scenario/index.ts';
import { withFieldReference } from '../../scenario/field-reference.ts';
import { EXIT } from '../errors.ts';

export async function schemaCommand(args: { updateDocs?: string }): Promise<number> {
  if (args.updateDocs === undefined) {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  }
  let text: string;
  try {
    text = readFileSync(args.updateDocs, 'utf8');
  } catch {
    throw inputError(args.updateDocs, '(file)', 'an existing markdown file', 'no such file');
  }
  writeFileSync(args.updateDocs, withFieldReference(text));
  process.stderr.write(`updated the field reference in ${args.updateDocs}\n`);
  return EXIT.ok;
}
