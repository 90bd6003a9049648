/** Metrics of the attack library (src/attacks): outcomes judged against the attacks' ground truth. */
import type { CatalogMetricDoc } from './types.ts';

export const ATTACK_METRIC_DOCS: readonly CatalogMetricDoc[] = [
  { name: 'attack.conflicting_commits', unit: 'count', better: 'lower', meaning: 'heights at which two honest replicas committed different blocks (Byzantine replicas excluded by ground truth)' },
  // Neither way: ground truth, what the scenario made Byzantine.
  { name: 'attack.byzantine_replicas', unit: 'count', better: 'neither', meaning: 'replicas running Byzantine code at some time of the run' },
  // Neither way: ground truth, what the attacks did.
  { name: 'attack.labels', unit: 'count', better: 'neither', meaning: 'ground-truth labels every attack recorded (hosts, transactions, devices, records, identities, accesses), the device attacks’ own included, each entity once per attack and role while its label holds (a censored transaction once, however many of its copies were dropped); those recorded as an attack acts (a tampered record) counted at the end of the run, the same on one thread or split over several' },
  { name: 'attack.max_commit_gap_ms', unit: 'ms', better: 'lower', meaning: 'longest time, once the first attack started, that transactions waited (submitted, not committed, not given up by their client and, with consensus.mempool.ttl, not past their lifetime) without an honest commit of one of them, or the first of one its client gave up on (until the run ends): a block carrying none of them, as an empty one, is no progress' },
  { name: 'attack.censored_uncommitted', unit: 'tx', better: 'lower', meaning: 'transactions of censored clients dropped or withheld from its proposals by a censoring replica and never committed' },
  { name: 'attack.censorship_delay_ms.mean', unit: 'ms', better: 'lower', meaning: 'mean time from submission to first honest commit of censored clients’ transactions submitted during censorship' },
  { name: 'attack.censorship_delay_ms.p95', unit: 'ms', better: 'lower', meaning: '95th percentile of the same censorship delay' },
  { name: 'attack.legit_latency_ms.p95', unit: 'ms', better: 'lower', meaning: "95th percentile of client-confirmed latency of legitimate transactions submitted while an attack was active: those of no host and no transaction an attack labelled (its attackers', its victims', its own transactions)" },
];

