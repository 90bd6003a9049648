import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { refusalOf } from '../../scenario/testing/input-issue.ts';
import { BEGIN_MARKER, END_MARKER } from '../../scenario/field-reference.ts';
import { schemaCommand } from './schema.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-schema-'));

/** The one issue `schema --update-docs file` is refused with. */
const updateRefusal = (file: string) => refusalOf(() => schemaCommand({ updateDocs: file }));

describe('iomtsim schema --update-docs', () => {
  it('rewrites the field reference between the markers of the file given', async () => {
    const file = join(root, 'reference.md');
    writeFileSync(file, `# fields\n${BEGIN_MARKER}\nOLD-REFERENCE-LINE\n${END_MARKER}\n`);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await schemaCommand({ updateDocs: file })).toBe(0);
    } finally {
      stderr.mockRestore();
    }
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('OLD-REFERENCE-LINE');
    expect(text).toContain('| `seed` | integer');
  });

  it('refuses a file without the markers with exit 2, naming it and leaving it as it was', async () => {
    const file = join(root, 'notes.md');
    writeFileSync(file, '# notes\n');
    expect(await updateRefusal(file)).toMatchObject({ source: file, path: '(file)', found: 'no begin marker' });
    expect(readFileSync(file, 'utf8')).toBe('# notes\n');
  });

  it('says a folder is a folder', async () => {
    expect(await updateRefusal(root)).toMatchObject({ source: root, found: 'a folder' });
  });

  it('says a missing file is missing', async () => {
    expect(await updateRefusal(join(root, 'none.md'))).toMatchObject({ found: 'no such file' });
  });
});
