/** Metrics of the attack library (src/attacks): outcomes judged against the attacks' ground truth. */
import type { MetricDoc } from './types.ts';

export const ATTACK_METRIC_DOCS: readonly MetricDoc[] = [
  { name: 'attack.conflicting_commits', unit: 'count', meaning: 'heights at which two honest replicas committed different blocks (Byzantine replicas excluded by ground truth)' },
  { name: 'attack.byzantine_replicas', unit: 'count', meaning: 'replicas running Byzantine code at some time of the run' },
  { name: 'attack.labels', unit: 'count', meaning: 'ground-truth labels every attack recorded (hosts, transactions, devices, records, identities, accesses), the device attacks’ own included; those recorded as an attack acts (a tampered record) counted at the end of the run, the same on one thread or split over several' },
  { name: 'attack.max_commit_gap_ms', unit: 'ms', meaning: 'longest time without a new honest commit once the first attack started (until the run ends)' },
  { name: 'attack.censored_uncommitted', unit: 'tx', meaning: 'transactions of censored clients dropped by a censoring replica and never committed' },
  { name: 'attack.censorship_delay_ms.mean', unit: 'ms', meaning: 'mean time from submission to first honest commit of censored clients’ transactions submitted during censorship' },
  { name: 'attack.censorship_delay_ms.p95', unit: 'ms', meaning: '95th percentile of the same censorship delay' },
  { name: 'attack.legit_latency_ms.p95', unit: 'ms', meaning: '95th percentile of client-confirmed latency of legitimate transactions submitted while an attack was active' },
];

/** Device and gateway attacks (src/attacks/iomt): counted by message, judged by the gateway's own admission and the store's acknowledgement. */
export const DEVICE_ATTACK_METRIC_DOCS: readonly MetricDoc[] = [
  ...(['forged', 'tampered', 'replayed', 'spoofed'] as const).flatMap((cls): MetricDoc[] => [
    { name: `iomt.${cls}_sent`, unit: 'readings', meaning: `${cls} readings the attack sent (ground truth)` },
    { name: `iomt.${cls}_arrived`, unit: 'readings', meaning: `${cls} readings that reached a gateway` },
    { name: `iomt.${cls}_accepted`, unit: 'readings', meaning: cls === 'spoofed' ? "spoofed readings the gateway's admission accepted (validly signed: prevented only once the device's revocation commits; see attack.spoofed_accepted_after_revocation)" : `${cls} readings the gateway's admission accepted (0 where the framework claims prevention)` },
    { name: `iomt.${cls}_stored`, unit: 'readings', meaning: `${cls} readings in batches the record store acknowledged as stored (accepted by a gateway, then kept off chain)${cls === 'spoofed' ? '' : ' (0 where the framework claims prevention)'}` },
  ]),
  { name: 'attack.flood_sent', unit: 'readings', meaning: 'extra readings compromised devices sent' },
  { name: 'attack.flood_arrived', unit: 'readings', meaning: 'extra readings that reached a gateway' },
  { name: 'attack.flood_accepted', unit: 'readings', meaning: 'extra readings accepted despite the rate limit' },
  { name: 'attack.flood_stored', unit: 'readings', meaning: 'of those, readings in batches the record store acknowledged as stored' },
  { name: 'attack.gateway_dropped_readings', unit: 'readings', meaning: 'readings a compromised gateway dropped' },
  { name: 'attack.gateway_delayed_readings', unit: 'readings', meaning: 'readings a compromised gateway held back' },
  { name: 'detect.<detector>.detection_rate', unit: 'ratio', meaning: 'compromised devices (ground truth) a detector alarmed on during their window ÷ compromised devices; absent in a run that compromised no device' },
  { name: 'detect.<detector>.false_positive_rate', unit: 'ratio', meaning: 'devices no attack labelled (neither compromised nor with a replayed or tampered stream) that a detector alarmed on ÷ those devices; every configured device detector, with or without attacks (in a run without device attacks: devices alarmed on ÷ all devices)' },
  { name: 'detect.<detector>.time_to_detect_ms', unit: 'ms', meaning: 'mean time from a device becoming compromised (or a clinician turning insider) to the first alarm on it; absent when none was detected' },
  { name: 'detect.<detector>.false_alarms_per_hour', unit: 'alarms/h', meaning: 'device alarms after the warm-up on devices that no attack labelled (compromised or attacked stream) at the time, every alarm counted, per hour; attacks on a gateway do not label its devices; every configured device detector, with or without attacks (without a device attack every device alarm is false)' },
  { name: 'attack.spoofed_accepted_before_revocation', unit: 'readings', meaning: 'stolen-key readings the gateways accepted before the device revocation was confirmed committed' },
  { name: 'attack.spoofed_accepted_after_revocation', unit: 'readings', meaning: 'stolen-key readings accepted after the revocation was confirmed committed (0 where revocation is enforced)' },
  { name: 'attack.spoofed_rejected_after_revocation', unit: 'readings', meaning: 'stolen-key readings the gateways refused after the revocation was confirmed committed' },
  { name: 'attack.stolen_key_devices_revoked', unit: 'devices', meaning: 'devices with a stolen key (ground truth) that the security service revoked on chain' },
  { name: 'attack.honest_devices_revoked', unit: 'devices', meaning: 'devices without an attack that the security service revoked after a false alarm' },
  { name: 'attack.time_to_revoke_ms', unit: 'ms', meaning: 'mean time from the first alarm on a stolen-key device (at its gateway) to its revocation confirmed committed' },
  { name: 'attack.consent_misuse.requests', unit: 'requests', meaning: 'access requests a former grantee had decided (consent-misuse attack)' },
  { name: 'attack.consent_misuse.requests_after_end', unit: 'requests', meaning: 'of those, requests that had to be denied: submitted after the consent period ended, or committed after the revocation’s block' },
  { name: 'attack.consent_misuse.denied_after_end', unit: 'requests', meaning: 'requests after the consent ended that AccessControl denied' },
  { name: 'attack.consent_misuse.permitted_after_end', unit: 'requests', meaning: 'requests after the consent ended that were permitted (0 where consent is enforced)' },
  { name: 'attack.consent_misuse.unauthorized_reads', unit: 'records', meaning: 'records read under a permit that had to be denied (0 where consent is enforced)' },
  { name: 'attack.consent_misuse.stale_permits', unit: 'requests', meaning: 'permits decided after the revocation was submitted, in or before its block (stale)' },
  { name: 'attack.consent_misuse.valid_reads', unit: 'records', meaning: 'records read while the consent still applied' },
  { name: 'attack.insider_extra_requests', unit: 'requests', meaning: 'extra access requests insiders issued (ground truth); each is decided and audited' },
  { name: 'attack.phi_leak.leaking_txs_sent', unit: 'tx', meaning: 'anchoring transactions a misconfigured gateway made carry PHI (ground truth, phi-leak attack)' },
  { name: 'attack.phi_leak.leaking_txs', unit: 'tx', meaning: 'of those, transactions their gateway saw confirmed: committed, so inspected on chain' },
  { name: 'attack.phi_leak.leaking_txs_flagged', unit: 'tx', meaning: 'committed leaking transactions the PHI inspector flagged' },
  { name: 'attack.phi_leak.recall', unit: 'ratio', meaning: 'flagged ÷ committed leaking transactions (1 where the inspector finds every leak)' },
  { name: 'attack.phi_leak.false_positives', unit: 'tx', meaning: 'transactions the PHI inspector flagged that no gateway made leak (0 where the inspector flags only PHI)' },
];

