/** `iomtsim schema`: the scenario JSON Schema, or (--update-docs) the generated field reference. */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { inputError, scenarioJsonSchema } from '../../scenario/index.ts';
import { withFieldReference } from '../../scenario/field-reference.ts';
import { EXIT } from '../errors.ts';

/** The file `--update-docs` rewrites when given bare: the one the help names and `npm run docs:scenarios` keeps. */
export const SCENARIO_DOCS = 'docs/scenarios.md';

export async function schemaCommand(args: { updateDocs?: string }): Promise<number> {
  if (args.updateDocs === undefined) {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  }
  const file = args.updateDocs === '' ? SCENARIO_DOCS : args.updateDocs;
  writeFileAtomic(file, withFieldReference(readMarkdown(file), file));
  process.stderr.write(`updated the field reference in ${file}\n`);
  return EXIT.ok;
}

/** The text of markdown file `file`; one that cannot be read is bad input, saying why. */
function readMarkdown(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const found = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : `a file that cannot be read (${code ?? String(err)})`;
    throw inputError(file, '(file)', 'an existing markdown file', found);
  }
}
