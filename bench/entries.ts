/**
 * THE registration point for benchmark entries. Each area exports a `BenchEntry` from its own
 * bench/<area>.ts file and adds one loader line below. Loaders are lazy so that the child process
 * running an entry imports that entry's module alone: its peak memory is then its own, not that of
 * every area's code. Order here is the order of the report.
 */
import { BenchRegistry, type BenchEntry } from './registry.ts';

export const ENTRY_LOADERS: readonly (() => Promise<BenchEntry>)[] = [
  async () => (await import('./phold-entry.ts')).pholdEntry,
  async () => (await import('./consensus-entries.ts')).raftN5Entry,
  async () => (await import('./area-entries.ts')).pbftN16ShortEntry,
  async () => (await import('./consensus-entries.ts')).hotstuffN64ShortEntry,
  async () => (await import('./poa.ts')).poaN7Entry,
  async () => (await import('./area-entries.ts')).pbftN16MinuteEntry,
  async () => (await import('./consensus-entries.ts')).hotstuffN64MinuteEntry,
  async () => (await import('./hotstuff.ts')).hotstuffN64TenMinutesEntry,
  async () => (await import('./pow.ts')).pow600Entry,
  async () => (await import('./simblock.ts')).simblockEntry,
  async () => (await import('./area-entries.ts')).hospitalEntry,
  async () => (await import('./area-entries.ts')).regionalEntry,
  async () => (await import('./workers-entry.ts')).oneWorkerEntry,
  async () => (await import('./workers-entry.ts')).twoWorkersEntry,
  async () => (await import('./report-render.ts')).reportRenderEntry,
];

/** Load every entry (the parent does this once to know names and suites). */
export async function buildRegistry(): Promise<BenchRegistry> {
  const registry = new BenchRegistry();
  for (let i = 0; i < ENTRY_LOADERS.length; i++) registry.register(await ENTRY_LOADERS[i]!(), i);
  return registry;
}

/** Load one entry by its position in ENTRY_LOADERS (what a child process does). */
export async function loadEntry(index: number, expectedName: string): Promise<BenchEntry> {
  const loader = ENTRY_LOADERS[index];
  if (loader === undefined) throw new Error(`no bench entry loader at index ${index}`);
  const entry = await loader();
  if (entry.name !== expectedName) throw new Error(`bench entry loader ${index} gave '${entry.name}', expected '${expectedName}'`);
  return entry;
}
