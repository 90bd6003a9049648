/**
 * The contract of a detector kind: one object per streaming anomaly detector, from which the
 * scenario's `iomt.detectors[]` entries, `iomtsim list detectors`, docs/scenarios.md and the
 * gateways' detector banks are derived.
 */
import { z } from 'zod';
import type { StreamDetector } from '../detectors.ts';

/** What every detector entry says besides its type and its own parameters. */
export const zDetectorCommon = {
  scope: z.enum(['device', 'gateway']).describe("'device': one detector per device at its gateway; 'gateway': one per gateway."),
  feature: z.enum(['interarrival', 'value', 'rate'])
    .describe("Watched feature: per device, reading inter-arrival time (s) or reported value; per gateway, readings/s over `gateway.rateWindow`."),
  warmup: z.number().int().min(2).default(30).describe('Samples used to learn the in-control mean and standard deviation before the detector can alarm.'),
};

/** A detector's own parameters: a strict zod object in which every field has a default and a description. */
export type DetectorParamsSchema = z.ZodObject;

export interface DetectorDefinition<Type extends string = string, S extends DetectorParamsSchema = DetectorParamsSchema> {
  /** The entry's `type`. */
  readonly type: Type;
  readonly title: string;
  /** The paper or textbook section the statistic and its limits follow. */
  readonly reference: string;
  readonly paramsSchema: S;
  /** A fresh detector for one subject; `params` holds its own parameters and the warm-up length. */
  create(params: z.output<S> & { readonly warmup: number }): StreamDetector;
}
