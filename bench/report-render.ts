/**
 * Report rendering at the scale of the hospital scenario: a results folder with 1 h of 1 s windows
 * over 5 replications (18,000 timeseries rows), 100+ metrics and a dozen figures, rendered to
 * report.html, report.md and figures/*.svg|png|vl.json|data.json. Target: at most 3 s (issue 6).
 *
 * `benchReportRender` is importable on its own (median of N renders); `reportRenderEntry` is the
 * suite entry for bench/entries.ts. The synthetic folder is written once, outside the timing.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { writeHospitalScaleFixture } from '../src/report/fixtures/results-fixture.ts';
import { tempResultsDir } from '../src/report/fixtures/temp-dir.ts';
import { renderReport } from '../src/report/index.ts';
import { median } from '../src/stats/index.ts';
import type { BenchEntry } from './registry.ts';

export const REPORT_RENDER_BUDGET_MS = 3000;

export interface ReportRenderBench {
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  /** Process CPU time (all threads) per render: what the render costs when the host is contended. */
  readonly cpuSamplesMs: readonly number[];
  readonly medianCpuMs: number;
  readonly figures: number;
}

export async function benchReportRender(repeats = 5): Promise<ReportRenderBench> {
  const dir = tempResultsDir('bench');
  try {
    writeHospitalScaleFixture(dir);
    const samplesMs: number[] = [];
    const cpuSamplesMs: number[] = [];
    let figures = 0;
    for (let i = 0; i < repeats; i++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const written = await renderReport(dir);
      samplesMs.push(performance.now() - start);
      const cpu = process.cpuUsage(cpuStart);
      cpuSamplesMs.push((cpu.user + cpu.system) / 1000);
      figures = written.figureNames.length;
    }
    return { samplesMs, medianMs: median(samplesMs), cpuSamplesMs, medianCpuMs: median(cpuSamplesMs), figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const reportRenderEntry: BenchEntry = {
  name: 'report.render_hospital',
  description: 'report.html + figures for a hospital-scale results folder (1 h × 1 s windows, 5 reps, 100+ metrics)',
  suites: ['full'],
  async run() {
    const dir = tempResultsDir('bench-entry');
    try {
      writeHospitalScaleFixture(dir);
      await renderReport(dir); // warm-up: module loading and JIT
      const start = performance.now();
      const written = await renderReport(dir);
      const wallMs = performance.now() - start;
      return { wallMs, events: 0, simulatedSeconds: 0, metrics: { 'report.figures': written.figureNames.length } };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** `npx tsx bench/report-render.ts`: prints the median of 5 renders. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchReportRender(5);
  const verdict = result.medianMs <= REPORT_RENDER_BUDGET_MS ? 'within' : 'OVER';
  console.log(
    `report render (hospital scale, ${result.figures} figures): median ${result.medianMs.toFixed(0)} ms of [${result.samplesMs.map((s) => s.toFixed(0)).join(', ')}] — ${verdict} the ${REPORT_RENDER_BUDGET_MS} ms budget; CPU median ${result.medianCpuMs.toFixed(0)} ms`,
  );
}
