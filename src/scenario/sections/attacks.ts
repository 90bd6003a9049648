/**
 * The `attacks:` section: faults and adversaries as data (FoundationDB's fault workloads, Malachite's
 * Byzantine proxy configured by mode and trigger). Every attack has a window [start, end); `end`
 * omitted means "until the run ends". Replica targets are replica indices (0 is the first replica),
 * so a scenario stays valid whatever host numbering the run model uses. The meaning of every field
 * is documented once, in src/attacks/registry.ts (`iomtsim list attacks`).
 */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs } from '../zod-units.ts';
import { zDoubleSpend, zMajority, zSelfishMining } from './attacks-pow.ts';

const window = {
  start: zDurationUs.default(0),
  end: zDurationUs.optional(),
};

const replicaIndex = z.number().int().nonnegative();
const replicaList = z.array(replicaIndex).min(1);

const zCrash = z
  .object({
    type: z.literal('crash'),
    ...window,
    /** Replica indices, or 'leader' for whoever leads at `start`. */
    replicas: z.union([replicaList, z.literal('leader')]),
  })
  .strict();

const zPartition = z
  .object({
    type: z.literal('partition'),
    ...window,
    /** Groups of replica indices that cannot reach each other; unlisted replicas reach everyone. */
    groups: z.array(replicaList).min(2),
  })
  .strict();

const zEclipse = z
  .object({
    type: z.literal('eclipse'),
    ...window,
    /** Replica index of the eclipsed replica (Heilman et al. 2015). */
    victim: replicaIndex,
    /** Replicas the victim may still talk to (the adversary's nodes); empty isolates it. */
    attackers: z.array(replicaIndex).default([]),
  })
  .strict();

const zLeaderDelay = z
  .object({
    type: z.literal('leader-delay'),
    ...window,
    /** Extra one-way delay on every message to or from the current leader. */
    delay: zPositiveDurationUs,
  })
  .strict();

const zLeaderDos = z
  .object({
    type: z.literal('leader-dos'),
    ...window,
    /** Fraction of the leader's processor consumed by the flood, in [0, 1). */
    load: z.number().min(0).lt(1),
    /** How often the flood's work is charged. */
    tick: zPositiveDurationUs.default(10_000),
  })
  .strict();

const zEquivocation = z
  .object({
    type: z.literal('equivocation'),
    ...window,
    replicas: replicaList,
    /**
     * Honest replicas that see the Byzantine replicas' first face; the other honest replicas see
     * the second. Default: the first half of the honest replicas.
     */
    sideA: z.array(replicaIndex).optional(),
  })
  .strict();

const zSilence = z
  .object({
    type: z.literal('silence'),
    ...window,
    replicas: replicaList,
  })
  .strict();

const zCensorship = z
  .object({
    type: z.literal('censorship'),
    ...window,
    replicas: replicaList,
    /** Client indices (0 is the first client) whose transactions are dropped. */
    clients: z.array(z.number().int().nonnegative()).min(1),
  })
  .strict();

const zDelayVotes = z
  .object({
    type: z.literal('delay-votes'),
    ...window,
    replicas: replicaList,
    delay: zPositiveDurationUs,
    /** Message kinds held back; empty holds back every message the replica sends. */
    kinds: z.array(z.string().min(1)).default([]),
  })
  .strict();

// ---- devices and gateways (IoMT scenarios; device and gateway numbers are 0-based ordinals) ----

const deviceList = z.array(z.number().int().nonnegative()).min(1);

const zSybil = z
  .object({
    type: z.literal('sybil'),
    ...window,
    /** Gateway (ordinal) the fake identities talk to. */
    gateway: z.number().int().nonnegative(),
    /** Unregistered identities, each with its own fresh key. */
    identities: z.number().int().min(1).default(10),
    /** Readings per second from all identities together. */
    rate: z.number().positive().default(10),
  })
  .strict();

const zTamper = z
  .object({
    type: z.literal('tamper'),
    ...window,
    devices: deviceList,
    /** Chance that each reading of a target is altered in transit. */
    probability: z.number().gt(0).max(1).default(1),
  })
  .strict();

