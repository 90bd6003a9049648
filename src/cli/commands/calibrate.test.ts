import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../scenario/errors.ts';
import { calibrateCommand } from './calibrate.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-calibrate-'));

/** The command's outcome (exit code or thrown error) and what it printed on stderr. */
async function calibrate(json: string): Promise<{ code?: number; error?: unknown; stderr: string }> {
  const printed: string[] = [];
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (printed.push(String(chunk)), true));
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await calibrateCommand({ json }), stderr: printed.join('') };
  } catch (error) {
    return { error, stderr: printed.join('') };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

/** The one issue of an input error, or a failure naming what was thrown instead. */
function issueOf(error: unknown): InputError['issues'][number] {
  if (!(error instanceof InputError)) throw new Error(`expected an input error, got ${String(error)}`);
  return error.issues[0]!;
}

describe('iomtsim calibrate --json', () => {
  it('writes the cost table to a file in a folder it makes', async () => {
    const file = join(root, 'new', 'costs.json');
    const r = await calibrate(file);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8'))).length).toBeGreaterThan(0);
  });

  it('refuses a bare --json before calibrating', async () => {
    const r = await calibrate('');
    expect(issueOf(r.error)).toMatchObject({ source: '--json', expected: 'a file path iomtsim can write to', found: 'nothing' });
    expect(r.stderr).not.toContain('calibrating');
  });

  it('refuses a folder before calibrating', async () => {
    const r = await calibrate(root);
    expect(issueOf(r.error).found).toBe(`${root}, a folder`);
    expect(r.stderr).not.toContain('calibrating');
  });

  it('refuses a file under a file before calibrating', async () => {
    writeFileSync(join(root, 'afile'), 'x');
    const r = await calibrate(join(root, 'afile', 'x.json'));
    expect(issueOf(r.error).found).toBe(`${join(root, 'afile')}, a file, where a folder would have to be`);
    expect(r.stderr).not.toContain('calibrating');
  });
});