export const RECORD_ATTACK_METRIC_DOCS: readonly MetricDoc[] = [
  { name: 'attack.unauthorized_requests', unit: 'requests', meaning: 'record reads an intruder asked the store for without any permit' },
  { name: 'attack.unauthorized_reads', unit: 'records', meaning: 'records an intruder received without any permit (0 where access control holds)' },
  { name: 'attack.unauthorized_reads_denied', unit: 'requests', meaning: 'intruder reads the record store refused for want of a permit' },
  { name: 'attack.records_tampered', unit: 'records', meaning: 'off-chain records altered in place by a record-tamper attack (ground truth)' },
  { name: 'attack.records_unrecoverable', unit: 'records', meaning: 'records in batches the store never acknowledged (sent over 10 s before the end): no durable copy, only their digest on chain' },
  { name: 'attack.audit_bypass.unaudited_reads', unit: 'records', meaning: 'records an insider at a store served to its accomplice without any access request (audit-bypass, ground truth): none can have an audit entry' },
  { name: 'attack.audit_bypass.caught_reads', unit: 'records', meaning: 'of those, records the audit-completeness measure counted unaudited' },
  { name: 'attack.audit_bypass.detection_rate', unit: 'ratio', meaning: 'caught ÷ bypassed records (1 where every bypassed read shows as unaudited)' },
  { name: 'attack.audit_bypass.false_unaudited_reads', unit: 'records', meaning: 'records the audit-completeness measure counted unaudited that the insider did not serve (0 where honest reads are all audited)' },
  { name: 'attack.audit_bypass.records_received', unit: 'records', meaning: 'records the accomplice received' },
];
