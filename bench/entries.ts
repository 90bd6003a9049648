/**
 * THE registration point for benchmark entries. Each area exports a `BenchEntry` from its own
 * bench/<area>.ts file and adds one `registry.register(...)` line here; the suites, the child
 * processes and the golden check pick it up from this list. Order here is the order of the report.
 */
import { BenchRegistry } from './registry.ts';
import { pholdEntry } from './phold-entry.ts';

export function buildRegistry(): BenchRegistry {
  const registry = new BenchRegistry();
  registry.register(pholdEntry);
  return registry;
}
