/**
 * Run validation checks one after the other. The wall clock is read only to report how long each
 * check took (allowed outside models); every simulated number comes from seeded runs.
 */
import type { CheckReport, CheckResult, ValidationCheck } from './types.ts';

export function runChecks(checks: readonly ValidationCheck[], onDone?: (r: CheckReport) => void): CheckReport[] {
  const out: CheckReport[] = [];
  for (const c of checks) {
    const t0 = performance.now();
    let result: CheckResult;
    try {
      result = c.run();
    } catch (e) {
      result = {
        expected: NaN, simulated: NaN, unit: '', basis: { kind: 'property' }, passed: false, samples: 0,
        detail: `the check failed to run: ${(e as Error).message}`,
      };
    }
    const { run: _run, ...identity } = c;
    const report: CheckReport = { ...identity, result, wallMs: Math.round(performance.now() - t0) };
    out.push(report);
    onDone?.(report);
  }
  return out;
}
