#!/usr/bin/env node
// Entry point. Starts from the prebuilt bundle (scripts/build.mjs, run by `npm ci`, `npm install`
// and `npm run build`) when every file it was built from is unchanged since; otherwise loads the
// TypeScript sources through tsx, so an edited tree never runs stale code (docs/architecture.md,
// "Start-up"). IOMTSIM_BUILD=off always uses tsx; IOMTSIM_BUILD=<folder> uses the build in that
// folder (relative to the repository) instead of dist, and says why when it cannot.
import { fileURLToPath } from 'node:url';
import { freshStamp } from '../scripts/build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chosen = process.env.IOMTSIM_BUILD;
const buildDir = chosen === undefined || chosen === '' ? 'dist' : chosen;
const fresh = buildDir === 'off' ? { why: 'IOMTSIM_BUILD=off' } : freshStamp(root, buildDir);

let main;
if (fresh.stamp !== undefined) {
  const { build, entries } = fresh.stamp;
  ({ main } = await import(new URL(`${buildDir}/${build}/${entries['src/cli/main.ts']}`, new URL('..', import.meta.url)).href));
} else {
  // Said on a terminal (a developer waiting), or when a build was asked for by name; never into
  // the output a script reads.
  if (process.stderr.isTTY || (chosen !== undefined && chosen !== '' && chosen !== 'off')) {
    process.stderr.write(`iomtsim: running from source through tsx (${fresh.why}); \`npm run build\` starts faster\n`);
  }
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
