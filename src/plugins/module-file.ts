/**
 * A plug-in module file named in a scenario: resolved relative to the scenario file that names it,
 * hashed (so a result names the exact code that produced it), and imported. The module's default
 * export is its definition object; which contract it must satisfy is the caller's business.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { notAFile, type NotAFile } from '../io/input-file.ts';
import { importableUrl } from './compiled.ts';

export type PluginKind = 'protocol' | 'attack' | 'detector';

/** The kind with its article, for messages: 'an attack', 'a protocol'. */
export function aPluginKind(kind: PluginKind): string {
  return `${kind === 'attack' ? 'an' : 'a'} ${kind}`;
}

/** Where a plug-in came from, as recorded in the scenario and in manifest.json. */
export interface PluginRef {
  readonly kind: PluginKind;
  /** The definition's own name (a protocol's `name`, an attack's or a detector's `type`). */
  readonly name: string;
  /** Absolute path of the module file. */
  readonly module: string;
  /** SHA-256 over the module file and the files it imports by relative path (sha256OfModule), hex. */
  readonly sha256: string;
}

/** The file a `file:line:col` source string names. */
export function fileOfSource(source: string): string {
  const m = /^(.*?)(?::\d+:\d+)?$/.exec(source);
  return m?.[1] ?? source;
}

/** `written` resolved against the folder of the scenario file that wrote it. */
export function resolveModulePath(written: string, scenarioFile: string): string {
  return isAbsolute(written) ? written : resolve(dirname(scenarioFile), written);
}

const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
/** iomtsim's own code: the manifest names it by commit, so a plug-in's hash leaves it out. */
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The module file and every file it reaches by relative imports, outside iomtsim's own tree. */
export function moduleFiles(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const m of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolve(dirname(file), m[1]!);
      if (target.startsWith(PACKAGE_ROOT) && !entry.startsWith(PACKAGE_ROOT)) continue;
      if (target.startsWith(join(PACKAGE_ROOT, 'src')) || target.startsWith(join(PACKAGE_ROOT, 'sim'))) continue;
      if (seen.has(target) || notAFile(target) !== undefined) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return [...seen].sort();
}

/**
 * SHA-256 over the module and the files it imports by relative path (each file's path relative to
 * the module's folder, then its bytes), so editing a helper file the plug-in imports changes it.
 */
export function sha256OfModule(entry: string): string {
  const hash = createHash('sha256');
  for (const file of moduleFiles(entry)) {
    hash.update(`${relative(dirname(entry), file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export type ModuleLoad =
  | { readonly state: 'loaded'; readonly exported: unknown; readonly sha256: string }
  | ({ readonly state: 'not-a-file' } & NotAFile)
  | { readonly state: 'failed'; readonly error: string };

/**
 * Imports the module at an absolute path; its default export is what a plug-in offers. Nothing
 * there, or a directory, is 'not-a-file' with what to say about it (expected, found).
 */
export async function importModuleFile(path: string): Promise<ModuleLoad> {
  const problem = notAFile(path, 'an existing module file');
  if (problem !== undefined) return { state: 'not-a-file', ...problem };
  const sha256 = sha256OfModule(path);
  watchExitWhileImporting();
  importing.add(path);
  try {
    const mod = (await import(await importableUrl(pathToFileURL(path).href))) as Record<string, unknown>;
    return { state: 'loaded', exported: mod['default'], sha256 };
  } catch (err) {
    return { state: 'failed', error: importErrorText(err) };
  } finally {
    importing.delete(path);
  }
}

/**
 * An import's error in one line: its first, and the first later one that says where, as esbuild's
 * 'Transform failed with 1 error:' is followed by 'p.mts:11:0: ERROR: Unexpected "}"'; never the
 * stack.
 */
export function importErrorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const [first, ...rest] = err.message.split('\n');
  const where = rest.find((line) => /:\d+:\d+: |ERROR:/.test(line));
  return where === undefined ? first! : `${first} ${where.trim()}`;
}

/** Module files whose import has started and not yet finished. */
const importing = new Set<string>();
let watching = false;
/** The CLI's exit code for bad input (src/cli/errors.ts): a plug-in that cannot load is one. */
const EXIT_BAD_INPUT = 2;

/**
 * A plug-in that ends the process while it loads, by process.exit or by a top-level await that
 * never settles (the event loop drains and Node exits), would end a command silently, with its
 * own code (0 reads as success in a pipeline) or Node's 13. The process still ends, but names the
 * module and exits as for any bad input.
 */
function watchExitWhileImporting(): void {
  if (watching) return;
  watching = true;
  process.on('exit', () => {
    const [first] = importing;
    if (first === undefined) return;
    process.stderr.write(`${first}: (module): expected a plug-in module whose loading finishes, found one that ended the process while it loaded (process.exit, or a top-level await that never settles)\n`);
    process.exitCode = EXIT_BAD_INPUT;
  });
}

/**
 * What a plug-in module must be for Node to load it as an ES module: Node decides by the file's
 * extension and the nearest package.json, so a `.ts` file outside a `"type": "module"` package is
 * loaded as CommonJS and fails.
 */
export const LOADS_AS_ES_MODULE = 'a module that loads as an ES module (.mts or .mjs, or .ts or .js under a package.json with "type": "module")';