/** Device and gateway attacks (src/attacks/iomt): counted by message, judged by the gateway's own admission and the store's acknowledgement. */
export const DEVICE_ATTACK_METRIC_DOCS: readonly CatalogMetricDoc[] = [
  ...(['forged', 'tampered', 'replayed', 'spoofed'] as const).flatMap((cls): CatalogMetricDoc[] => [
    // Neither way: ground truth, what the attack sent.
    { name: `iomt.${cls}_sent`, unit: 'readings', better: 'neither', meaning: `${cls} readings the attack sent (ground truth)${cls === 'replayed' ? '; a copy still waiting out its delay at the end of the run was not sent' : ''}` },
    // Neither way: the attack's readings as the network delivered them, before any defence.
    { name: `iomt.${cls}_arrived`, unit: 'readings', better: 'neither', meaning: `${cls} readings that reached a gateway` },
    { name: `iomt.${cls}_accepted`, unit: 'readings', better: 'lower', meaning: cls === 'spoofed' ? "spoofed readings the gateway's admission accepted (validly signed: prevented only once the device's revocation commits; see attack.spoofed_accepted_after_revocation)" : `${cls} readings the gateway's admission accepted (0 where the framework claims prevention)` },
    { name: `iomt.${cls}_stored`, unit: 'readings', better: 'lower', meaning: `${cls} readings in batches the record store acknowledged as stored (accepted by a gateway, then kept off chain)${cls === 'spoofed' ? '' : ' (0 where the framework claims prevention)'}` },
  ]),
  // Neither way: ground truth, what the attack sent.
  { name: 'attack.flood_sent', unit: 'readings', better: 'neither', meaning: 'extra readings compromised devices sent' },
  // Neither way: the attack's traffic as the network delivered it, before any defence.
  { name: 'attack.flood_arrived', unit: 'readings', better: 'neither', meaning: 'extra readings that reached a gateway' },
  { name: 'attack.flood_accepted', unit: 'readings', better: 'lower', meaning: 'extra readings accepted despite the rate limit' },
  { name: 'attack.flood_stored', unit: 'readings', better: 'lower', meaning: 'of those, readings in batches the record store acknowledged as stored' },
  // Neither way: ground truth, the compromised gateway's own acts.
  { name: 'attack.gateway_dropped_readings', unit: 'readings', better: 'neither', meaning: 'readings a compromised gateway dropped' },
  // Neither way: ground truth, the compromised gateway's own acts.
  { name: 'attack.gateway_delayed_readings', unit: 'readings', better: 'neither', meaning: 'readings a compromised gateway held back' },
  { name: 'detect.<detector>.detection_rate', unit: 'ratio', better: 'higher', meaning: 'malicious subjects (ground truth) a detector alarmed on during their window, or was still in alarm on when it opened (alarmed before, not yet back in control), ÷ those subjects: for a device detector the devices an attack compromised, for the access-rate detectors (ewma_access_rate, cusum_access_rate) the clinicians turned insider; absent in a run with none' },
  { name: 'detect.<detector>.false_positive_rate', unit: 'ratio', better: 'lower', meaning: 'subjects no attack labelled that a detector alarmed on ÷ those subjects: for a device detector the devices neither compromised nor with a replayed or tampered stream, reported for every configured device detector with or without attacks (without device attacks: devices alarmed on ÷ all devices); for the access-rate detectors the clinicians not turned insider, reported where the insider attack runs' },
  { name: 'detect.<detector>.time_to_detect_ms', unit: 'ms', better: 'lower', meaning: 'mean time from a device becoming compromised (or a clinician turning insider) to the first alarm on it inside its window, over the subjects so alarmed (one still in alarm from before counts as detected, with no time); absent when none was' },
  { name: 'detect.<detector>.false_alarms_per_hour', unit: 'alarms/h', better: 'lower', meaning: 'device alarms after the warm-up on devices that no attack labelled (compromised or attacked stream) at the time, every alarm counted, per hour; attacks on a gateway do not label its devices; every configured device detector, with or without attacks (without a device attack every device alarm is false)' },
  { name: 'attack.spoofed_accepted_before_revocation', unit: 'readings', better: 'lower', meaning: "stolen-key readings the gateways accepted before the security service had the device's revocation confirmed (f + 1 matching replies, and its node's answer that the revocation took effect)" },
  { name: 'attack.spoofed_accepted_after_revocation', unit: 'readings', better: 'lower', meaning: 'stolen-key readings accepted at or after the security service had the revocation confirmed (0 where revocation is enforced; iomt.device_revocation_applied_latency_ms is how long the gateway took to apply it from its commit)' },
  // Neither way: grows with the attacker's persistence as much as with the defence; what got through is the accepted counts.
  { name: 'attack.spoofed_rejected_after_revocation', unit: 'readings', better: 'neither', meaning: "stolen-key readings the gateways refused for the revoked key (their admission's registration check: 'unregistered') at or after the security service had the revocation confirmed; a refusal for another reason, such as the rate limit, is not counted, as it shows nothing of the revocation" },
  { name: 'attack.stolen_key_devices_revoked', unit: 'devices', better: 'higher', meaning: 'devices with a stolen key (ground truth) that the security service revoked on chain on an alarm raised while the key was stolen' },
  { name: 'attack.honest_devices_revoked', unit: 'devices', better: 'lower', meaning: 'devices that the security service revoked on an alarm raised while no attack held their key (a false alarm, before a theft too)' },
  { name: 'attack.time_to_revoke_ms', unit: 'ms', better: 'lower', meaning: 'mean time from the first alarm on a stolen-key device (at its gateway) to its revocation confirmed committed' },
  // Neither way: ground truth, what the former grantee asked.
  { name: 'attack.consent_misuse.requests', unit: 'requests', better: 'neither', meaning: 'access requests a former grantee had decided (consent-misuse attack)' },
  // Neither way: ground truth; where it is not 0 the verdicts above leave those requests out.
  { name: 'attack.consent_misuse.requests_undecided', unit: 'requests', better: 'neither', meaning: 'access requests a former grantee submitted that no block had decided when the run ended (a ledger slower than the run: none of them is judged by the counts below)' },
  // Neither way: ground truth, the requests that had to be denied.
  { name: 'attack.consent_misuse.requests_after_end', unit: 'requests', better: 'neither', meaning: 'of those, requests that had to be denied: submitted after the consent period ended, or committed after the revocation’s block' },
  // Neither way: grows with the requests made; what got through is permitted_after_end.
  { name: 'attack.consent_misuse.denied_after_end', unit: 'requests', better: 'neither', meaning: 'requests after the consent ended that AccessControl denied' },
  { name: 'attack.consent_misuse.permitted_after_end', unit: 'requests', better: 'lower', meaning: 'requests after the consent ended that were permitted (0 where consent is enforced)' },
  { name: 'attack.consent_misuse.unauthorized_reads', unit: 'records', better: 'lower', meaning: 'records read under a permit that had to be denied (0 where consent is enforced)' },
  { name: 'attack.consent_misuse.stale_permits', unit: 'requests', better: 'lower', meaning: 'permits decided after the revocation was submitted, in or before its block (stale)' },
  // Neither way: legitimate reads, the workload.
  { name: 'attack.consent_misuse.valid_reads', unit: 'records', better: 'neither', meaning: 'records read while the consent still applied' },
  // Neither way: ground truth, what the insiders asked.
  { name: 'attack.insider_extra_requests', unit: 'requests', better: 'neither', meaning: 'extra access requests insiders issued (ground truth); each is decided and audited' },
  // Neither way: ground truth, what the misconfigured gateway sent.
  { name: 'attack.phi_leak.leaking_txs_sent', unit: 'tx', better: 'neither', meaning: 'anchoring transactions a misconfigured gateway made carry PHI (ground truth, phi-leak attack)' },
  // Neither way: ground truth, the leaks that committed.
  { name: 'attack.phi_leak.leaking_txs', unit: 'tx', better: 'neither', meaning: 'of those, transactions their gateway saw confirmed: committed, so inspected on chain' },
  // Neither way: grows with the leaks; the inspector's share of them is recall.
  { name: 'attack.phi_leak.leaking_txs_flagged', unit: 'tx', better: 'neither', meaning: 'committed leaking transactions the PHI inspector flagged' },
  { name: 'attack.phi_leak.recall', unit: 'ratio', better: 'higher', meaning: 'flagged ÷ committed leaking transactions (1 where the inspector finds every leak)' },
  { name: 'attack.phi_leak.false_positives', unit: 'tx', better: 'lower', meaning: 'transactions the PHI inspector flagged that no gateway made leak (0 where the inspector flags only PHI)' },
];

