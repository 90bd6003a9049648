/** The tabular CUSUM as a detector kind (Page 1954; Montgomery, "Introduction to SQC", §9.1). */
import { z } from 'zod';
import { CusumDetector, CusumDetectors } from '../detectors.ts';
import type { DetectorDefinition } from './definition.ts';

const paramsSchema = z
  .object({
    k: z.number().nonnegative().default(0.5).describe('CUSUM allowance (slack) k in σ: about half the shift to detect quickly (Montgomery §9.1).'),
    h: z.number().positive().default(8).describe('CUSUM decision interval h in σ: alarm when either one-sided sum exceeds it.'),
  })
  .strict();

export const cusum: DetectorDefinition<'cusum', typeof paramsSchema> = {
  type: 'cusum',
  title: 'Tabular CUSUM',
  reference: 'Page 1954; Montgomery, "Introduction to Statistical Quality Control", §9.1',
  paramsSchema,
  create: (params) => new CusumDetector(params),
  createForSubjects: (params, subjects) => new CusumDetectors(params, subjects),
};
