/**
 * `npx tsx bench/scripts/report-render.ts`: renders a hospital-scale results folder (1 h of 1 s
 * windows over 5 replications, 18,000 timeseries rows, 100+ metrics, a dozen figures) 5 times and
 * prints the median wall and CPU time against the 3 s budget (docs/reports.md). The synthetic
 * folder is written once, outside the timing. The suite's report.render_hospital entry
 * (bench/entries/report.ts) renders the same folder.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { writeHospitalScaleFixture } from '../../src/report/fixtures/results-fixture.ts';
import { tempResultsDir } from '../../src/report/fixtures/temp-dir.ts';
import { renderReport } from '../../src/report/index.ts';
import { median } from '../../src/stats/index.ts';

const REPORT_RENDER_BUDGET_MS = 3000;
const RENDERS = 5;

const dir = tempResultsDir('bench');
const samplesMs: number[] = [];
const cpuSamplesMs: number[] = [];
let figures = 0;
try {
  writeHospitalScaleFixture(dir);
  for (let i = 0; i < RENDERS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const written = await renderReport(dir);
    samplesMs.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuSamplesMs.push((cpu.user + cpu.system) / 1000);
    figures = written.figureNames.length;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const medianMs = median(samplesMs);
const verdict = medianMs <= REPORT_RENDER_BUDGET_MS ? 'within' : 'OVER';
console.log(
  `report render (hospital scale, ${figures} figures): median ${medianMs.toFixed(0)} ms of [${samplesMs.map((s) => s.toFixed(0)).join(', ')}] — ${verdict} the ${REPORT_RENDER_BUDGET_MS} ms budget; CPU median ${median(cpuSamplesMs).toFixed(0)} ms`,
);
