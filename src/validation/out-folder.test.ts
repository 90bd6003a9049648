import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../scenario/errors.ts';
import { validateCommand } from './index.ts';

describe('validate --out', () => {
  it('refuses a folder that holds a run\'s results, whose report it would replace, before any check runs and writing nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'iomtsim-validate-out-'));
    writeFileSync(join(out, 'manifest.json'), '{}\n');
    const err = await validateCommand({ quick: true, json: true, out, only: ['ideal.raft.commit'] }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`--out ${out}: (flag): expected a folder that holds no run's results (their report would be replaced), found an existing results folder`);
    expect(readdirSync(out)).toEqual(['manifest.json']);
  });
});
