/**
 * The contract every attack meets, in this tree or in a plug-in module: one object that names the
 * attack, carries its parameter schema and says how it acts. Everything else is derived from it:
 * the scenario's `attacks:` union (one strict member per definition, window fields added once),
 * the parameter docs of `iomtsim list attacks` and docs/scenarios.md (the schema's descriptions),
 * the target checks and the checks against the scenario's protocol, which replicas the fault-model check and the liveness checker count as faulty,
 * and the categories the run models select by.
 *
 * An attack acts in exactly one way:
 * - `byzantineBehaviour`: a mode of the Byzantine proxy around the replicas it names (consensus);
 * - `install`: events on the engine or network once the hosts exist (network, engine);
 * - `device`: wrappers around devices, gateways or clinicians and attacker hosts in an IoMT world;
 * - `powAttack`: the attacker miner of a proof-of-work run.
 */
import { z } from 'zod';
import { zDurationUs } from '../scenario/zod-units.ts';
import { describeFound } from '../scenario/errors.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import type { PowAttackSpec } from './pow/run.ts';
import type { ByzantineBehaviour, ByzantineSetup } from './byzantine/behaviour.ts';
import type { DeviceAttackHooks } from './iomt/hooks.ts';
import type { AttackTargetsSizes, InstallContext } from './types.ts';

export type AttackCategory = 'consensus' | 'network' | 'engine' | 'device' | 'pow';

export const ATTACK_CATEGORIES: readonly AttackCategory[] = ['consensus', 'network', 'engine', 'device', 'pow'];

/** The window every attack has: [start, end), `end` omitted meaning "until the run ends". */
export const WINDOW_FIELDS = {
  start: zDurationUs.default(0).meta({ description: 'When the attack begins.', 'x-type': 'duration' }),
  end: zDurationUs.optional().meta({ description: 'When it stops (exclusive): crashed hosts recover, cut links heal.', 'x-type': 'duration', 'x-default': 'end of run' }),
};

type WindowShape = typeof WINDOW_FIELDS;
export type SpecShape<T extends string, P extends z.ZodRawShape> = { type: z.ZodLiteral<T> } & WindowShape & P;
/** One member of the scenario's `attacks:` union: type, window and the attack's own fields. */
export type SpecSchema<T extends string, P extends z.ZodRawShape> = z.ZodObject<SpecShape<T, P>, z.core.$strict>;
/** An attack as parsed from a scenario (quantities in base units). */
export type SpecOf<T extends string, P extends z.ZodRawShape> = z.output<SpecSchema<T, P>>;

/** A replica an attack makes faulty: an index, or 'leader' for whoever leads when it starts. */
export type ReplicaTarget = number | 'leader';

/** Where a target check reports: every issue names `attacks.<k>.<field>`. */
export interface TargetIssues {
  /** An issue unless `value` is in 0..count−1; `noun` reads "a replica index", "a device number". */
  index(field: string, value: number, count: number, noun: string): void;
  /** An issue unless `value` is one of `allowed`, which the message lists; `noun` reads "a message kind of pbft". */
  oneOf(field: string, value: string, allowed: readonly string[], noun: string): void;
  /** An issue said in full: what `field` should be, and what was found there. */
  refuse(field: string, expected: string, found: string): void;
  /** An issue when `value` was already listed at `firstField` (a replica in two groups). */
  repeated(field: string, value: number | string, firstField: string, noun: string): void;
}

export interface AttackDefinition<T extends string = string, P extends z.ZodRawShape = z.ZodRawShape> {
  /** The scenario's `type:` value. */
  readonly type: T;
  readonly title: string;
  readonly category: AttackCategory;
  /** What it acts on (docs). */
  readonly targets: string;
  /** How it is implemented and what it models (docs). */
  readonly model: string;
  /**
   * The attack's own fields; `type`, `start` and `end` are added by the scenario. Every field
   * carries `.meta({ description, 'x-type' })` (and `'x-default'` when optional without a
   * default): those are its docs.
   */
  readonly paramsSchema: z.ZodObject<P>;
  /** What `start` and `end` mean for this attack, where the common wording does not fit. */
  readonly windowMeanings?: { readonly start?: string; readonly end?: string };
  /** Outcome metrics to look at (docs; an attack's metric group is reported when it runs). */
  readonly outcomes: readonly string[];
  /**
   * What the attack waits for the run to produce before it acts, and records ground truth, where
   * a run may never produce it (a record to tamper with, a consent grant to commit): named, with its
   * window, by the notice of a run in which the attack recorded no ground truth
   * (src/runner/silent-attacks.ts), e.g. "the patient's consent grant to commit".
   */
  readonly waitsFor?: string;

