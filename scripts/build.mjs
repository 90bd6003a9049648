#!/usr/bin/env node
// Builds the bundle that bin/iomtsim.mjs starts from (dist/, gitignored; `npm ci` and `npm install`
// run it as `prepare`, `npm run build` by hand): the command line, the worker thread's entry and
// the modules imported by URL at run time, as ES modules sharing chunks, compiled by esbuild.
// Why, and what falls back to tsx when: docs/architecture.md, "Start-up".
//
//   node scripts/build.mjs [--out-dir DIR]    (DIR relative to the repository; default dist)
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSignature, readStamp, STAMP_FILE } from './build-stamp.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Entries: the command line, and each module that the code imports by file URL at run time rather
 * than by a static import (the worker thread's entry, the model it loads, the plug-in API a plug-in
 * outside the tree imports, the plug-ins inside the tree, the bench's child process, a replication's
 * partition threads and the world they build, the thread that plans a split). Each gets its own entry so that
 * importing it from the bundle (src/plugins/compiled.ts) reuses the bundle's module instances
 * instead of loading a second copy of the tree through tsx.
 */
const ENTRY_FILES = ['src/cli/main.ts', 'src/runner/worker.ts', 'src/runner/simulate.ts', 'src/plugin-api.ts', 'bench/harness/child.ts', 'sim/threads/partition-worker.ts', 'src/world/threads/world-module.ts', 'src/world/threads/plan-worker.ts'];
const ENTRY_FOLDERS = ['src/fuzz/attacks', 'src/fuzz/mutants'];

/**
 * Dependencies compiled into the bundle: pure JavaScript that every start loads (the argument
 * parser, the schema library, YAML, SHA-256), together with what they import. Every other package
 * stays an import Node resolves from node_modules as before: those that are large and loaded only
 * for one command (vega, the browser), native (resvg), or that start files by path (piscina's
 * worker, tsx's loader).
 */
const BUNDLED_PACKAGES = new Set(['yargs', 'zod', 'yaml', '@noble/hashes']);

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isBare = (specifier) => !/^(\.|\/|node:|[a-zA-Z]:\\)/.test(specifier);

function entryFiles() {
  const inFolders = ENTRY_FOLDERS.flatMap((dir) =>
    readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `${dir}/${f}`));
  return [...ENTRY_FILES, ...inFolders.sort()];
}

/** `src/runner/worker.ts` → `src.runner.worker`: every output lies flat in the folder (see sourceUrls). */
const entryName = (file) => file.replace(/\.ts$/, '').split('/').join('.');

/**
 * Each module's `import.meta.url` becomes the URL of its own source file, computed from the
 * output's location, so code that finds files beside itself (package.json, scenarios/, the schema's
 * source text, the worker loader, a dependency's data files) finds them in the tree as before,
 * wherever the tree is moved. All outputs lie in one flat folder, so one relative path serves
 * whichever chunk a module lands in.
 */
function sourceUrls(outDirAbs) {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mjs|js|cjs)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const fromOut = relative(outDirAbs, args.path).split(sep).join('/');
        const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`), loader };
      });
    },
  };
}

/** Bare imports of packages outside BUNDLED_PACKAGES (and outside their own dependencies) stay imports. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !isBare(args.path)) return undefined;
      const fromDependency = args.importer.includes(`${sep}node_modules${sep}`);
      return fromDependency || BUNDLED_PACKAGES.has(packageOf(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

const ZOD_LOCALES = 'zod-locales';
/**
 * zod's translated error messages: its index imports every locale (about 370 KB, half the bundled
 * zod) so that `z.locales` can name any of them, and the bundle cannot drop the ones nobody names.
 * iomtsim writes its own messages and leaves zod's English default in place, so only English is
 * compiled in; every start (and each worker thread) then parses and runs that much less.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}zod${sep}`) ? { path: join(args.resolveDir, args.path), namespace: ZOD_LOCALES } : undefined);
    b.onLoad({ filter: /.*/, namespace: ZOD_LOCALES }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: join(args.path, '..'),
    }));
  },
};

function parseOutDir(argv) {
  const i = argv.indexOf('--out-dir');
  return i === -1 ? 'dist' : argv[i + 1];
}

class EditedDuringBuild extends Error {
  constructor(files) {
    super(`${files.join(', ')} changed during the build`);
  }
}

/** A build's folder stays this long after a newer build replaced it: a run started from it may still import its chunks. */
const KEEP_REPLACED_MS = 24 * 3600 * 1000;

/**
 * Builds into a new folder `<outDir>/<build id>/`, then points `<outDir>/build-stamp.json` at it.
 * Builds are never rewritten in place: a run that started from an earlier one keeps importing its
 * own chunks (a command's module, the report renderer, the worker's entry) however late.
 */
