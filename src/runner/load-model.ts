/** Resolve a ModelRef to its simulate function, once per module per thread. */
import { importableUrl } from '../plugins/compiled.ts';
import type { ModelRef, SimulateFn } from './types.ts';

const loaded = new Map<string, unknown>();

export async function loadModel(ref: ModelRef): Promise<SimulateFn> {
  return (await loadFunction(ref)) as SimulateFn;
}

/** The function a module exports under `ref.exportName`, imported once per thread. */
export async function loadFunction(ref: ModelRef): Promise<unknown> {
  const key = `${ref.module}#${ref.exportName}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const mod = (await import(await importableUrl(ref.module))) as Record<string, unknown>;
  const fn = mod[ref.exportName];
  if (typeof fn !== 'function') throw new TypeError(`${ref.module} does not export a function named ${ref.exportName}`);
  loaded.set(key, fn);
  return fn;
}