  /** Check the spec against sizes known before any host exists (a replica index out of range). */
  checkTargets?(spec: SpecOf<T, P>, sizes: AttackTargetsSizes, issues: TargetIssues): void;
  /** Check the spec against the scenario's protocol (message kinds it names), when the scenario loads. */
  checkProtocol?(spec: SpecOf<T, P>, protocol: ProtocolDefinition, issues: TargetIssues): void;
  /**
   * The replicas it makes faulty, for the fault-model check and the liveness checker. A Byzantine
   * attack's replicas are faulty for the whole run; an installed attack's (a crash) for its window.
   */
  faultyReplicas?(spec: SpecOf<T, P>): readonly ReplicaTarget[];
  /**
   * Its faulty replicas send what the protocol forbids (conflicting proposals, a chosen subset of
   * requests, an outdated certificate), not only less or later than it asks: a Byzantine fault,
   * inside the fault model of a Byzantine-fault-tolerant protocol only. A crash-fault protocol
   * (Raft; Clique as defined here) tolerates replicas that crash, fall silent or lag.
   */
  readonly byzantine?: true;
  /**
   * It breaks the partial-synchrony assumption for its window (asynchrony, a cut that follows the
   * leader): the liveness checker excuses the whole window.
   */
  readonly breaksSynchrony?: boolean;
  /**
   * For an attack that cuts links between replicas for its window: the sets of replicas (by index)
   * that still all reach one another. The protocol runs on one of them; the replicas outside it
   * count as faulty for the window, as omission faults (Castro & Liskov §2; Raft §5 tolerates any
   * message loss), and the liveness checker owes progress while the side that leaves the fewest
   * faulty keeps them within f (src/world/excused-windows.ts).
   */
  connectedSides?(spec: SpecOf<T, P>, replicas: number): readonly (readonly number[])[];
  /**
   * Whether a run split over threads (src/world/threads/) gives the one-thread run's output under
   * `spec`: true where every effect goes through its replicas' code, or through engine and network
   * state that control callbacks set, which every partition and the coordinator run alike. Absent
   * (false) where it follows what it observes (the leader), or records what it does inside hosts
   * that run in other threads; a split run is then refused, naming it.
   */
  splitsOverThreads?(spec: SpecOf<T, P>): boolean;

  /** The Byzantine proxy's mode for each of `faultyReplicas(spec)`. */
  byzantineBehaviour?(spec: SpecOf<T, P>, setup: ByzantineSetup): ByzantineBehaviour;
  /** Schedule network or engine events once the hosts exist. */
  install?(spec: SpecOf<T, P>, ctx: InstallContext): void;
  /** Wrappers and attacker hosts in an IoMT world. */
  readonly device?: DeviceAttackHooks<SpecOf<T, P>>;
  /** The attacker of a proof-of-work run. */
  powAttack?(spec: SpecOf<T, P>): PowAttackSpec;
}

/** Any definition, as a registry holds it. */
export type AnyAttackDefinition = AttackDefinition<string, z.ZodRawShape>;

/**
 * The kinds of world a run builds, as attacks see them: a proof-of-work network run (`consensus.protocol:
 * pow` without `iomt:`, src/runner/models/pow.ts), an IoMT world, or a consensus-only world.
 */
export type AttackWorld = 'pow' | 'iomt' | 'consensus';

export const ATTACK_WORLD_NAMES: Readonly<Record<AttackWorld, string>> = {
  pow: 'a proof-of-work network (consensus.protocol: pow without iomt:)',
  iomt: 'an IoMT world (iomt:)',
  consensus: 'a consensus-only world',
};

/**
 * Whether an attack acts in a world of this kind, from how it acts: each world carries out only
 * some ways. A PoW network run places only an attacker miner; device attacks need an IoMT world's
 * devices, gateways and clinicians; Byzantine replicas and network or engine events need replicas,
 * which every world but the PoW network run has. A scenario naming an attack its world would not
 * carry out is refused when it loads, never run with the attack silently absent.
 */
export function attackActsIn(definition: AnyAttackDefinition, world: AttackWorld): boolean {
  if (definition.powAttack !== undefined) return world === 'pow';
  if (definition.device !== undefined) return world === 'iomt';
  return world !== 'pow';
}

