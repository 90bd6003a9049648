/** Metrics of the IoMT run model (src/iomt/collector.ts); the consensus model's metrics come too. */
import type { CatalogMetricDoc } from './types.ts';

const latency = (family: string, what: string, note = ''): CatalogMetricDoc[] =>
  (['mean', 'p50', 'p95', 'p99', 'max'] as const).map((s) => ({
    name: `${family}.${s}`,
    unit: 'ms',
    better: 'lower',
    meaning: `${s === 'mean' ? 'mean' : s === 'max' ? 'largest' : `${s.slice(1)}th percentile of the`} ${what}${note}`,
  }));

const BOUNDED = ' (within 0.1 %: per-reading latencies use a log-bucket histogram)';

export const IOMT_METRIC_DOCS: readonly CatalogMetricDoc[] = [
  // Neither way: the workload the devices offer, attack readings included.
  { name: 'iomt.readings_sent', unit: 'count', better: 'neither', meaning: 'readings sent over the whole run by the device hosts (those an attack at the device sent, replaced or had sampled included) and by attackers in radio range of a gateway (sybil identities, a stolen key\'s spoofer); iomt.*_sent say how many of each attack\'s' },
  // Lower: a reading lost on the radio or the LAN is a gap in a patient's record that no gateway saw.
  { name: 'iomt.readings_lost', unit: 'count', better: 'lower', meaning: 'readings sent (iomt.readings_sent, attackers\' included) that the network lost before a gateway had them: radio loss, partitions, cut links, a gateway that was down, full link queues (whole run; iomt.readings_sent minus the readings that reached a gateway, less those still on the way at the end)' },
  // Neither way: the workload, attack readings included; accepting more is not better in itself.
  { name: 'iomt.readings_accepted', unit: 'count', better: 'neither', meaning: 'readings that passed the gateways\' admission checks' },
  // Neither way: refusing an attack's readings is right, refusing honest ones is not, and the attack outcomes (iomt.*_accepted) judge it.
  { name: 'iomt.readings_rejected', unit: 'count', better: 'neither', meaning: 'readings refused by gateways, all reasons' },
  // Neither way: as iomt.readings_rejected.
  { name: 'iomt.readings_rejected.unregistered', unit: 'count', better: 'neither', meaning: 'readings from a device not registered (or revoked) with that gateway at the committed state' },
  // Neither way: as iomt.readings_rejected.
  { name: 'iomt.readings_rejected.bad_signature', unit: 'count', better: 'neither', meaning: 'readings whose signature does not verify with the device\'s registered key' },
  // Neither way: as iomt.readings_rejected.
  { name: 'iomt.readings_rejected.stale', unit: 'count', better: 'neither', meaning: 'readings whose timestamp is outside the freshness window' },
  // Neither way: as iomt.readings_rejected.
  { name: 'iomt.readings_rejected.replay', unit: 'count', better: 'neither', meaning: 'readings whose sequence number is not above the last accepted one' },
  // Neither way: as iomt.readings_rejected.
  { name: 'iomt.readings_rejected.rate_limited', unit: 'count', better: 'neither', meaning: 'readings beyond the device\'s token bucket' },
  // Neither way: grows with the readings accepted, attack readings included.
  { name: 'iomt.readings_anchored', unit: 'count', better: 'neither', meaning: 'readings whose batch root was committed on chain' },
  // Neither way: grows with the readings accepted.
  { name: 'iomt.readings_durable', unit: 'count', better: 'neither', meaning: 'readings in batches the off-chain store acknowledged as durable (whole run)' },
  { name: 'iomt.readings_durable_ratio', unit: 'ratio', better: 'higher', meaning: 'iomt.readings_durable ÷ iomt.readings_accepted: the share of accepted readings durable off chain by the end of the run (the durable latencies describe only these; readings accepted in the last seconds are still on their way)' },
  { name: 'iomt.readings_anchored_ratio', unit: 'ratio', better: 'higher', meaning: 'iomt.readings_anchored ÷ iomt.readings_accepted: the share of accepted readings whose batch root was committed by the end of the run (the anchor latencies describe only these)' },
  { name: 'iomt.store_refused_readings', unit: 'count', better: 'lower', meaning: 'readings in batches the off-chain store refused, all reasons: for lack of capacity, or a stated Merkle root that is not the root of the batch\'s records (iomt.store_refused_readings.root_mismatch)' },
  // Neither way: each refusal is the store's check working; how many there are follows what gateways forge.
  { name: 'iomt.store_refused_readings.root_mismatch', unit: 'count', better: 'neither', meaning: 'of those, readings in batches whose stated root (the batch\'s address, and what its gateway anchors) is not the RFC 9162 Merkle root of the records the batch carried: the store refuses such a batch, so that no anchored root stands for records other than those it was computed over' },
  ...latency('iomt.durable_latency_ms', 'time from a reading\'s sampling to its gateway learning that its batch is durable off chain', `${BOUNDED}, over the readings sampled after the warm-up that became durable (iomt.readings_durable_ratio, which counts readings of the whole run, says what share of them did)`),
  ...latency('iomt.anchor_latency_ms', 'time from a reading\'s sampling to the confirmation of its batch\'s anchoring transaction', `${BOUNDED}, over the readings sampled after the warm-up that were anchored (iomt.readings_anchored_ratio, which counts readings of the whole run, says what share of them were)`),
  ...latency('iomt.alert_latency_ms', 'time from a clinical episode\'s onset to the first alert for it at the care team, gateway fast path', ', over the episodes alerted on that path (iomt.episodes_alerted_ratio says how many)'),
  ...latency('iomt.alert_latency_onchain_ms', 'time from a clinical episode\'s onset to the care team learning the alert was recorded on chain (slow path)', ', over the episodes alerted on that path (iomt.episodes_alerted_onchain_ratio says how many)'),
  { name: 'iomt.alert_within_target_ratio', unit: 'ratio', better: 'higher', meaning: 'of the episodes iomt.episodes counts, the fraction whose first fast-path alert came within the rule\'s target (default 10 s) beyond its hold (IEC 60601-1-8 alarm signal generation delay); an episode never alerted on the path is a miss' },
  { name: 'iomt.alert_within_target_onchain_ratio', unit: 'ratio', better: 'higher', meaning: 'the same for the on-chain path: an episode whose alert was never recorded on chain, or whose care team never learned it was, is a miss' },
  // Neither way: ground truth, the patients' clinical episodes.
  { name: 'iomt.episodes', unit: 'count', better: 'neither', meaning: 'clinical episodes (ground truth) that a rule covers, on a channel a device of the patient measures, and that lasted long enough for that device\'s readings, whatever their phase, to span the rule\'s hold (a shorter one is by design not alarmed, or missed by the sampling), started after warm-up and at least 60 s before the end (iomt.episodes_unwatched, iomt.episodes_shorter_than_hold, iomt.episodes_undersampled and iomt.episodes_unobservable count the episodes of that window it leaves out)' },
  // Neither way: grows with the episodes drawn; iomt.alert_within_target_ratio judges.
  { name: 'iomt.episodes_within_target', unit: 'count', better: 'neither', meaning: 'of the episodes iomt.episodes counts, those whose first fast-path alert came within the rule\'s target beyond its hold: iomt.alert_within_target_ratio\'s numerator, so that a report can give "k of N episodes" and an exact binomial interval over all replications' },
  // Neither way: as iomt.episodes_within_target.
  { name: 'iomt.episodes_within_target_onchain', unit: 'count', better: 'neither', meaning: 'the same for the on-chain path: iomt.alert_within_target_onchain_ratio\'s numerator' },
  // Neither way: ground truth against the ward's equipment, not the system's doing.
  { name: 'iomt.episodes_unobservable', unit: 'count', better: 'neither', meaning: 'clinical episodes iomt.episodes leaves out only because no device of the patient measures the channel of a rule that covers them and whose hold they lasted (e.g. tachycardias of patients with no ECG patch or wearable): no alert could come, so they are no miss' },
  // Neither way: ground truth against the scenario's rules, not the system's doing.
  { name: 'iomt.episodes_unwatched', unit: 'count', better: 'neither', meaning: 'clinical episodes started after warm-up and at least 60 s before the end that iomt.episodes leaves out because no rule watches their kind (e.g. desaturations where no rule is on spo2): deleting a rule removes its episodes from the within-target and alerted ratios, which this count shows' },
  // Neither way: as iomt.episodes_unwatched.
  { name: 'iomt.episodes_undersampled', unit: 'count', better: 'neither', meaning: 'clinical episodes started after warm-up and at least 60 s before the end that iomt.episodes leaves out because, though they lasted a rule\'s hold, some phase of the readings of every device of the patient that measures its channel misses them: a rule alarms on readings spanning its hold, so an episode shorter than the hold plus one to two reading intervals and their jitter (exactly one interval for a hold of whole intervals without jitter or drift) may hold too few readings (src/iomt/sampled-hold.ts); lengthening a reading interval moves episodes here from iomt.episodes' },
  // Neither way: as iomt.episodes_unwatched.
  { name: 'iomt.episodes_shorter_than_hold', unit: 'count', better: 'neither', meaning: 'clinical episodes started after warm-up and at least 60 s before the end that iomt.episodes leaves out because they were shorter than the hold of every rule that watches their kind: by the alarm condition delay\'s design (IEC 60601-1-8) not alarmed, so no miss; lengthening a hold moves episodes here from iomt.episodes' },
  // Neither way: as iomt.episodes_within_target.
  { name: 'iomt.episodes_alerted', unit: 'count', better: 'neither', meaning: "of the episodes iomt.episodes counts, those with a fast-path alert however late: iomt.episodes_alerted_ratio's numerator" },
  // Neither way: as iomt.episodes_within_target.
  { name: 'iomt.episodes_alerted_onchain', unit: 'count', better: 'neither', meaning: "the same for the on-chain path: iomt.episodes_alerted_onchain_ratio's numerator" },
  { name: 'iomt.episodes_alerted_ratio', unit: 'ratio', better: 'higher', meaning: 'of the episodes iomt.episodes counts, the fraction with a fast-path alert' },
  { name: 'iomt.episodes_alerted_onchain_ratio', unit: 'ratio', better: 'higher', meaning: 'of the episodes iomt.episodes counts, the fraction whose care team learned by the end of the run that an alert for it was recorded on chain (however long after the episode ended)' },
  { name: 'iomt.false_alerts', unit: 'count', better: 'lower', meaning: 'fast-path alerts whose condition began, by the reporting device\'s clock, in no episode of their rule\'s kind from its start to 60 s after its end (an alert is an episode\'s by when its condition began, not by when it arrived: a late alert of an episode counts as its first alert or a duplicate, not as false). Every alert of a rule on a channel the model draws no episodes on (glucose, sbp, infusionRate) is one; at the default noise a benign run has none (docs/limitations.md), so the count measures what the system and attacks do to readings, not the rules\' specificity' },
  { name: 'iomt.alerts_refused_onchain', unit: 'count', better: 'lower', meaning: 'alert transactions that committed but the EmergencyAlert contract refused (not forwarded to the care team)' },
  // Lower is better: a further alert for an episode already alerted tells the care team nothing new (alarm fatigue).
  { name: 'iomt.duplicate_alerts', unit: 'count', better: 'lower', meaning: 'further fast-path alerts for an episode already alerted (e.g. a second device)' },
  ...latency('iomt.access_decision_latency_ms', 'time from an access request\'s submission to its confirmation at the requester, decision read from its node (the requests iomt.access_requests counts that were submitted after the warm-up, attack traffic included; iomt.access_decided_ratio says how many of those submitted were decided)'),
  // Neither way: the workload.
  { name: 'iomt.access_requests', unit: 'count', better: 'neither', meaning: 'access requests AccessControl decided and confirmed to their requesters: clinicians and researchers, and attackers who request as one (consent-misuse\'s former grantee; attack.consent_misuse.* says which were the attacker\'s)' },
  // Neither way: the workload.
  { name: 'iomt.access_requests_submitted', unit: 'count', better: 'neither', meaning: 'access requests submitted to AccessControl over the whole run, decided or not (attack traffic included, as in iomt.access_requests)' },
  { name: 'iomt.access_decided_ratio', unit: 'ratio', better: 'higher', meaning: 'iomt.access_requests ÷ iomt.access_requests_submitted: the share of submitted requests decided and confirmed by the end of the run (the decision latencies describe only these, and of them those submitted after the warm-up)' },
  // Neither way: decided by the consents the workload granted; enforcement is judged by iomt.consent_violations.
  { name: 'iomt.access_permitted', unit: 'count', better: 'neither', meaning: 'requests permitted by an active consent; attack traffic included, as in iomt.access_requests' },
  // Neither way: as iomt.access_permitted.
  { name: 'iomt.access_denied', unit: 'count', better: 'neither', meaning: 'requests denied (no applicable consent, or break-glass asked for a purpose other than emergency treatment); attack traffic included, as in iomt.access_requests' },
  // Neither way: the workload.
  { name: 'iomt.access_break_glass', unit: 'count', better: 'neither', meaning: 'emergency (break-glass) accesses permitted: asked for emergency treatment (ETREAT), always permitted and audited without consent; one asked for another purpose is denied (audited as denied-not-emergency) and counted with the denials' },
  ...latency('iomt.consent_revoke_enforced_latency_ms', 'time from a consent revocation\'s submission to its commit (the first execution of its block by a replica; a revocation refused there is not timed), from which AccessControl permits nothing more under the consent; not the time until stores stop serving the permits decided under it before, which they withdraw when their node\'s notice of the revocation reaches them (iomt.revoked_consent_read_window_ms measures what they served after it)'),
  ...latency('iomt.device_revocation_applied_latency_ms', "time from a DeviceRegistry revocation's commit (its first execution by any replica) to the device's gateway applying it, from which it refuses the device's key; over the revocations committed after the warm-up and applied by the end (any authority's: an administration's, a security service's)"),
  { name: 'iomt.device_revocations_unapplied', unit: 'count', better: 'lower', meaning: "DeviceRegistry revocations committed (whole run) that the device's gateway had not applied by the end of the run: it still accepted the revoked key then (one committed in the run's last second or so may simply not have arrived yet)" },
  { name: 'iomt.stale_accesses', unit: 'count', better: 'lower', meaning: 'access decisions (not reads) that permitted on a consent whose revocation was submitted but not yet committed; a revocation that commits as a refused call (not the patient\'s, or of a consent already inactive) leaves the consent as it was and is no longer pending, so permits after it are not counted; the reads served after the revocation committed are iomt.records_served_after_revocation' },
  { name: 'iomt.consent_violations', unit: 'count', better: 'lower', meaning: 'records stores served under a permit the committed Consent state did not allow: served more than 5 s (the audit\'s grace) after its consent\'s revocation committed on an honest replica, whatever block decided the permit; decided in a block after the one that revoked its consent; served at or after the consent\'s period ended, or decided at a time outside it (expired: the block\'s time, or the nearest time between the request\'s submission and the decision\'s first execution where its leader stamped it outside them); or on a consent of another patient or grantee (must be 0; src/iomt/served-reads.ts)' },
  { name: 'iomt.records_served_after_revocation', unit: 'count', better: 'lower', meaning: 'records stores served under a permit after its consent\'s revocation committed (the first honest replica executed it), whatever block decided the permit: a former grantee reading on permits it held from before the revocation, or a read that reached its store before the store\'s node had told it of the revocation (those more than 5 s after the commit also count in iomt.consent_violations)' },
  { name: 'iomt.revoked_consent_read_window_ms', unit: 'ms', better: 'lower', meaning: 'the longest time, over the consents revoked in the run, from a revocation committing on the first honest replica to the last record served under that consent after it: how long a revoked consent still let records out (0: none was served after its revocation; not a number when no revocation committed)' },
  { name: 'iomt.onchain_bytes_per_reading', unit: 'B', better: 'lower', meaning: 'anchoring transaction bytes committed per reading anchored' },
  // Neither way: grows with the work committed; the cost per reading is iomt.onchain_bytes_per_reading.
  { name: 'iomt.onchain_bytes', unit: 'B', better: 'neither', meaning: 'bytes of all committed IoMT transactions' },
  // Neither way: grows with the work committed.
  { name: 'iomt.onchain_txs', unit: 'count', better: 'neither', meaning: 'committed IoMT transactions' },
  // Neither way: a contract refusing an invalid call is the contract working; how many are made is the workload's.
  { name: 'iomt.contract_rejections', unit: 'count', better: 'neither', meaning: 'committed calls a contract refused (e.g. revoking an inactive consent, rotating a revoked device\'s key)' },
  { name: 'iomt.phi_bytes_on_chain', unit: 'B', better: 'lower', meaning: 'bytes of committed call arguments that break the PHI rules: a field not on the allowed list, a value not of its field\'s shape (digest, pointer, minted identifier, code, counter), or a patient\'s real name or record number in any letter case (must be 0; rules in src/iomt/phi-inspector.ts)' },
  // Neither way: the workload's reads, whatever let them out; unaudited ones are records_served_unaudited.
  { name: 'iomt.records_served', unit: 'count', better: 'neither', meaning: 'records the off-chain stores released to readers, whatever let them out, including one that reached its reader after the reader gave the read up (counted in integrity_checks_unanswered, not checked): so it may exceed the integrity checks of served records' },
  { name: 'iomt.records_served_unaudited', unit: 'count', better: 'lower', meaning: 'served records whose access has no entry in an honest replica\'s committed AuditLog (no request, another reader or patient, a denial, decided over 5 s after the read, or an entry an earlier read already used: one permit opens one read)' },
  { name: 'iomt.audit_completeness_ratio', unit: 'ratio', better: 'higher', meaning: 'served records whose access (request, reader, patient) is in an honest replica\'s committed AuditLog, decided no later than 5 s after the read ÷ served records judged (a read in the last 5 s whose entry may still commit is not judged; src/iomt/served-reads.ts)' },
  // Neither way: grows with the reads made.
  { name: 'iomt.integrity_checks_valid', unit: 'count', better: 'neither', meaning: 'record reads whose Merkle inclusion proof verified against the anchored root, by every reader that requests through AccessControl, attack traffic included' },
  // Lower is better: each is a reader served a record changed after anchoring (broken integrity), which the check iomt.integrity fails on.
  { name: 'iomt.integrity_checks_invalid', unit: 'count', better: 'lower', meaning: 'record reads whose proof failed: the record changed after anchoring (the store keeps each batch\'s Merkle tree as written, so an altered record fails its own proof, not its neighbours\')' },
  // Lower is better: a read its reader could not verify yet because anchoring lagged.
  { name: 'iomt.integrity_checks_unanchored', unit: 'count', better: 'lower', meaning: 'record reads whose batch root was not yet committed' },
  // Lower is better: a read the store could not serve.
  { name: 'iomt.integrity_checks_not_found', unit: 'count', better: 'lower', meaning: 'record reads the store could not serve (no record, or older than store.retain)' },
  // Lower is better: a permitted read the store turned away, its permit notice too late (5 s).
  { name: 'iomt.integrity_checks_refused', unit: 'count', better: 'lower', meaning: 'permitted record reads the store refused because the permit had not reached it within 5 s' },
  // Lower is better: a permitted read its reader never had an answer to (store down, read or answer lost).
  { name: 'iomt.integrity_checks_unanswered', unit: 'count', better: 'lower', meaning: 'permitted record reads the store did not answer in time (store down, read or answer lost, or the answer later than that): a reader gives a read up, without retrying it, once 10 s (the store\'s 5 s permit wait plus 5 s) have passed with no answer, and ignores an answer that comes after (a record in it still counts in records_served). Every permitted or break-glass read ends in exactly one integrity count (valid, invalid, unanchored, not_found, refused, unanswered) but those still open at the end of the run: a read within its 10 s, or a record awaiting its anchored root' },
  ...latency('iomt.integrity_check_latency_ms', 'time from a reader asking the store for a record (once permitted) to its verdict: the record and its proof from the store, the anchored root from its node', '; reads given up as unanswered have none'),
  // Neither way: true and false alarms together; detect.<detector>.false_alarms_per_hour and detection_rate judge them.
  { name: 'iomt.detector_alarms', unit: 'count', better: 'neither', meaning: 'alarms raised by the streaming detectors (EWMA, CUSUM, z-score): each an onset, a detector going out of control on a subject; it raises no further alarm on that subject until its statistic is back in control (src/iomt/detectors.ts)' },
  // Neither way: true and false alarms together; false_alarms_per_hour and detection_rate judge them.
  { name: 'detect.<detector>.alarms_per_hour', unit: 'alarms/h', better: 'neither', meaning: 'alarms (onsets, as in iomt.detector_alarms) a detector raised after the warm-up, per hour, every configured detector (0 when silent); without attacks every alarm is false: the rate its design is held to (docs/references.md §9)' },
];
