/** `iomtsim schema --update-docs` given bare: the help names docs/scenarios.md, so that is the file it rewrites. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN_MARKER, END_MARKER } from '../../src/scenario/field-reference.ts';
import { cli } from './cli.ts';

describe('iomtsim schema --update-docs', () => {
  it('rewrites docs/scenarios.md of the current folder when given no file', async () => {
    const tree = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-schema-'));
    mkdirSync(join(tree, 'docs'));
    writeFileSync(join(tree, 'docs', 'scenarios.md'), `${BEGIN_MARKER}\nOLD-REFERENCE-LINE\n${END_MARKER}\n`);
    const r = await cli(['schema', '--update-docs'], undefined, tree);
    expect(r.stderr).toBe('updated the field reference in docs/scenarios.md\n');
    expect(r.code).toBe(0);
    expect(readFileSync(join(tree, 'docs', 'scenarios.md'), 'utf8')).toContain('| `seed` | integer');
  });
});
