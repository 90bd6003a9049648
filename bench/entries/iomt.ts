/**
 * IoMT entries: scenarios/hospital.yaml (3,600 devices, 30 gateways, 7 PBFT nodes, 1 simulated
 * hour; target ≤ 30 s wall on one core) and scenarios/regional.yaml (10 hospitals, 36,000
 * devices, 16 PBFT nodes) through the IoMT run model.
 */
import { performance } from 'node:perf_hooks';
import { assembleWorld, iomtConfiguration } from '../../src/world/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import type { BenchEntry, BenchRunResult, SuiteName } from '../harness/entry.ts';
import { REPO_ROOT, selectedMetrics } from './scenario-entry.ts';

/** What the IoMT golden files hold, with the trace hash. */
const IOMT_GOLDEN = selectedMetrics([
  'iomt.readings_accepted', 'iomt.readings_anchored', 'iomt.durable_latency_ms.p95', 'iomt.anchor_latency_ms.p95',
  'iomt.alert_latency_ms.p95', 'iomt.alert_latency_onchain_ms.p95', 'iomt.access_decision_latency_ms.p95',
  'iomt.consent_revoke_enforced_latency_ms.p95', 'iomt.onchain_bytes_per_reading', 'iomt.phi_bytes_on_chain',
  'iomt.audit_completeness_ratio', 'iomt.integrity_checks_invalid', 'consensus.throughput_tps', 'safety.violations',
]);

/** Every 10 simulated seconds from 0 to the end of the run. */
const MARK_INTERVAL_US = 10_000_000;

interface IomtEntrySpec {
  readonly name: string;
  readonly description: string;
  readonly suites: readonly SuiteName[];
  readonly scenarioFile: string;
  readonly sets: readonly string[];
}

function iomtEntry(spec: IomtEntrySpec): BenchEntry {
  return {
    name: spec.name,
    description: spec.description,
    suites: spec.suites,
    run(): BenchRunResult {
      const { scenario } = loadScenario(`${REPO_ROOT}${spec.scenarioFile}`, spec.sets);
      const start = performance.now();
      const out = assembleWorld(scenario, iomtConfiguration(scenario, 1), {
        // Empty control events every 10 simulated seconds. The engine hashes every event it
        // processes, and these goldens' trace hashes were recorded with these marks in the queue
        // (they sampled memory, which the child's peak RSS now measures), so they stay.
        setup: (world) => {
          for (let t = 0; t <= scenario.duration; t += MARK_INTERVAL_US) world.engine.at(t, () => {});
        },
      }).run();
      const wallMs = performance.now() - start;
      return { wallMs, events: out.eventsProcessed, simulatedSeconds: out.simulatedUs / 1e6, metrics: IOMT_GOLDEN(out) };
    },
  };
}

export const hospitalEntry = iomtEntry({
  name: 'iomt.hospital_1h',
  description: 'hospital.yaml: 3,600 devices, 30 gateways, 7 PBFT nodes, 1 simulated hour',
  suites: ['full'],
  scenarioFile: 'scenarios/hospital.yaml',
  sets: [],
});

/** 5 simulated minutes: one hour took more than 20 min of wall time on a loaded 2-core machine. */
export const regionalEntry = iomtEntry({
  name: 'iomt.regional_36000_devices_5m',
  description: 'regional.yaml: 10 hospitals, 36,000 devices, 16 PBFT nodes, 5 simulated minutes',
  suites: ['full'],
  scenarioFile: 'scenarios/regional.yaml',
  sets: ['duration=5m'],
});

/**
 * regional.yaml at 1, 2 and 5 hospitals beside the 10 above, 5 simulated minutes each: wall time
 * per hospital should stay flat as hospitals are added (the consortium keeps its lab, insurer and
 * regulator nodes, so n = hospitals + 6).
 */
function regionalHospitalsEntry(hospitals: number): BenchEntry {
  return iomtEntry({
    name: `iomt.regional_hospitals${hospitals}_5m`,
    description: `regional.yaml at ${hospitals} hospital${hospitals === 1 ? '' : 's'} (${hospitals * 3600} devices, ${hospitals + 6} PBFT nodes), 5 simulated minutes`,
    suites: ['full'],
    scenarioFile: 'scenarios/regional.yaml',
    sets: ['duration=5m', `iomt.hospitals=${hospitals}`, `consensus.nodes=${hospitals + 6}`],
  });
}

export const regionalOneHospitalEntry = regionalHospitalsEntry(1);
export const regionalTwoHospitalsEntry = regionalHospitalsEntry(2);
export const regionalFiveHospitalsEntry = regionalHospitalsEntry(5);
