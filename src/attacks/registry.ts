/**
 * Every attack the scenario's `attacks:` list accepts, documented for `iomtsim list attacks` and
 * docs. A test checks that each entry's parameters are exactly the fields its schema accepts.
 */
import type { ParameterDoc } from '../protocols/types.ts';
import { POW_ATTACK_DOCS } from './pow/docs.ts';

export type AttackCategory = 'consensus' | 'network' | 'engine' | 'device' | 'pow';

export interface AttackDoc {
  readonly type: string;
  readonly title: string;
  readonly category: AttackCategory;
  /** What it acts on. */
  readonly targets: string;
  /** How it is implemented (a wrapper, a network event, ...) and what it models. */
  readonly model: string;
  readonly parameters: readonly ParameterDoc[];
  /** Outcome metrics to look at. */
  readonly outcomes: readonly string[];
}

const WINDOW: readonly ParameterDoc[] = [
  { name: 'start', type: 'duration', default: '0s', meaning: 'when the attack begins' },
  { name: 'end', type: 'duration', default: 'end of run', meaning: 'when it stops (exclusive); crashed hosts recover, links heal' },
];
const REPLICAS: ParameterDoc = { name: 'replicas', type: 'replica index list', default: 'required', meaning: 'replicas that misbehave (0 is the first replica)' };

function doc(d: Omit<AttackDoc, 'parameters'> & { parameters: readonly ParameterDoc[] }): AttackDoc {
  return { ...d, parameters: [...WINDOW, ...d.parameters] };
}

