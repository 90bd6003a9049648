/**
 * Suite entries around the bench functions other areas export (bench/pbft.ts from consensus,
 * bench/hospital.ts and bench/regional.ts from IoMT): the suite calls their code unchanged and only
 * adds the entry's name, suites and description.
 */
import { runHospitalBench } from './hospital.ts';
import { runPbftBench } from './pbft.ts';
import { runRegionalBench } from './regional.ts';
import type { BenchEntry, BenchRunResult } from './registry.ts';

function pbftEntry(name: string, description: string, suites: BenchEntry['suites'], sets: readonly string[]): BenchEntry {
  return {
    name,
    description,
    suites,
    run(): BenchRunResult {
      const r = runPbftBench(1, sets);
      return { wallMs: r.wallMs, events: r.events, simulatedSeconds: r.simulatedSeconds, metrics: r.metrics };
    },
  };
}

export const pbftN16ShortEntry = pbftEntry('consensus.pbft_n16_10s', 'PBFT n=16, 1000 tx/s, 10 simulated s (bench/pbft.ts)', ['quick', 'full'], ['duration=10s', 'warmup=2s']);
export const pbftN16MinuteEntry = pbftEntry('consensus.pbft_n16_60s', 'PBFT n=16, 1000 tx/s, 60 simulated s (bench/pbft.ts)', ['full'], ['duration=60s', 'warmup=5s']);

export const hospitalEntry: BenchEntry = {
  name: 'iomt.hospital_1h',
  description: 'hospital.yaml: 3,600 devices, 30 gateways, 7 PBFT nodes, 1 simulated hour (bench/hospital.ts)',
  suites: ['full'],
  run(): BenchRunResult {
    const r = runHospitalBench(1);
    return { wallMs: r.wallMs, events: r.events, simulatedSeconds: r.simulatedSeconds, metrics: r.metrics };
  },
};

/** 5 simulated minutes: one hour took more than 20 min of wall time on this loaded 2-core machine. */
export const regionalEntry: BenchEntry = {
  name: 'iomt.regional_36000_devices_5m',
  description: 'regional.yaml: 10 hospitals, 36,000 devices, 16 PBFT nodes, 5 simulated minutes (bench/regional.ts)',
  suites: ['full'],
  run(): BenchRunResult {
    const r = runRegionalBench(1, ['duration=5m']);
    return { wallMs: r.wallMs, events: r.events, simulatedSeconds: r.simulatedSeconds, metrics: r.metrics };
  },
};
