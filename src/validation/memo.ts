/** Run an expensive measurement once and share it between the checks or calibrations that read it. */
export function memo<T>(fn: () => T): () => T {
  let v: T | undefined;
  let done = false;
  return () => {
    if (!done) { v = fn(); done = true; }
    return v as T;
  };
}
