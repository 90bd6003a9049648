/**
 * Commands implemented elsewhere (report, compare, bench, validate, the registries),
 * loaded on demand with a dynamic import: `iomtsim run --json` does not pay for the report
 * renderer, and a delegate that is not in this build gives a clear "not available" error (exit 2)
 * instead of a crash. The expected signatures are declared here, in one place.
 */
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { notAvailable } from './errors.ts';

export interface BenchOptions {
  readonly suite: string;
  readonly json?: string;
  readonly compare?: string;
  readonly threshold?: string;
  readonly updateGolden?: boolean;
  readonly runs?: number;
  readonly only?: readonly string[];
}

export interface Delegates {
  reportCommand: (dir: string) => Promise<number>;
  compareCommand: (a: string, b: string, out?: string) => Promise<number>;
  writeReport: (resultsDir: string) => Promise<void>;
  benchCommand: (opts: BenchOptions) => Promise<number>;
  validateCommand: (opts: { quick: boolean; json: boolean; out?: string; only?: readonly string[] }) => Promise<number>;
}

const MODULES: Record<keyof Delegates, string> = {
  reportCommand: '../report/index.ts',
  compareCommand: '../report/index.ts',
  writeReport: '../report/index.ts',
  benchCommand: '../../bench/harness/command.ts',
  validateCommand: '../validation/index.ts',
};

/** Import a module of this project by path relative to src/cli; undefined if it does not exist. */
export async function importOptional(relative: string): Promise<Record<string, unknown> | undefined> {
  const url = new URL(relative, import.meta.url);
  try {
    return (await import(url.href)) as Record<string, unknown>;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { url?: string };
    // Only the module itself being absent means "not available"; a broken import inside it is a bug.
    if (e.code === 'ERR_MODULE_NOT_FOUND' && (e.url === url.href || e.message.includes(url.pathname))) return undefined;
    throw err;
  }
}

export async function delegate<K extends keyof Delegates>(name: K, command: string): Promise<Delegates[K]> {
  const mod = await importOptional(MODULES[name]);
  const fn = mod?.[name];
  if (typeof fn !== 'function') {
    const file = relative(fileURLToPath(new URL('../../', import.meta.url)), fileURLToPath(new URL(MODULES[name], import.meta.url)));
    throw notAvailable(command, `${name}() exported by ${file}`);
  }
  return fn as Delegates[K];
}
