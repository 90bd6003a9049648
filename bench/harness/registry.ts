/**
 * The registry of entries and the suites as views over it. Entries are listed with a lazy loader
 * (bench/entries/index.ts), so that the child process running one entry imports that entry's
 * module alone: its peak memory is then its own, not that of every area's code.
 */
import type { BenchEntry, SuiteName } from './entry.ts';

/** One line of the entry list: the entry's name and a loader that imports its module. */
export type EntryLoader = readonly [name: string, load: () => Promise<BenchEntry>];

const NAME_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

export class BenchRegistry {
  private readonly entries = new Map<string, BenchEntry>();

  register(entry: BenchEntry): void {
    if (!NAME_PATTERN.test(entry.name)) {
      throw new Error(`bench entry name: expected dotted lower snake case like 'consensus.pbft_n16', found '${entry.name}'`);
    }
    if (this.entries.has(entry.name)) throw new Error(`bench entry '${entry.name}' is registered twice`);
    this.entries.set(entry.name, entry);
  }

  get(name: string): BenchEntry | undefined {
    return this.entries.get(name);
  }

  /** Entries of a suite in registration order ('full' holds every entry). */
  suite(name: SuiteName): BenchEntry[] {
    const all = [...this.entries.values()];
    return name === 'full' ? all : all.filter((e) => e.suites.includes(name));
  }

  names(): string[] {
    return [...this.entries.keys()];
  }
}

/** Load every entry (the parent does this once to know names and suites), in list order. */
export async function buildRegistry(loaders: readonly EntryLoader[]): Promise<BenchRegistry> {
  const registry = new BenchRegistry();
  for (const [name, load] of loaders) registry.register(await checked(name, load));
  return registry;
}

/** Load one entry by name (what a child process does), importing only its module. */
export async function loadEntry(loaders: readonly EntryLoader[], name: string): Promise<BenchEntry> {
  const line = loaders.find(([n]) => n === name);
  if (line === undefined) throw new Error(`no bench entry named '${name}' in bench/entries/index.ts`);
  return checked(name, line[1]);
}

async function checked(name: string, load: () => Promise<BenchEntry>): Promise<BenchEntry> {
  const entry = await load();
  if (entry.name !== name) throw new Error(`bench/entries/index.ts: the line for '${name}' loads an entry named '${entry.name}'`);
  return entry;
}
