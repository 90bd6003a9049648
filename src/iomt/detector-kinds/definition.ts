/**
 * The contract of a detector kind: one object per streaming anomaly detector, from which the
 * scenario's `iomt.detectors[]` entries, `iomtsim list detectors`, docs/scenarios.md and the
 * gateways' detector banks are derived.
 */
import { z } from 'zod';
import type { StreamDetector, SubjectDetectors } from '../detectors.ts';

/** What every detector entry says besides its type and its own parameters. */
export const zDetectorCommon = {
  scope: z.enum(['device', 'gateway']).describe("'device': one detector per device at its gateway; 'gateway': one per gateway."),
  feature: z.enum(['interarrival', 'value', 'rate'])
    .describe("Watched feature: per device, reading inter-arrival time (s) or reported value; per gateway, readings/s over `gateway.rateWindow`."),
  warmup: z.number().int().min(2).default(30).describe('Samples used to learn the in-control mean and standard deviation before the detector can alarm.'),
};

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
  if (typeof d['type'] !== 'string' || !/^[a-z][a-z0-9-]*$/.test(d['type'])) out.push("type: expected lower-case letters, digits and '-', starting with a letter");
  for (const key of ['title', 'reference'] as const) if (typeof d[key] !== 'string' || d[key] === '') out.push(`${key}: expected a non-empty string`);
  const schema = d['paramsSchema'] as { shape?: unknown; safeParse?: (v: unknown) => { success: boolean } } | undefined;
  if (schema === undefined || typeof schema.shape !== 'object' || schema.shape === null || typeof schema.safeParse !== 'function') {
    out.push('paramsSchema: expected a zod object (z.object({ ... }))');
  } else {
    for (const key of ['type', ...Object.keys(zDetectorCommon)]) if (key in schema.shape) out.push(`paramsSchema: expected no '${key}' field (every detector entry has it already)`);
    if (!schema.safeParse({}).success) out.push('paramsSchema: expected a default for every parameter (parsing {} fails)');
  }
  if (typeof d['create'] !== 'function') out.push('create: expected a function (params) => detector with update(x) returning whether it alarms');
  return out;
}
