/**
 * Commands implemented in other areas (the report, bench, validation), imported when first used:
 * `iomtsim run --json` does not load the report renderer, and no command loads bench's. The
 * imports name the modules literally, so TypeScript checks every call against the module's own
 * exported signatures: a rename or a changed signature fails `tsc`, not a user's run.
 */
export const loadReport = () => import('../report/index.ts');
export const loadBench = () => import('../../bench/harness/command.ts');
export const loadValidation = () => import('../validation/index.ts');

/**
 * For `iomtsim list`, whose registries are looked up by path: import a module of this project by
 * path relative to src/cli, or undefined if it does not exist.
 */
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
