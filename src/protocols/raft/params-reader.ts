/**
 * Reads a protocol's parameters from `ReplicaConfig.params`: either the protocol's sub-object of
 * the scenario's consensus section (`{ electionTimeoutMin: 150000, ... }`) or the whole section
 * holding it under the protocol's name (`{ raft: { ... } }`). Missing keys take the defaults; a
 * key of the wrong type is an error naming its path. Shared by the raft, hotstuff and poa modules.
 */
type Defaults = Readonly<Record<string, number | string | boolean>>;
type Widen<T> = { -readonly [K in keyof T]: T[K] extends number ? number : T[K] extends string ? string : boolean };

export function readParams<D extends Defaults>(protocol: string, params: Readonly<Record<string, unknown>>, defaults: D): Widen<D> {
  const nested = params[protocol];
  const source = nested !== null && typeof nested === 'object' ? (nested as Record<string, unknown>) : params;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = source[key];
    const fallback = defaults[key]!;
    if (value === undefined) {
      out[key] = fallback;
    } else if (typeof value !== typeof fallback || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new TypeError(`consensus.${protocol}.${key}: expected a ${typeof fallback}, found ${JSON.stringify(value)}`);
    } else {
      out[key] = value;
    }
  }
  return out as Widen<D>;
}
