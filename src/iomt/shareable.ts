/**
 * Configuration that several hosts read is handed out as one deep-frozen copy: a structured clone
 * (so it is plain data: no functions, no class instances, nothing another host holds) that no one
 * can change afterwards, which makes sharing it the same as giving each host its own copy.
 */
export function shareable<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  // A typed array cannot be frozen: shared configuration holds none.
  if (ArrayBuffer.isView(value)) throw new TypeError('shareable: typed arrays cannot be frozen; give each host its own');
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
