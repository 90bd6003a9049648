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

declare const IOMTSIM_BUILD: { readonly dir: string; readonly entries: Readonly<Record<string, string>> } | undefined;

const BUILD = typeof IOMTSIM_BUILD === 'undefined' ? undefined : IOMTSIM_BUILD;
/** The repository: in the bundle, import.meta.url is the source file's own URL (scripts/build.mjs). */
const ROOT = new URL('../../', import.meta.url);

/** The compiled entry of the module at `url`, when running from the bundle and it has one. */
export function compiledEntryUrl(url: string): string | undefined {
  if (BUILD === undefined || !url.startsWith(ROOT.href)) return undefined;
  const entry = BUILD.entries[url.slice(ROOT.href.length)];
  return entry === undefined ? undefined : new URL(`${BUILD.dir}${entry}`, ROOT).href;
}

/** Preloaded by a thread that starts from TypeScript sources: registers tsx's fast ESM loader. */
const THREAD_TS_LOADER = pathToFileURL(fileURLToPath(new URL('../runner/worker-loader.mjs', import.meta.url))).href;

/**
 * How to start a worker thread whose entry is the module at `source`: from the bundle, its
 * compiled entry with no loader; from source, the source through tsx (src/runner/worker-loader.mjs).
 */
export function threadEntry(source: string): { readonly url: string; readonly execArgv: string[] } {
  const compiled = compiledEntryUrl(source);
  return compiled !== undefined ? { url: compiled, execArgv: [] } : { url: source, execArgv: ['--import', THREAD_TS_LOADER] };
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
