/**
 * THE list of benchmark entries: each line is an entry's name and a lazy loader of the
 * bench/entries/<area>.ts file that defines it (see bench/harness/registry.ts for why lazy). The
 * child finds its loader by name, so lines can be added or moved while a suite runs. Order here is
 * the order of the report. An entry's name is its golden file's name: renaming one orphans it.
 */
import type { EntryLoader } from '../harness/registry.ts';

export const ENTRY_LOADERS: readonly EntryLoader[] = [
  ['engine.phold', async () => (await import('./engine.ts')).pholdEntry],
  ['consensus.raft_n5_60s', async () => (await import('./consensus.ts')).raftN5MinuteEntry],
  ['consensus.pbft_n16_10s', async () => (await import('./consensus.ts')).pbftN16ShortEntry],
  ['consensus.hotstuff_n64_10s', async () => (await import('./consensus.ts')).hotstuffN64ShortEntry],
  ['consensus.poa_n7_5m', async () => (await import('./consensus.ts')).poaN7Entry],
  ['consensus.pbft_n16_60s', async () => (await import('./consensus.ts')).pbftN16MinuteEntry],
  ['consensus.hotstuff_n64_60s', async () => (await import('./consensus.ts')).hotstuffN64MinuteEntry],
  ['consensus.hotstuff_n64_10m', async () => (await import('./consensus.ts')).hotstuffN64TenMinutesEntry],
  ['pow.nodes600_blocks100', async () => (await import('./pow.ts')).pow600Entry],
  ['pow.simblock_nodes6000_blocks100', async () => (await import('./pow.ts')).simblockEntry],
  ['iomt.hospital_1h', async () => (await import('./iomt.ts')).hospitalEntry],
  ['iomt.regional_hospitals1_5m', async () => (await import('./iomt.ts')).regionalOneHospitalEntry],
  ['iomt.regional_hospitals2_5m', async () => (await import('./iomt.ts')).regionalTwoHospitalsEntry],
  ['iomt.regional_hospitals5_5m', async () => (await import('./iomt.ts')).regionalFiveHospitalsEntry],
  ['iomt.regional_36000_devices_5m', async () => (await import('./iomt.ts')).regionalEntry],
  ['runner.pbft_4reps_workers1', async () => (await import('./runner.ts')).oneWorkerEntry],
  ['runner.pbft_4reps_workers2', async () => (await import('./runner.ts')).twoWorkersEntry],
  ['report.render_hospital', async () => (await import('./report.ts')).reportRenderEntry],
  ['startup.list_protocols', async () => (await import('./startup.ts')).listProtocolsEntry],
];
