/** The detector-kind registry, one line per kind, and the scenario's detector entry derived from it. */
import { z } from 'zod';
import { cusum } from './cusum.ts';
import { zDetectorCommon, type DetectorDefinition } from './definition.ts';
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
  return z.object({ type: z.literal(d.type).describe(typeMeaning), ...zDetectorCommon, ...d.paramsSchema.shape }).strict();
}

/** One entry of the scenario's `iomt.detectors` list: `{ type, scope, feature, warmup, ...the kind's own parameters }`. */
export const zDetectorSpec = z.discriminatedUnion('type', DETECTOR_KINDS.map(entrySchema) as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<DetectorSpec, unknown>;

const BY_TYPE = new Map<string, DetectorDefinition>(DETECTOR_KINDS.map((d) => [d.type, d]));

/** The definition of a registered detector type. */
export function detectorKind(type: string): DetectorDefinition {
  const d = BY_TYPE.get(type);
  if (d === undefined) throw new RangeError(`detector type: expected one of ${[...BY_TYPE.keys()].join(', ')}, found '${type}'`);
  return d;
}
