/**
 * Whether this code runs from the prebuilt bundle (scripts/build.mjs; docs/architecture.md,
 * "Start-up") or from its TypeScript sources (through tsx or vitest), and what that changes for a
 * module imported by URL at run time. The build defines IOMTSIM_BUILD: its folder and, for each
 * source file compiled as an entry of its own (the worker's entry, the model, the plug-in API,
 * the plug-ins inside the tree), the entry's file. Importing such a file by its source URL
 * imports its entry instead, so the bundle's modules are shared, not loaded a second time from
 * source; any other TypeScript file (a plug-in outside the tree) first registers tsx.
 */
import { register as registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshStamp } from '../../scripts/build-stamp.mjs';

declare const IOMTSIM_BUILD: Build | undefined;

const BUILD = typeof IOMTSIM_BUILD === 'undefined' ? undefined : IOMTSIM_BUILD;
/** The repository: in the bundle, import.meta.url is the source file's own URL (scripts/build.mjs). */
const ROOT = new URL('../../', import.meta.url);

type Build = { readonly dir: string; readonly entries: Readonly<Record<string, string>> };

/** The entry `build` compiled from the module at `url`, if it has one. */
function entryIn(build: Build | undefined, url: string): string | undefined {
  if (build === undefined || !url.startsWith(ROOT.href)) return undefined;
  const entry = build.entries[url.slice(ROOT.href.length)];
  return entry === undefined ? undefined : new URL(`${build.dir}${entry}`, ROOT).href;
}

/** The compiled entry of the module at `url`, when running from the bundle and it has one. */
function compiledEntryUrl(url: string): string | undefined {
  return entryIn(BUILD, url);
}

/** Preloaded by a thread that starts from TypeScript sources: registers tsx's fast ESM loader. */
const THREAD_TS_LOADER = pathToFileURL(fileURLToPath(new URL('../runner/worker-loader.mjs', import.meta.url))).href;

/**
 * The bundle a thread started from the TypeScript sources can use instead: the build in dist/ (or
 * in IOMTSIM_BUILD's folder, as bin/iomtsim.mjs reads it) while every file it was built from is
 * unchanged, so it runs exactly these sources. Through tsx a thread spends about 0.65 s importing
 * the world, from the bundle about 0.1 s; the thread shares no module with the one that starts it
 * (they talk by messages), so the two may load the same code from different files. Checked at each
 * start (a few milliseconds of `stat`), since the sources may change during a long test run.
 */
function currentBundle(): Build | undefined {
  const chosen = process.env['IOMTSIM_BUILD'];
  const outDir = chosen === undefined || chosen === '' ? 'dist' : chosen;
  if (outDir === 'off') return undefined;
  const { stamp } = freshStamp(fileURLToPath(ROOT), outDir);
  return stamp === undefined ? undefined : { dir: `${outDir}/${stamp.build}/`, entries: stamp.entries };
}

/** How to start a worker thread, and the URL under which that thread imports a module at run time. */
export interface ThreadStart {
  readonly url: string;
  readonly execArgv: string[];
  /** `source` as the thread must import it: the bundle's entry when the thread runs the bundle. */
  moduleUrl(source: string): string;
}

/**
 * How to start a worker thread whose entry is the module at `source`: from the bundle (this
 * process's, or the current one when this process runs the sources), its compiled entry with no
 * loader; otherwise the source through tsx (src/runner/worker-loader.mjs).
 */
export function threadEntry(source: string): ThreadStart {
  const build = BUILD ?? currentBundle();
  const compiled = entryIn(build, source);
  return compiled !== undefined
    ? { url: compiled, execArgv: [], moduleUrl: (s) => entryIn(build, s) ?? s }
    : { url: source, execArgv: ['--import', THREAD_TS_LOADER], moduleUrl: (s) => s };
}

let typeScript: Promise<void> | undefined;

/**
 * tsx, registered once, when the bundle meets a TypeScript module it did not compile; with it a
 * resolve hook that sends the plug-in's imports of the compiled entries (the plug-in API) to the
 * bundle, so a plug-in and the simulator share one copy of each module.
 */
function registerTypeScript(build: NonNullable<typeof BUILD>): Promise<void> {
  typeScript ??= (async () => {
    const { register } = await import('tsx/esm/api');
    register();
    const redirects = Object.fromEntries(Object.entries(build.entries).map(([source, entry]) => [new URL(source, ROOT).href, new URL(`${build.dir}${entry}`, ROOT).href]));
    registerHooks(new URL('./compiled-redirect-hooks.mjs', import.meta.url), { data: { redirects } });
  })();
  return typeScript;
}

/** The URL to import for the module at `url` (a model, a plug-in), ready to import. */
export async function importableUrl(url: string): Promise<string> {
  if (BUILD === undefined) return url;
  const compiled = compiledEntryUrl(url);
  if (compiled !== undefined) return compiled;
  if (/\.[cm]?tsx?$/.test(new URL(url).pathname)) await registerTypeScript(BUILD);
  return url;
}
