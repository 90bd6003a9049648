/**
 * Report rendering at the scale of the hospital scenario: a results folder with 1 h of 1 s windows
 * over 5 replications (18,000 timeseries rows), 100+ metrics and a dozen figures, rendered to
 * report.html, report.md and figures/*. The synthetic folder is written before the timing, and one
 * render warms module loading and the JIT up. bench/scripts/report-render.ts times it on its own.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { writeHospitalScaleFixture } from '../../src/report/fixtures/results-fixture.ts';
import { tempResultsDir } from '../../src/report/fixtures/temp-dir.ts';
import { renderReport } from '../../src/report/index.ts';
import type { BenchEntry } from '../harness/entry.ts';

export const reportRenderEntry: BenchEntry = {
  name: 'report.render_hospital',
  description: 'report.html + figures for a hospital-scale results folder (1 h × 1 s windows, 5 reps, 100+ metrics)',
  suites: ['full'],
  async run() {
    const dir = tempResultsDir('bench-entry');
    try {
      writeHospitalScaleFixture(dir);
      await renderReport(dir);
      const start = performance.now();
      const written = await renderReport(dir);
      const wallMs = performance.now() - start;
      return { wallMs, events: 0, simulatedSeconds: 0, metrics: { 'report.figures': written.figureNames.length } };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
