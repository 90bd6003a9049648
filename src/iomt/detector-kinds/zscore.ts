/** A z-score test against the warm-up statistics as a detector kind. */
import { z } from 'zod';
import { ZScoreDetector } from '../detectors.ts';
import type { DetectorDefinition } from './definition.ts';

const paramsSchema = z
  .object({
    threshold: z.number().positive().default(5).describe('z-score alarm limit: |x − μ|/σ against the warm-up mean and standard deviation.'),
  })
  .strict();

export const zscore: DetectorDefinition<'zscore', typeof paramsSchema> = {
  type: 'zscore',
  title: 'z-score against the warm-up mean and standard deviation',
  reference: 'running statistics of Welford 1962',
  paramsSchema,
  create: (params) => new ZScoreDetector(params),
};
