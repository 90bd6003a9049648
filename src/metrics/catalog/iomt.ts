/** Metrics of the IoMT run model (src/iomt/collector.ts); the consensus model's metrics come too. */
import type { MetricDoc } from './types.ts';

const latency = (family: string, what: string, note = ''): MetricDoc[] =>
  (['mean', 'p50', 'p95', 'p99', 'max'] as const).map((s) => ({
    name: `${family}.${s}`,
    unit: 'ms',
    meaning: `${s === 'mean' ? 'mean' : s === 'max' ? 'largest' : `${s.slice(1)}th percentile of the`} ${what}${note}`,
  }));

const BOUNDED = ' (within 0.1 %: per-reading latencies use a log-bucket histogram)';

export const IOMT_METRIC_DOCS: readonly MetricDoc[] = [
  { name: 'iomt.readings_accepted', unit: 'count', meaning: 'readings that passed the gateways\' admission checks' },
  { name: 'iomt.readings_rejected', unit: 'count', meaning: 'readings refused by gateways, all reasons' },
  { name: 'iomt.readings_rejected.unregistered', unit: 'count', meaning: 'readings from a device not registered (or revoked) with that gateway at the committed state' },
  { name: 'iomt.readings_rejected.bad_signature', unit: 'count', meaning: 'readings whose signature does not verify with the device\'s registered key' },
  { name: 'iomt.readings_rejected.stale', unit: 'count', meaning: 'readings whose timestamp is outside the freshness window' },
  { name: 'iomt.readings_rejected.replay', unit: 'count', meaning: 'readings whose sequence number is not above the last accepted one' },
  { name: 'iomt.readings_rejected.rate_limited', unit: 'count', meaning: 'readings beyond the device\'s token bucket' },
  { name: 'iomt.readings_anchored', unit: 'count', meaning: 'readings whose batch root was committed on chain' },
  { name: 'iomt.store_refused_readings', unit: 'count', meaning: 'readings in batches the off-chain store refused for lack of capacity' },
  ...latency('iomt.durable_latency_ms', 'time from a reading\'s sampling to its gateway learning that its batch is durable off chain', BOUNDED),
  ...latency('iomt.anchor_latency_ms', 'time from a reading\'s sampling to the confirmation of its batch\'s anchoring transaction', BOUNDED),
  ...latency('iomt.alert_latency_ms', 'time from a clinical episode\'s onset to the first alert for it at the care team, gateway fast path'),
  ...latency('iomt.alert_latency_onchain_ms', 'time from a clinical episode\'s onset to the care team learning the alert was recorded on chain (slow path)'),
  { name: 'iomt.alert_within_target_ratio', unit: 'ratio', meaning: 'fast-path alerts whose latency beyond the rule\'s hold (IEC 60601-1-8 alarm signal generation delay) is within the rule\'s target (default 10 s)' },
  { name: 'iomt.alert_within_target_onchain_ratio', unit: 'ratio', meaning: 'the same for the on-chain path' },
  { name: 'iomt.episodes', unit: 'count', meaning: 'clinical episodes (ground truth) that a rule covers, started after warm-up and at least 60 s before the end' },
  { name: 'iomt.episodes_alerted_ratio', unit: 'ratio', meaning: 'of those episodes, the fraction with a fast-path alert' },
  { name: 'iomt.false_alerts', unit: 'count', meaning: 'fast-path alerts with no matching episode in progress' },
  { name: 'iomt.alerts_refused_onchain', unit: 'count', meaning: 'alert transactions that committed but the EmergencyAlert contract refused (not forwarded to the care team)' },
  { name: 'iomt.duplicate_alerts', unit: 'count', meaning: 'further fast-path alerts for an episode already alerted (e.g. a second device)' },
  ...latency('iomt.access_decision_latency_ms', 'time from an access request\'s submission to its confirmation at the requester, decision read from its node'),
  { name: 'iomt.access_requests', unit: 'count', meaning: 'access requests decided and confirmed to clinicians and researchers' },
  { name: 'iomt.access_permitted', unit: 'count', meaning: 'requests permitted by an active consent' },
  { name: 'iomt.access_denied', unit: 'count', meaning: 'requests denied (no applicable consent)' },
  { name: 'iomt.access_break_glass', unit: 'count', meaning: 'emergency (break-glass) accesses, always permitted and audited' },
  ...latency('iomt.consent_revoke_enforced_latency_ms', 'time from a consent revocation\'s submission to the first execution of the block that enforces it'),
  { name: 'iomt.stale_accesses', unit: 'count', meaning: 'permits granted on a consent whose revocation was submitted but not yet committed' },
  { name: 'iomt.consent_violations', unit: 'count', meaning: 'records stores served under a permit the committed Consent state did not allow: decided in a block after the one that revoked its consent, or at a block time outside the consent\'s period (expired), or on a consent of another patient or grantee (must be 0; src/iomt/served-reads.ts)' },
  { name: 'iomt.onchain_bytes_per_reading', unit: 'B', meaning: 'anchoring transaction bytes committed per reading anchored' },
  { name: 'iomt.onchain_bytes', unit: 'B', meaning: 'bytes of all committed IoMT transactions' },
  { name: 'iomt.onchain_txs', unit: 'count', meaning: 'committed IoMT transactions' },
  { name: 'iomt.contract_rejections', unit: 'count', meaning: 'committed calls a contract refused (e.g. revoking an inactive consent, rotating a revoked device\'s key)' },
  { name: 'iomt.phi_bytes_on_chain', unit: 'B', meaning: 'bytes of committed call arguments that break the PHI rules: a field not on the allowed list, a value not of its field\'s shape (digest, pointer, minted identifier, code, counter), or a patient\'s real name or record number in any letter case (must be 0; rules in src/iomt/phi-inspector.ts)' },
  { name: 'iomt.records_served', unit: 'count', meaning: 'records the off-chain stores released to readers, whatever let them out' },
  { name: 'iomt.records_served_unaudited', unit: 'count', meaning: 'served records whose access has no entry in an honest replica\'s committed AuditLog (no request, another reader or patient, a denial, or recorded over 5 s after the read)' },
  { name: 'iomt.audit_completeness_ratio', unit: 'ratio', meaning: 'served records whose access (request, reader, patient) is in an honest replica\'s committed AuditLog, recorded no later than 5 s after the read ÷ served records judged (a read in the last 5 s whose entry may still commit is not judged; src/iomt/served-reads.ts)' },
  { name: 'iomt.integrity_checks_valid', unit: 'count', meaning: 'record reads whose Merkle inclusion proof verified against the anchored root' },
  { name: 'iomt.integrity_checks_invalid', unit: 'count', meaning: 'record reads whose proof failed: the record changed after anchoring' },
  { name: 'iomt.integrity_checks_unanchored', unit: 'count', meaning: 'record reads whose batch root was not yet committed' },
  { name: 'iomt.integrity_checks_not_found', unit: 'count', meaning: 'record reads the store could not serve (no record, or older than store.retain)' },
  ...latency('iomt.integrity_check_latency_ms', 'time from a reader asking the store for a record (once permitted) to its verdict: the record and its proof from the store, the anchored root from its node'),
  { name: 'iomt.detector_alarms', unit: 'count', meaning: 'alarms raised by the streaming detectors (EWMA, CUSUM, z-score)' },
  { name: 'detect.<detector>.alarms_per_hour', unit: 'alarms/h', meaning: 'alarms a detector raised after the warm-up, per hour, every configured detector (0 when silent); without attacks every alarm is false: the rate its design is held to (docs/references.md §9)' },
];