const zReplay = z
  .object({
    type: z.literal('replay'),
    ...window,
    devices: deviceList,
    /** How long after capture each reading is sent again. */
    delay: zPositiveDurationUs.default(1_000_000),
  })
  .strict();

const zFlood = z
  .object({
    type: z.literal('flood'),
    ...window,
    /** Compromised devices (bots); they sign with their own, valid keys. */
    devices: deviceList,
    /** Extra readings per second per bot. */
    rate: z.number().positive(),
  })
  .strict();

const zCompromisedGateway = z
  .object({
    type: z.literal('compromised-gateway'),
    ...window,
    gateway: z.number().int().nonnegative(),
    /** Chance that each reading reaching the gateway is dropped. */
    drop: z.number().min(0).max(1).default(0),
    /** Extra time each surviving reading is held before the gateway processes it. */
    delay: zDurationUs.default(0),
  })
  .strict();

const zRecordTamper = z
  .object({
    type: z.literal('record-tamper'),
    ...window,
    /** Devices whose latest off-chain record is altered in every store. */
    devices: deviceList,
    /** The alteration is repeated this often (new records keep arriving). */
    interval: zPositiveDurationUs.default(10_000_000),
  })
  .strict();

const zRansomware = z
  .object({
    type: z.literal('ransomware'),
    ...window,
    /** Hospital (ordinal) whose off-chain record store is encrypted, i.e. unavailable, in the window. */
    hospital: z.number().int().nonnegative(),
  })
  .strict();

const zConsentBypass = z
  .object({
    type: z.literal('consent-bypass'),
    ...window,
    /** Hospital (ordinal) whose record store the intruder queries directly, skipping AccessControl. */
    hospital: z.number().int().nonnegative(),
    /** Read requests per second. */
    rate: z.number().positive().default(1),
  })
  .strict();

const zStolenKey = z
  .object({
    type: z.literal('stolen-key'),
    ...window,
    /** Device whose signing key the attacker extracted; it sends in that device's name. */
    device: z.number().int().nonnegative(),
    /** Spoofed readings per second, on top of the device's own stream. */
    rate: z.number().positive().default(5),
    /** The (abnormal) value every spoofed reading reports. */
    value: z.number().default(60),
    /** Whether the security service revokes alarmed devices on chain. */
    respond: z.boolean().default(true),
  })
  .strict();

const zConsentMisuse = z
  .object({
    type: z.literal('consent-misuse'),
    ...window,
    /** Device whose patient grants, then loses, the consent; its latest record is what is read. */
    device: z.number().int().nonnegative(),
    /** How the consent stops applying: its period ends, or the patient revokes it. */
    mode: z.enum(['expired', 'revoked']),
    /** Consent period (expired), or time from the grant committing to the patient's revocation (revoked). */
    validFor: zPositiveDurationUs.default(30_000_000),
    /** Access requests per second by the former grantee. */
    rate: z.number().positive().default(1),
  })
  .strict();

const zInsider = z
  .object({
    type: z.literal('insider'),
    ...window,
    /** Clinicians (ordinal, 0 is the first) who misuse their credentials. */
    clinicians: z.array(z.number().int().nonnegative()).min(1),
    /** Extra access requests per hour each insider issues, on top of its normal rate. */
    rate: z.number().positive(),
  })
  .strict();

export const zAttack = z.discriminatedUnion('type', [
  zCrash,
  zPartition,
  zEclipse,
  zLeaderDelay,
  zLeaderDos,
  zEquivocation,
  zSilence,
  zCensorship,
  zDelayVotes,
  zSybil,
  zTamper,
  zReplay,
  zFlood,
  zCompromisedGateway,
  zRecordTamper,
  zRansomware,
  zConsentBypass,
  zStolenKey,
  zConsentMisuse,
  zInsider,
  zSelfishMining,
  zDoubleSpend,
  zMajority,
]);
export type AttackSpec = z.output<typeof zAttack>;
export type AttackType = AttackSpec['type'];
export type AttackOf<T extends AttackType> = Extract<AttackSpec, { type: T }>;

export const zAttacks = z.array(zAttack).default([]);
export type AttacksSection = z.output<typeof zAttacks>;
