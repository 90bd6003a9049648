/**
 * A full garbage collection, for tests of what a structure keeps alive (weak references cleared,
 * live heap measured). V8 offers `gc` only behind a flag, which a running process can still set.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collect everything unreachable, after the current task: a WeakRef keeps its target alive to the end of the task that made or read it. */
export async function collectGarbage(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

/** Bytes of live JavaScript heap and array buffers after a full collection. */
export async function liveBytes(): Promise<number> {
  await collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
