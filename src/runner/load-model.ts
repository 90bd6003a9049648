/** Resolve a ModelRef to its simulate function, once per module per thread. */
import { importableUrl } from '../plugins/compiled.ts';
import type { ModelRef, SimulateFn } from './types.ts';

const loaded = new Map<string, SimulateFn>();

export async function loadModel(ref: ModelRef): Promise<SimulateFn> {
  const key = `${ref.module}#${ref.exportName}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const mod = (await import(await importableUrl(ref.module))) as Record<string, unknown>;
  const fn = mod[ref.exportName];
  if (typeof fn !== 'function') throw new TypeError(`${ref.module} does not export a function named ${ref.exportName}`);
  loaded.set(key, fn as SimulateFn);
  return fn as SimulateFn;
}
