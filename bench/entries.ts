/**
 * THE registration point for benchmark entries. Each area exports a `BenchEntry` from its own
 * bench/<area>.ts file and adds one line below: the entry's name and a lazy loader. Loaders are
 * lazy so that the child process running an entry imports that entry's module alone: its peak
 * memory is then its own, not that of every area's code. The child finds its loader by name, so
 * lines can be added or moved while a suite runs. Order here is the order of the report.
 */
import { BenchRegistry, type BenchEntry } from './registry.ts';

export const ENTRY_LOADERS: readonly (readonly [name: string, load: () => Promise<BenchEntry>])[] = [
  ['engine.phold', async () => (await import('./phold-entry.ts')).pholdEntry],
  ['consensus.raft_n5_60s', async () => (await import('./consensus-entries.ts')).raftN5Entry],
  ['consensus.pbft_n16_10s', async () => (await import('./area-entries.ts')).pbftN16ShortEntry],
  ['consensus.hotstuff_n64_10s', async () => (await import('./consensus-entries.ts')).hotstuffN64ShortEntry],
  ['consensus.poa_n7_5m', async () => (await import('./poa.ts')).poaN7Entry],
  ['consensus.pbft_n16_60s', async () => (await import('./area-entries.ts')).pbftN16MinuteEntry],
  ['consensus.hotstuff_n64_60s', async () => (await import('./consensus-entries.ts')).hotstuffN64MinuteEntry],
  ['consensus.hotstuff_n64_10m', async () => (await import('./hotstuff.ts')).hotstuffN64TenMinutesEntry],
  ['pow.nodes600_blocks100', async () => (await import('./pow.ts')).pow600Entry],
  ['pow.simblock_nodes6000_blocks100', async () => (await import('./simblock.ts')).simblockEntry],
  ['iomt.hospital_1h', async () => (await import('./area-entries.ts')).hospitalEntry],
  ['iomt.regional_36000_devices_5m', async () => (await import('./area-entries.ts')).regionalEntry],
  ['runner.pbft_4reps_workers1', async () => (await import('./workers-entry.ts')).oneWorkerEntry],
  ['runner.pbft_4reps_workers2', async () => (await import('./workers-entry.ts')).twoWorkersEntry],
  ['report.render_hospital', async () => (await import('./report-render.ts')).reportRenderEntry],
];

/** Load every entry (the parent does this once to know names and suites). */
export async function buildRegistry(): Promise<BenchRegistry> {
  const registry = new BenchRegistry();
  for (const [name, load] of ENTRY_LOADERS) registry.register(await checked(name, load));
  return registry;
}

/** Load one entry by name (what a child process does), importing only its module. */
export async function loadEntry(name: string): Promise<BenchEntry> {
  const line = ENTRY_LOADERS.find(([n]) => n === name);
  if (line === undefined) throw new Error(`no bench entry named '${name}' in bench/entries.ts`);
  return checked(name, line[1]);
}

async function checked(name: string, load: () => Promise<BenchEntry>): Promise<BenchEntry> {
  const entry = await load();
  if (entry.name !== name) throw new Error(`bench/entries.ts: the line for '${name}' loads an entry named '${entry.name}'`);
  return entry;
}
