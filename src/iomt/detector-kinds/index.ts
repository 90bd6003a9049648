/** The detector-kind registry, one line per kind, and the scenario's detector entry derived from it. */
import { z } from 'zod';
import { cusum } from './cusum.ts';
import { checkScopeFeature, zDetectorCommon, type DetectorDefinition } from './definition.ts';
import { ewma } from './ewma.ts';
import { zscore } from './zscore.ts';

export const DETECTOR_KINDS = [ewma, cusum, zscore] as const;

type Kinds = typeof DETECTOR_KINDS;
type CommonFields = z.output<z.ZodObject<typeof zDetectorCommon>>;

/** One entry of the scenario's `iomt.detectors` list, as parsed. */
type SpecOf<D> = D extends DetectorDefinition<infer T, infer S> ? { readonly type: T } & Readonly<CommonFields> & Readonly<z.output<S>> : never;
export type DetectorSpec = SpecOf<Kinds[number]>;

const typeMeaning = `Detector: ${DETECTOR_KINDS.map((d) => `'${d.type}', ${d.title} (${d.reference})`).join('; ')}.`;

function entrySchema(d: DetectorDefinition): z.ZodObject {
  return z.object({ type: z.literal(d.type).describe(typeMeaning), ...zDetectorCommon, ...d.paramsSchema.shape }).strict().superRefine(checkScopeFeature);
}

/** The scenario's detector entry for the detector kinds of `kinds` (the registry, plus plug-ins). */
export function detectorSpecSchema(kinds: readonly DetectorDefinition[]): z.ZodType<DetectorSpec, unknown> {
  return z.discriminatedUnion('type', kinds.map(entrySchema) as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<DetectorSpec, unknown>;
}

/** One entry of the scenario's `iomt.detectors` list: `{ type, scope, feature, warmup, ...the kind's own parameters }`. */
export const zDetectorSpec = detectorSpecSchema(DETECTOR_KINDS);

/** The definition of detector type `type` among `kinds` (the registry by default). */
export function detectorKind(type: string, kinds: readonly DetectorDefinition[] = DETECTOR_KINDS): DetectorDefinition {
  const d = kinds.find((k) => k.type === type);
  if (d === undefined) throw new RangeError(`detector type: expected one of ${kinds.map((k) => k.type).join(', ')}, found '${type}'`);
  return d;
}
