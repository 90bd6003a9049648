/**
 * Scenario paths on the command line: a path that exists from the working directory is used as
 * given; otherwise one that names a scenario shipped with the package (`scenarios/pbft.yaml`) is
 * taken from the package's own folder, so the bundled scenarios work from anywhere, as after
 * `npm install -g` or `npx iomtsim` outside a clone.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLED_SCENARIOS = join(PACKAGE_DIR, 'scenarios');

export function resolveScenarioPath(path: string, cwd = process.cwd()): string {
  if (isAbsolute(path) || existsSync(join(cwd, path))) return path;
  const bundled = join(PACKAGE_DIR, path);
  return existsSync(bundled) ? bundled : path;
}

/** The scenarios/ folder to list: the working directory's, else the package's. */
export function scenariosFolder(cwd = process.cwd()): string {
  const local = join(cwd, 'scenarios');
  return existsSync(local) ? local : BUNDLED_SCENARIOS;
}

/** How to name a listed scenario so that `iomtsim run NAME` finds it from here. */
export function displayScenarioPath(file: string, cwd = process.cwd()): string {
  const fromCwd = relative(cwd, file);
  if (!fromCwd.startsWith(`..${sep}`) && fromCwd !== '..' && !isAbsolute(fromCwd)) return fromCwd;
  return relative(PACKAGE_DIR, file);
}
