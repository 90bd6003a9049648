/**
 * IoMT entries: scenarios/hospital.yaml (3,600 devices, 30 gateways, 7 PBFT nodes, 1 simulated
 * hour; target ≤ 30 s wall on one core) and scenarios/regional.yaml (10 hospitals, 36,000
 * devices, 16 PBFT nodes), each one replication as `iomtsim run` simulates it.
 */
import type { BenchEntry, SuiteName } from '../harness/entry.ts';
import { scenarioEntry, selectedMetrics } from './scenario-entry.ts';

/** What the IoMT golden files hold, with the trace hash. */
const IOMT_GOLDEN = selectedMetrics([
  'iomt.readings_accepted', 'iomt.readings_anchored', 'iomt.durable_latency_ms.p95', 'iomt.anchor_latency_ms.p95',
  'iomt.alert_latency_ms.p95', 'iomt.alert_latency_onchain_ms.p95', 'iomt.access_decision_latency_ms.p95',
  'iomt.consent_revoke_enforced_latency_ms.p95', 'iomt.onchain_bytes_per_reading', 'iomt.phi_bytes_on_chain',
  'iomt.audit_completeness_ratio', 'iomt.integrity_checks_invalid', 'consensus.throughput_tps', 'safety.violations',
]);

interface IomtEntrySpec {
  readonly name: string;
  readonly description: string;
  readonly suites: readonly SuiteName[];
  readonly scenarioFile: string;
  readonly sets: readonly string[];
}

function iomtEntry(spec: IomtEntrySpec): BenchEntry {
  return scenarioEntry({ ...spec, goldenMetrics: IOMT_GOLDEN });
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
    // The consortium follows the hospitals (one node per seat), so n = hospitals + 6 needs no --set.
    sets: ['duration=5m', `iomt.hospitals=${hospitals}`],
  });
}

export const regionalOneHospitalEntry = regionalHospitalsEntry(1);
export const regionalTwoHospitalsEntry = regionalHospitalsEntry(2);
export const regionalFiveHospitalsEntry = regionalHospitalsEntry(5);
