/**
 * Run validation checks and calibrations one after the other. The wall clock is read only to
 * report how long each took (allowed outside models); every simulated number comes from seeded runs.
 */
import type { Calibration, CalibrationReport, CalibrationResult, CheckReport, CheckResult, ValidationCheck } from './types.ts';

function timed<R>(fn: () => R): { result: R; wallMs: number } {
  const t0 = performance.now();
  const result = fn();
  return { result, wallMs: Math.round(performance.now() - t0) };
}

export function runChecks(checks: readonly ValidationCheck[], onDone?: (r: CheckReport) => void): CheckReport[] {
  const out: CheckReport[] = [];
  for (const c of checks) {
    const { result, wallMs } = timed((): CheckResult => {
      try {
        return c.run();
      } catch (e) {
        return {
          expected: NaN, simulated: NaN, unit: '', basis: { kind: 'property' }, passed: false, samples: 0,
          detail: `the check failed to run: ${(e as Error).message}`,
        };
      }
    });
    const { run: _run, ...identity } = c;
    const report: CheckReport = { ...identity, status: result.passed ? 'pass' : 'fail', result, wallMs };
    out.push(report);
    onDone?.(report);
  }
  return out;
}

/** A calibration that throws is reported with NaN values and the error: it still has no verdict. */
export function runCalibrations(calibrations: readonly Calibration[], onDone?: (r: CalibrationReport) => void): CalibrationReport[] {
  const out: CalibrationReport[] = [];
  for (const c of calibrations) {
    const { result, wallMs } = timed((): CalibrationResult => {
      try {
        return c.run();
      } catch (e) {
        return { published: NaN, simulated: NaN, unit: '', samples: 0, detail: `the calibration failed to run: ${(e as Error).message}` };
      }
    });
    const { run: _run, ...identity } = c;
    const report: CalibrationReport = { ...identity, status: 'calibration', result, wallMs };
    out.push(report);
    onDone?.(report);
  }
  return out;
}