async function buildBundle(outDir) {
  const startedMs = Date.now();
  const buildId = `b-${Date.now().toString(36)}-${process.pid}`;
  const buildDir = `${outDir}/${buildId}`;
  const buildDirAbs = join(ROOT, buildDir);
  const files = entryFiles();
  const entries = Object.fromEntries(files.map((f) => [f, `${entryName(f)}.js`]));
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: files.map((f) => ({ in: f, out: entryName(f) })),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: buildDirAbs,
    chunkNames: 'chunk-[hash]',
    // CommonJS dependencies (yaml) call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __iomtsimCreateRequire } from 'node:module'; const require = __iomtsimCreateRequire(import.meta.url);" },
    // src/plugins/compiled.ts reads this: where the build is and which source file each entry compiles.
    define: { IOMTSIM_BUILD: JSON.stringify({ dir: `${buildDir}/`, entries }) },
    plugins: [sourceUrls(buildDirAbs), externalPackages, zodEnglishOnly],
    metafile: true,
    logLevel: 'warning',
  });
  // esbuild, splitting, gives `import()` of a CommonJS module only its `default` export, where Node
  // gives the named ones too: such an import would work from source and fail from the bundle.
  const cjsImports = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
    input.imports.filter((i) => i.kind === 'dynamic-import' && result.metafile.inputs[i.path]?.format === 'cjs').map((i) => `${file} imports ${i.original ?? i.path}`));
  if (cjsImports.length > 0) {
    rmSync(buildDirAbs, { recursive: true, force: true });
    throw new Error(`import() of a CommonJS module, which the bundle cannot give its named exports (import it statically, or through a module of the tree): ${cjsImports.join('; ')}`);
  }
  // The stamp: every input, except that a dependency is represented by its package.json (npm
  // rewrites it whenever it installs another version), and this script with the stamp's reader.
  const inputs = new Set(['scripts/build.mjs', 'scripts/build-stamp.mjs']);
  for (const name of Object.keys(result.metafile.inputs)) {
    if (name.startsWith('<')) continue; // esbuild's own, e.g. <define:IOMTSIM_BUILD>
    const input = name.startsWith(`${ZOD_LOCALES}:`) ? relative(ROOT, name.slice(ZOD_LOCALES.length + 1)) : name;
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    inputs.add(m ? `${m[1]}/package.json` : input);
  }
  const signatures = Object.fromEntries([...inputs].sort().map((f) => [f, fileSignature(join(ROOT, f))]));
  // A file saved while esbuild read the tree may be in the bundle as it was before: no stamp for
  // such a build, so runs keep to tsx until the next build. (A time after the build's end is a
  // clock's error, not a save during it.)
  const endedMs = Date.now();
  const editedMeanwhile = Object.keys(signatures).filter((f) => signatures[f] === null || (signatures[f][1] >= startedMs && signatures[f][1] <= endedMs));
  if (editedMeanwhile.length > 0) {
    rmSync(buildDirAbs, { recursive: true, force: true });
    throw new EditedDuringBuild(editedMeanwhile);
  }
  const stampPath = join(ROOT, outDir, STAMP_FILE);
  const replaced = readStamp(ROOT, outDir)?.build;
  writeFileSync(`${stampPath}.${process.pid}`, `${JSON.stringify({ build: buildId, inputs: signatures, entries }, null, 1)}\n`);
  renameSync(`${stampPath}.${process.pid}`, stampPath);
  // A replaced build's folder dates from its replacement, so the clock below starts now.
  if (replaced !== undefined && existsSync(join(ROOT, outDir, replaced))) utimesSync(join(ROOT, outDir, replaced), new Date(), new Date());
  for (const old of readdirSync(join(ROOT, outDir))) {
    const path = join(ROOT, outDir, old);
    if (old.startsWith('b-') && old !== buildId && Date.now() - statSync(path).mtimeMs > KEEP_REPLACED_MS) rmSync(path, { recursive: true, force: true });
  }
  return { buildDir, entries: files.length, inputs: inputs.size, bytes: Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0) };
}

const started = performance.now();
// A save while building discards the build; one of three tries goes through unless the tree is
// being written to all the while.
let built;
for (let attempt = 1; built === undefined; attempt++) {
  try {
    built = await buildBundle(parseOutDir(process.argv.slice(2)));
  } catch (error) {
    if (!(error instanceof EditedDuringBuild) || attempt === 3) throw error;
  }
}
console.log(`iomtsim: built ${built.buildDir}/ (${built.entries} entries, ${built.inputs} inputs, ${(built.bytes / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`);
