/**
 * The contract of a detector kind: one object per streaming anomaly detector, from which the
 * scenario's `iomt.detectors[]` entries, `iomtsim list detectors`, docs/scenarios.md and the
 * gateways' detector banks are derived.
 */
import { z } from 'zod';
import type { StreamDetector, SubjectDetectors } from '../detectors.ts';

/**
 * The features a gateway feeds the detectors of each scope (src/iomt/gateway.ts): a device's
 * detectors see each of its readings' inter-arrival time and value, the gateway's own its rate of
 * readings. A detector of another pairing would never be fed, and would report a detection rate of
 * 0 as if it had watched, so the entry refuses it.
 */
export const FEATURES_BY_SCOPE = {
  device: ['interarrival', 'value'],
  gateway: ['rate'],
} as const;

export type DetectorScope = keyof typeof FEATURES_BY_SCOPE;
export type DetectorFeature = (typeof FEATURES_BY_SCOPE)[DetectorScope][number];

const SCOPES = Object.keys(FEATURES_BY_SCOPE) as [DetectorScope, ...DetectorScope[]];
const FEATURES = Object.values(FEATURES_BY_SCOPE).flat() as [DetectorFeature, ...DetectorFeature[]];

/** What every detector entry says besides its type and its own parameters. */
export const zDetectorCommon = {
  scope: z.enum(SCOPES).describe("'device': one detector per device at its gateway; 'gateway': one per gateway."),
  feature: z.enum(FEATURES)
    .describe("Watched feature, one its scope is fed: per device, 'interarrival' (reading inter-arrival time, s) or 'value' (reported value); per gateway, 'rate' (readings/s over `gateway.rateWindow`)."),
  warmup: z.number().int().min(2).default(30).describe('Samples used to learn the in-control mean and standard deviation before the detector can alarm.'),
};

/** An issue unless `feature` is one the gateway feeds detectors of `scope` (FEATURES_BY_SCOPE). */
export function checkScopeFeature(entry: { readonly scope: DetectorScope; readonly feature: DetectorFeature }, ctx: z.RefinementCtx): void {
  const offered: readonly DetectorFeature[] = FEATURES_BY_SCOPE[entry.scope];
  if (offered.includes(entry.feature)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['feature'],
    message: `expected a feature that ${entry.scope}-scope detectors are fed, ${offered.map((f) => `'${f}'`).join(' or ')} (nothing feeds them another), found '${entry.feature}'`,
  });
}

/** A detector's own parameters: a strict zod object in which every field has a default and a description. */
export type DetectorParamsSchema = z.ZodObject;

/** A definition, typed from its parts (for plug-in modules; in-tree kinds annotate their constant). */
export function defineDetector<const Type extends string, S extends DetectorParamsSchema>(definition: DetectorDefinition<Type, S>): DetectorDefinition<Type, S> {
  return definition;
}

export interface DetectorDefinition<Type extends string = string, S extends DetectorParamsSchema = DetectorParamsSchema> {
  /** The entry's `type`. */
  readonly type: Type;
  readonly title: string;
  /** The paper or textbook section the statistic and its limits follow. */
  readonly reference: string;
  readonly paramsSchema: S;
  /** A fresh detector for one subject; `params` holds its own parameters and the warm-up length. */
  create(params: z.output<S> & { readonly warmup: number }): StreamDetector;
  /**
   * Optional: the detectors of `subjects` subjects at once, each behaving as `create` would make
   * it (a gateway's device detectors, state side by side); without it, one `create` per subject.
   */
  createForSubjects?(params: z.output<S> & { readonly warmup: number }, subjects: number): SubjectDetectors;
}

/**
 * What a value lacks to be a detector definition, one line each (empty when it is one): the check
 * a detector from a plug-in module goes through before a scenario may name it.
 */
export function detectorContractProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return ['expected a detector definition object'];
  const d = value as Record<string, unknown>;
  const out: string[] = [];
  // One '-' at a time and none at the end: the metric names write '-' as '_' (detect.<type>_<feature>),
  // so 'my--chart' or 'cusum-' would write another type's metrics under a name of their own.
  if (typeof d['type'] !== 'string' || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(d['type'])) out.push("type: expected lower-case letters and digits, starting with a letter, in words joined by single '-'");
  for (const key of ['title', 'reference'] as const) if (typeof d[key] !== 'string' || d[key] === '') out.push(`${key}: expected a non-empty string`);
  const schema = d['paramsSchema'] as { shape?: unknown; safeParse?: (v: unknown) => { success: boolean } } | undefined;
  if (schema === undefined || typeof schema.shape !== 'object' || schema.shape === null || typeof schema.safeParse !== 'function') {
    out.push('paramsSchema: expected a zod object (z.object({ ... }))');
  } else {
    for (const key of ['type', ...Object.keys(zDetectorCommon)]) if (key in schema.shape) out.push(`paramsSchema: expected no '${key}' field (every detector entry has it already)`);
    if (!schema.safeParse({}).success) out.push('paramsSchema: expected a default for every parameter (parsing {} fails)');
  }
  if (typeof d['create'] !== 'function') out.push('create: expected a function (params) => detector with update(x) returning whether it alarms');
  if (d['createForSubjects'] !== undefined && typeof d['createForSubjects'] !== 'function') out.push('createForSubjects: expected a function (params, subjects) => detectors when present');
  return out;
}
