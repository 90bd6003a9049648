/**
 * Runs one entry `untimedRuns` times unmeasured, then `runs` times measured, in a fresh process so
 * its peak memory is its own, each measured run preceded by the calibration loop; with more than
 * one thread, its replication split over them, or says why it cannot split and runs nothing. Usage
 * (by the parent only, run-entry.ts):
 * node [--import <the TypeScript loader>] <this file or its compiled entry> <entry> <runs> <threads> <untimedRuns>
 */
import { ENTRY_LOADERS } from '../entries/index.ts';
import { cpuMsSince, runCalibration } from './calibrate.ts';
import type { ChildMessage } from './child-protocol.ts';
import type { BenchRunResult } from './entry.ts';
import { jsonSafeMetrics } from './golden.ts';
import { loadEntry } from './registry.ts';

function send(msg: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    process.send!(msg, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

async function main(): Promise<void> {
  const [name, runsText, threadsText, untimedText] = process.argv.slice(2);
  const entry = await loadEntry(ENTRY_LOADERS, name ?? '');
  const runs = Number(runsText);
  const threads = Number(threadsText ?? '1');
  const untimedRuns = Number(untimedText ?? '0');
  let runOnce = (): BenchRunResult | Promise<BenchRunResult> => entry.run();
  if (threads > 1) {
    const split = entry.split?.(threads) ?? { problem: 'not one replication of a scenario, so nothing to split over threads' };
    if ('problem' in split) {
      await send({ kind: 'skipped', reason: split.problem });
      return;
    }
    runOnce = split.run;
  }
  // Warm the calibration loop up: its first calls run before the JIT has finished with it.
  for (let i = 0; i < 3; i++) runCalibration();
  // The entry's own code too, before it is measured (run-entry.ts says how many runs and why).
  // Their results are sent all the same: a user's process runs cold, so the first run is the one the
  // golden results and the determinism check must hold, not only the warm runs after it.
  for (let i = 0; i < untimedRuns; i++) await send({ kind: 'unmeasured', metrics: jsonSafeMetrics((await runOnce()).metrics) });
  for (let i = 0; i < runs; i++) {
    const calibration = runCalibration();
    const cpuStart = process.cpuUsage();
    const r = await runOnce();
    const cpuMs = cpuMsSince(cpuStart);
    const sample = {
      wallMs: r.wallMs,
      cpuMs,
      calibrationMs: calibration.wallMs,
      calibrationCpuMs: calibration.cpuMs,
      events: r.events,
      simulatedSeconds: r.simulatedSeconds,
    };
    await send({ kind: 'run', sample, metrics: jsonSafeMetrics(r.metrics), calibrationChecksum: calibration.checksum });
  }
  // maxRSS is in kilobytes (getrusage).
  await send({ kind: 'done', peakRssBytes: process.resourceUsage().maxRSS * 1024 });
}

main().then(
  () => process.disconnect?.(),
  async (err: unknown) => {
    await send({ kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exitCode = 1;
    process.disconnect?.();
  },
);