/** The spec type a definition parses to. */
export type SpecOfDefinition<D> = D extends AttackDefinition<infer T, infer P> ? SpecOf<T, P> : never;

/** A definition, typed from its parts. */
export function defineAttack<const T extends string, P extends z.ZodRawShape>(definition: AttackDefinition<T, P>): AttackDefinition<T, P> {
  return definition;
}

const specSchemas = new WeakMap<object, z.ZodObject>();

/** The definition's member of the scenario's `attacks:` union: strict, type first, then the window. */
export function attackSpecSchema<T extends string, P extends z.ZodRawShape>(definition: AttackDefinition<T, P>): SpecSchema<T, P> {
  let schema = specSchemas.get(definition);
  if (schema === undefined) {
    schema = z.object({ type: z.literal(definition.type), ...WINDOW_FIELDS, ...definition.paramsSchema.shape }).strict();
    // What the parameters' schema says of the entry as a whole (params.ts's atLeastOneOf) is said of the spec.
    const entryMeta = z.globalRegistry.get(definition.paramsSchema);
    if (entryMeta !== undefined) schema = schema.meta(entryMeta);
    specSchemas.set(definition, schema);
  }
  return schema as unknown as SpecSchema<T, P>;
}

const ACTIONS = ['byzantineBehaviour', 'install', 'device', 'powAttack'] as const;

const A_FUNCTION = { holds: (v: unknown) => typeof v === 'function', expected: 'a function' };

/**
 * The optional parts, each of the kind it must be when present: a plug-in's `install: 42` would
 * otherwise pass the load and fail every replication.
 */
const OPTIONAL_PARTS: Readonly<Record<string, { readonly holds: (v: unknown) => boolean; readonly expected: string }>> = {
  checkTargets: A_FUNCTION,
  checkProtocol: A_FUNCTION,
  faultyReplicas: A_FUNCTION,
  connectedSides: A_FUNCTION,
  splitsOverThreads: A_FUNCTION,
  byzantineBehaviour: A_FUNCTION,
  install: A_FUNCTION,
  powAttack: A_FUNCTION,
  device: {
    holds: (v) => {
      const hooks = v as { plan?: unknown; checkWorldTargets?: unknown; detectorBaselines?: unknown } | null;
      const optionalFunction = (f: unknown): boolean => f === undefined || typeof f === 'function';
      return hooks !== null && typeof hooks === 'object' && !Array.isArray(hooks) && typeof hooks.plan === 'function' && optionalFunction(hooks.checkWorldTargets) && optionalFunction(hooks.detectorBaselines);
    },
    expected: "an object (the device hooks) with a function 'plan' and, if present, functions 'checkWorldTargets' and 'detectorBaselines'",
  },
  byzantine: { holds: (v) => v === true, expected: 'true' },
  breaksSynchrony: { holds: (v) => typeof v === 'boolean', expected: 'true or false' },
  waitsFor: { holds: (v) => typeof v === 'string', expected: 'a string' },
};

/**
 * What a value lacks to be an attack definition, one line each (empty when it is one): the check
 * an attack from a plug-in module goes through before a scenario may name it.
 */
export function definitionProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return ['an object (the attack definition)'];
  const d = value as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ['type', 'title', 'targets', 'model'] as const) {
    if (typeof d[key] !== 'string' || d[key] === '') out.push(`'${key}': a non-empty string`);
  }
  if (!ATTACK_CATEGORIES.includes(d['category'] as AttackCategory)) out.push(`'category': one of ${ATTACK_CATEGORIES.join(', ')}`);
  const schema = d['paramsSchema'] as { shape?: unknown } | undefined;
  if (schema === undefined || typeof schema.shape !== 'object' || schema.shape === null) out.push("'paramsSchema': a zod object schema");
  else for (const key of ['type', 'start', 'end']) if (key in schema.shape) out.push(`'paramsSchema' without '${key}' (every attack has it already)`);
  if (!Array.isArray(d['outcomes'])) out.push("'outcomes': a list of metric names");
  const actions = ACTIONS.filter((a) => d[a] !== undefined);
  if (actions.length !== 1) out.push(`exactly one of ${ACTIONS.map((a) => `'${a}'`).join(', ')} (found ${actions.length === 0 ? 'none' : actions.join(', ')})`);
  for (const [key, part] of Object.entries(OPTIONAL_PARTS)) {
    if (d[key] !== undefined && !part.holds(d[key])) out.push(`'${key}': ${part.expected} when present (found ${describeFound(d[key])})`);
  }
  return out;
}
