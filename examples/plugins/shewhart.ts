/**
 * An example plug-in detector (docs/plugins.md): Shewhart's individuals chart (Shewhart 1931;
 * Montgomery, "Introduction to Statistical Quality Control", §6.4). It learns the in-control mean
 * and standard deviation from its warm-up samples, then alarms when a sample falls more than
 * `limitSigmas` standard deviations from the mean, and clears when one falls back inside.
 * A scenario names it with `iomt: { detectors: [{ module: ./shewhart.ts, scope, feature }] }`.
 */
import { defineDetector, z, type StreamDetector } from '../../src/plugin-api.ts';

interface ShewhartParams {
  readonly limitSigmas: number;
  readonly warmup: number;
}

class ShewhartDetector implements StreamDetector {
  alarmed = false;
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private limit = 0;

  constructor(private readonly params: ShewhartParams) {}

  update(x: number): boolean {
    if (this.n < this.params.warmup) {
      // Welford's online mean and variance over the warm-up.
      this.n++;
      const d = x - this.mean;
      this.mean += d / this.n;
      this.m2 += d * (x - this.mean);
      if (this.n === this.params.warmup) {
        const sd = Math.sqrt(this.m2 / Math.max(1, this.n - 1));
        // A constant warm-up would make every change an alarm: floor the spread at 1 % of the mean.
        this.limit = this.params.limitSigmas * Math.max(sd, Math.abs(this.mean) * 0.01, 1e-9);
      }
      return false;
    }
    const out = Math.abs(x - this.mean) > this.limit;
    const raised = out && !this.alarmed;
    this.alarmed = out;
    return raised;
  }
}

export default defineDetector({
  type: 'shewhart',
  title: 'Shewhart individuals chart (example plug-in)',
  reference: 'W. A. Shewhart 1931; D. C. Montgomery, Introduction to Statistical Quality Control, §6.4',
  paramsSchema: z.object({ limitSigmas: z.number().positive().default(3).describe('control-limit width in σ of the individual samples') }).strict(),
  create: (params) => new ShewhartDetector(params),
});