export const RECORD_ATTACK_METRIC_DOCS: readonly CatalogMetricDoc[] = [
  // Neither way: ground truth, what the intruder asked.
  { name: 'attack.unauthorized_requests', unit: 'requests', better: 'neither', meaning: 'record reads an intruder asked the store for without any permit' },
  { name: 'attack.unauthorized_reads', unit: 'records', better: 'lower', meaning: 'records an intruder received without any permit (0 where access control holds)' },
  // Neither way: grows with the requests made; what got through is unauthorized_reads.
  { name: 'attack.unauthorized_reads_denied', unit: 'requests', better: 'neither', meaning: 'intruder reads the record store refused for want of a permit' },
  // Neither way: ground truth, what the attack altered; readers exposing it is attack.tampered_reads_caught.
  { name: 'attack.records_tampered', unit: 'records', better: 'neither', meaning: 'off-chain records altered in place by a record-tamper attack (ground truth)' },
  // Neither way: ground truth, the altered records readers were served; what they caught is tampered_reads_caught.
  { name: 'attack.tampered_records_read', unit: 'records', better: 'neither', meaning: "records a record-tamper attack altered that a store then served to a reader, before the device's next record replaced them (ground truth); 0 beside records_tampered > 0: no altered record was ever read" },
  // Neither way: grows with the altered records read; the rest were missed (passed) or never checked.
  { name: 'attack.tampered_reads_caught', unit: 'records', better: 'neither', meaning: "altered records served (tampered_records_read) whose reader's Merkle inclusion proof failed against the anchored root (each also in iomt.integrity_checks_invalid)" },
  { name: 'attack.tampered_reads_passed', unit: 'records', better: 'lower', meaning: "altered records served whose reader's inclusion proof verified (0 where integrity checking holds); those neither caught nor passed were never checked (root unanchored, answer lost, run over)" },
  { name: 'attack.records_unrecoverable', unit: 'records', better: 'lower', meaning: 'records in batches the store never acknowledged (sent over 10 s before the end): no durable copy, only their digest on chain' },
  // Neither way: ground truth, what the insider served.
  { name: 'attack.audit_bypass.unaudited_reads', unit: 'records', better: 'neither', meaning: 'records an insider at a store served to its accomplice without any access request (audit-bypass, ground truth): none can have an audit entry' },
  // Neither way: grows with the reads bypassed; the share caught is detection_rate.
  { name: 'attack.audit_bypass.caught_reads', unit: 'records', better: 'neither', meaning: 'of those, records the audit-completeness measure counted unaudited' },
  { name: 'attack.audit_bypass.detection_rate', unit: 'ratio', better: 'higher', meaning: 'caught ÷ bypassed records (1 where every bypassed read shows as unaudited)' },
  { name: 'attack.audit_bypass.false_unaudited_reads', unit: 'records', better: 'lower', meaning: 'records the audit-completeness measure counted unaudited that the insider did not serve (0 where honest reads are all audited)' },
  // Neither way: ground truth, the insider's reads as the network delivered them.
  { name: 'attack.audit_bypass.records_received', unit: 'records', better: 'neither', meaning: 'records the accomplice received' },
];
