import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threadEntry } from './compiled.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = new URL('../runner/worker.ts', import.meta.url).href;
const WORLD = new URL('../world/threads/world-module.ts', import.meta.url).href;

/** A build folder (named by IOMTSIM_BUILD relative to the repository) whose stamp records package.json as it is now (fresh) or with another size (stale). */
function stampFolder(fresh: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'iomtsim-stamp-'));
  const s = statSync(`${ROOT}package.json`);
  const stamp = { build: 'b-test', inputs: { 'package.json': [fresh ? s.size : s.size + 1, s.mtimeMs] }, entries: { 'src/runner/worker.ts': 'src.runner.worker.js' } };
  writeFileSync(`${dir}/build-stamp.json`, JSON.stringify(stamp));
  return dir;
}

describe('a thread started from the TypeScript sources', () => {
  const saved = process.env['IOMTSIM_BUILD'];
  let dir = '';
  beforeEach(() => {
    dir = '';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['IOMTSIM_BUILD'];
    else process.env['IOMTSIM_BUILD'] = saved;
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('starts from the bundle built from exactly these sources, with no loader', () => {
    dir = stampFolder(true);
    process.env['IOMTSIM_BUILD'] = relative(ROOT, dir);
    const start = threadEntry(WORKER);
    expect(start.url).toBe(new URL(`${relative(ROOT, dir)}/b-test/src.runner.worker.js`, `file://${ROOT}`).href);
    expect(start.execArgv).toEqual([]);
  });

  it('imports a module the bundle has no entry for from its source', () => {
    dir = stampFolder(true);
    process.env['IOMTSIM_BUILD'] = relative(ROOT, dir);
    expect(threadEntry(WORKER).moduleUrl(WORLD)).toBe(WORLD);
  });

  it('starts from the sources through tsx when a file changed since the build', () => {
    dir = stampFolder(false);
    process.env['IOMTSIM_BUILD'] = relative(ROOT, dir);
    const start = threadEntry(WORKER);
    expect(start.url).toBe(WORKER);
    expect(start.execArgv).toEqual(['--import', expect.stringMatching(/worker-loader\.mjs$/)]);
    expect(start.moduleUrl(WORLD)).toBe(WORLD);
  });

  it('starts from the sources through tsx with IOMTSIM_BUILD=off', () => {
    process.env['IOMTSIM_BUILD'] = 'off';
    expect(threadEntry(WORKER)).toMatchObject({ url: WORKER, execArgv: ['--import', expect.stringMatching(/worker-loader\.mjs$/)] });
  });
});
