/** The EWMA control chart as a detector kind (Roberts 1959; limits of Lucas & Saccucci 1990). */
import { z } from 'zod';
import { EwmaDetector } from '../detectors.ts';
import type { DetectorDefinition } from './definition.ts';

const paramsSchema = z
  .object({
    lambda: z.number().gt(0).max(1).default(0.2).describe('EWMA smoothing weight λ of the newest sample.'),
    limitSigmas: z.number().positive().default(4).describe('EWMA control-limit width L in σ: alarm when |z − μ| > L·σ·√(λ/(2−λ)).'),
  })
  .strict();

export const ewma: DetectorDefinition<'ewma', typeof paramsSchema> = {
  type: 'ewma',
  title: 'EWMA chart',
  reference: 'Roberts 1959; control limits of Lucas & Saccucci 1990',
  paramsSchema,
  create: (params) => new EwmaDetector(params),
};
