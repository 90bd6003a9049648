import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../scenario/errors.ts';
import { moduleTarget } from './target.ts';

describe('--protocol-module', () => {
  it('naming a directory is refused as bad input naming the flag: a file expected, a directory found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-fuzz-target-'));
    const err = await moduleTarget(dir).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`--protocol-module ${dir}: (flag): expected a file, found a directory`);
  });
});