export const ATTACKS: readonly AttackDoc[] = [
  doc({
    type: 'crash', title: 'Crash and recovery', category: 'engine', targets: 'replicas',
    model: 'engine.crash at start (queued work, timers and messages lost), engine.recover at end',
    parameters: [{ name: 'replicas', type: "replica index list or 'leader'", default: 'required', meaning: "replicas to crash; 'leader' crashes whoever leads at start" }],
    outcomes: ['attack.max_commit_gap_ms', 'safety.violations'],
  }),
  doc({
    type: 'partition', title: 'Network partition', category: 'network', targets: 'replica links',
    model: 'cuts every link between replicas of different groups; clients and unlisted replicas keep every link',
    parameters: [{ name: 'groups', type: 'list of replica index lists', default: 'required', meaning: 'at least two groups that cannot reach each other' }],
    outcomes: ['attack.max_commit_gap_ms', 'attack.conflicting_commits'],
  }),
  doc({
    type: 'eclipse', title: 'Eclipse of a victim', category: 'network', targets: 'one replica',
    model: "cuts the victim's links to every replica except the attackers (Heilman et al. 2015)",
    parameters: [
      { name: 'victim', type: 'replica index', default: 'required', meaning: 'the eclipsed replica' },
      { name: 'attackers', type: 'replica index list', default: '[]', meaning: 'replicas the victim still reaches (the adversary); empty isolates it' },
    ],
    outcomes: ['attack.max_commit_gap_ms'],
  }),
  doc({
    type: 'leader-delay', title: 'Targeted delay on the leader', category: 'network', targets: 'the current leader',
    model: 'extra one-way delay on every message to or from the leader; follows view changes',
    parameters: [{ name: 'delay', type: 'duration', default: 'required', meaning: 'added one-way delay' }],
    outcomes: ['attack.legit_latency_ms.p95', 'attack.max_commit_gap_ms'],
  }),
  doc({
    type: 'leader-dos', title: 'Denial of service on the leader', category: 'network', targets: 'the current leader',
    model: "charges load × tick of processing to the leader every tick, so its protocol work queues behind the flood; follows view changes",
    parameters: [
      { name: 'load', type: 'number in [0, 1)', default: 'required', meaning: "fraction of the leader's processor consumed" },
      { name: 'tick', type: 'duration', default: '10ms', meaning: 'granularity of the charged work' },
    ],
    outcomes: ['attack.legit_latency_ms.p95', 'attack.max_commit_gap_ms'],
  }),
  doc({
    type: 'equivocation', title: 'Equivocation (Byzantine replicas)', category: 'consensus', targets: 'replicas',
    model: 'split-brain proxy: two copies of the honest replica, each talking to one side of the honest replicas; colluders talk face to face; a Byzantine leader proposes different blocks to each side',
    parameters: [
      REPLICAS,
      { name: 'sideA', type: 'replica index list', default: 'first half of the honest replicas', meaning: "honest replicas that see the first face; the others see the second" },
    ],
    outcomes: ['attack.conflicting_commits', 'safety.violations'],
  }),
  doc({
    type: 'silence', title: 'Silent replicas', category: 'consensus', targets: 'replicas',
    model: 'proxy drops every message the replica sends while active (it still listens)',
    parameters: [REPLICAS],
    outcomes: ['attack.max_commit_gap_ms'],
  }),
  doc({
    type: 'censorship', title: 'Censorship of chosen senders', category: 'consensus', targets: 'replicas and clients',
    model: "proxy drops incoming messages carrying a transaction from a censored client; as leader the replica never proposes them",
    parameters: [REPLICAS, { name: 'clients', type: 'client index list', default: 'required', meaning: 'clients whose transactions are censored' }],
    outcomes: ['attack.censorship_delay_ms.mean', 'attack.censored_uncommitted'],
  }),
  doc({
    type: 'delay-votes', title: 'Delayed votes', category: 'consensus', targets: 'replicas',
    model: 'proxy holds back the chosen message kinds for a fixed delay, in order',
    parameters: [
      REPLICAS,
      { name: 'delay', type: 'duration', default: 'required', meaning: 'how long each message is held' },
      { name: 'kinds', type: 'list of message kinds', default: '[] (all)', meaning: "protocol message kinds to hold, e.g. ['prepare', 'commit']" },
    ],
    outcomes: ['attack.legit_latency_ms.p95'],
  }),
  doc({
    type: 'sybil', title: 'Sybil identities', category: 'device', targets: 'one gateway',
    model: 'an attacker host beside the gateway sends correctly signed, plausible readings from identities never registered, each with a fresh key',
    parameters: [
      { name: 'gateway', type: 'gateway number', default: 'required', meaning: 'gateway the identities talk to (0 is the first)' },
      { name: 'identities', type: 'integer', default: '10', meaning: 'unregistered identities' },
      { name: 'rate', type: 'readings/s', default: '10', meaning: 'readings per second from all identities together' },
    ],
    outcomes: ['iomt.forged_accepted', 'iomt.readings_rejected.unregistered'],
  }),
  doc({
    type: 'tamper', title: 'Tampering in transit', category: 'device', targets: 'devices',
    model: "device proxy (radio man in the middle) replaces readings with copies whose value is lowered by 25, the signature left unchanged",
    parameters: [
      { name: 'devices', type: 'device number list', default: 'required', meaning: 'devices whose readings are altered' },
      { name: 'probability', type: 'number in (0, 1]', default: '1', meaning: 'chance that each reading is altered' },
    ],
    outcomes: ['iomt.tampered_accepted', 'iomt.readings_rejected.bad_signature'],
  }),
  doc({
    type: 'replay', title: 'Replay of captured readings', category: 'device', targets: 'devices',
    model: 'device proxy captures every reading and sends the same reading again after a delay',
    parameters: [
      { name: 'devices', type: 'device number list', default: 'required', meaning: 'devices whose readings are replayed' },
      { name: 'delay', type: 'duration', default: '1s', meaning: 'time between capture and replay' },
    ],
    outcomes: ['iomt.replayed_accepted', 'iomt.readings_rejected.replay'],
  }),
  doc({
    type: 'flood', title: 'Flooding from compromised devices', category: 'device', targets: 'devices (bots)',
    model: "device proxy makes the firmware sample, sign (its own valid key) and send extra readings at a rate; devices are labelled compromised, and detectors are scored against those labels",
    parameters: [
      { name: 'devices', type: 'device number list', default: 'required', meaning: 'compromised devices (bots)' },
      { name: 'rate', type: 'readings/s', default: 'required', meaning: 'extra readings per second per bot' },
    ],
    outcomes: ['attack.flood_accepted', 'iomt.readings_rejected.rate_limited', 'detect.<detector>.detection_rate', 'detect.<detector>.false_positive_rate', 'detect.<detector>.time_to_detect_ms'],
  }),
  doc({
    type: 'compromised-gateway', title: 'Compromised gateway (drops, delays)', category: 'device', targets: 'one gateway',
    model: "gateway proxy drops or holds readings before the gateway's honest code sees them",
    parameters: [
      { name: 'gateway', type: 'gateway number', default: 'required', meaning: 'the compromised gateway (0 is the first)' },
      { name: 'drop', type: 'number in [0, 1]', default: '0', meaning: 'chance that each reading is dropped' },
      { name: 'delay', type: 'duration', default: '0s', meaning: 'extra time each surviving reading is held' },
    ],
    outcomes: ['attack.gateway_dropped_readings', 'attack.gateway_delayed_readings'],
  }),
  doc({
    type: 'record-tamper', title: 'Off-chain record tampering', category: 'device', targets: 'record stores',
    model: 'the latest off-chain record of each target device is altered in place in every store, repeatedly; readers verify records against the anchored Merkle root',
    parameters: [
      { name: 'devices', type: 'device number list', default: 'required', meaning: 'devices whose latest record is altered' },
      { name: 'interval', type: 'duration', default: '10s', meaning: 'how often the alteration is repeated' },
    ],
    outcomes: ['attack.records_tampered', 'iomt.integrity_checks_invalid'],
  }),
  doc({
    type: 'ransomware', title: 'Ransomware on the record store', category: 'device', targets: "a hospital's record store",
    model: 'the store host is down (encrypted) for the window: reads go unanswered and gateways cannot make batches durable until it is restored',
    parameters: [{ name: 'hospital', type: 'hospital number', default: 'required', meaning: 'hospital whose store is hit (0 is the first)' }],
    outcomes: ['iomt.integrity_checks_not_found', 'iomt.readings_anchored'],
  }),
  doc({
    type: 'consent-bypass', title: 'Consent bypass by direct read', category: 'device', targets: "a hospital's record store",
    model: 'an intruder host asks the record store directly for devices\' latest records, never asking AccessControl; every record returned is an unauthorized read',
    parameters: [
      { name: 'hospital', type: 'hospital number', default: 'required', meaning: 'hospital whose store is queried (0 is the first)' },
      { name: 'rate', type: 'requests/s', default: '1', meaning: 'read requests per second' },
    ],
    outcomes: ['attack.unauthorized_reads', 'attack.unauthorized_reads_denied'],
  }),
  doc({
    type: 'stolen-key', title: 'Spoofing with a stolen device key', category: 'device', targets: 'one device',
    model: "an attacker host signs readings in the device's name with its extracted key (valid signatures, abnormal rate and value); the gateways' detectors see the real traffic, alarms go to a security service that revokes the device in the DeviceRegistry, and the gateways refuse the key once that commits",
    parameters: [
      { name: 'device', type: 'device number', default: 'required', meaning: 'device whose key was stolen (0 is the first)' },
      { name: 'rate', type: 'readings/s', default: '5', meaning: 'spoofed readings per second, on top of the genuine stream' },
      { name: 'value', type: 'number', default: '60', meaning: 'value every spoofed reading reports' },
      { name: 'respond', type: 'boolean', default: 'true', meaning: 'whether the security service revokes alarmed devices on chain' },
    ],
    outcomes: ['iomt.spoofed_accepted', 'attack.spoofed_accepted_after_revocation', 'attack.spoofed_rejected_after_revocation', 'attack.time_to_revoke_ms', 'attack.honest_devices_revoked', 'detect.<detector>.time_to_detect_ms'],
  }),
  doc({
    type: 'consent-misuse', title: 'Consent bypass via an expired or revoked consent', category: 'device', targets: "one device's patient",
    model: "an injected clinician is granted the patient's consent at start (scripted patient side), then keeps requesting through AccessControl and reading the store under each permit after the consent's period ends or the patient's revocation commits; requests are judged against the consent's end",
    parameters: [
      { name: 'device', type: 'device number', default: 'required', meaning: "device whose patient grants the consent and whose latest record is read" },
      { name: 'mode', type: "'expired' or 'revoked'", default: 'required', meaning: 'how the consent stops applying' },
      { name: 'validFor', type: 'duration', default: '30s', meaning: "consent period (expired), or grant commit → patient's revocation (revoked)" },
      { name: 'rate', type: 'requests/s', default: '1', meaning: 'access requests per second' },
    ],
    outcomes: ['attack.consent_misuse.permitted_after_end', 'attack.consent_misuse.unauthorized_reads', 'attack.consent_misuse.stale_permits', 'iomt.stale_accesses'],
  }),
  doc({
    type: 'insider', title: 'Insider misuse (abnormal access volume)', category: 'device', targets: 'clinicians',
    model: "proxy makes a credentialed clinician's own client issue extra access requests (decided and audited like any); an access monitor counts each clinician's audited accesses per 60 s window from the committed AuditLog and runs EWMA and CUSUM detectors per requester (5-window baseline), scored against the insider labels",
    parameters: [
      { name: 'clinicians', type: 'clinician number list', default: 'required', meaning: 'misusing clinicians (0 is the first in topology order)' },
      { name: 'rate', type: 'requests/hour', default: 'required', meaning: 'extra access requests per hour per insider' },
    ],
    outcomes: ['attack.insider_extra_requests', 'detect.ewma_access_rate.detection_rate', 'detect.ewma_access_rate.false_positive_rate', 'detect.cusum_access_rate.time_to_detect_ms', 'iomt.audit_completeness_ratio'],
  }),
  ...POW_ATTACK_DOCS,
];

export function attackDoc(type: string): AttackDoc | undefined {
  return ATTACKS.find((a) => a.type === type);
}
