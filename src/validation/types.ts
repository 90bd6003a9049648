/**
 * What `iomtsim validate` reports, in two kinds that are never mixed:
 *
 * - a **check**: a published or analytical result, the simulation that should reproduce it, and a
 *   tolerance fixed before the result was seen (from the estimate's own standard error, exact for a
 *   deterministic closed form, or a stated factor for a measurement of a real network). It passes
 *   or fails by that rule, applied as stated.
 * - a **calibration**: a model input that was fitted to a published figure, reported with the
 *   figure it was fitted to and what the fitted model then gives. Agreement with a figure the
 *   model was fitted to is not evidence, so a calibration has no verdict and is never counted as
 *   passed; the exit code ignores it.
 */

export interface ValidationCheck {
  /** Stable id, e.g. 'queueing.bulk-wait.l0.5-m0.1-b10'. */
  readonly id: string;
  /** Family shown as a section of the report: 'queueing', 'selfish-mining', ... */
  readonly group: string;
  /** What is compared, in words. */
  readonly title: string;
  /** Paper (and section) or formula the expected value comes from. */
  readonly reference: string;
  /** Part of the `--quick` subset run in CI. */
  readonly quick: boolean;
  run(): CheckResult;
}

export type ToleranceBasis =
  /** |simulated − expected| ≤ k standard errors. */
  | { readonly kind: 'standard-error'; readonly k: number; readonly standardError: number }
  /** A one-sided trend: simulated − expected > k standard errors. */
  | { readonly kind: 'exceeds'; readonly k: number; readonly standardError: number }
  /**
   * Met up to a stated fraction: |simulated / expected − 1| ≤ fraction (closed forms whose
   * measurement window cuts a bounded amount; the SimBlock agreement at its pre-stated 10 %).
   */
  | { readonly kind: 'relative'; readonly fraction: number }
  /** A deterministic closed form: equal up to floating-point rounding. */
  | { readonly kind: 'exact'; readonly absolute: number }
  /**
   * A measurement of a real network: the whole 95 % interval of the simulated value lies within
   * a factor 10^decades of the published value (the estimate is within the factor with 95 %
   * confidence, not only its point value).
   */
  | { readonly kind: 'order-of-magnitude'; readonly decades: number }
  /** A property that holds or not; `tolerance` is not numeric. */
  | { readonly kind: 'property' };

export interface CheckResult {
  readonly expected: number;
  readonly simulated: number;
  readonly unit: string;
  /** 95 % confidence interval of the simulated value, when it is an estimate. */
  readonly ci95?: readonly [number, number];
  readonly basis: ToleranceBasis;
  readonly passed: boolean;
  /** Samples behind the estimate (replications, trials, blocks). */
  readonly samples: number;
  /** Values shown beside the expected one (e.g. Nakamoto's approximation). */
  readonly alongside?: Readonly<Record<string, number>>;
  readonly detail: string;
}

/** A check's outcome with its identity, as printed and written to the report. */
export interface CheckReport extends Omit<ValidationCheck, 'run'> {
  readonly status: 'pass' | 'fail';
  readonly result: CheckResult;
  readonly wallMs: number;
}

export interface Calibration {
  /** Stable id, e.g. 'calibration.bitcoin-2013.slope'. */
  readonly id: string;
  readonly group: string;
  readonly title: string;
  /** The published figure the input was fitted to (paper and section). */
  readonly reference: string;
  /** Which input was fitted, its value, and to what it was fitted. */
  readonly calibrated: string;
  run(): CalibrationResult;
}

export interface CalibrationResult {
  /** The published figure. */
  readonly published: number;
  /** What the calibrated model gives. */
  readonly simulated: number;
  readonly unit: string;
  readonly ci95?: readonly [number, number];
  readonly samples: number;
  readonly alongside?: Readonly<Record<string, number>>;
  readonly detail: string;
}

/** A calibration as printed and written to the report: never a pass, never a failure. */
export interface CalibrationReport extends Omit<Calibration, 'run'> {
  readonly status: 'calibration';
  readonly result: CalibrationResult;
  readonly wallMs: number;
}

/** One run of `iomtsim validate`, as written to validation.json: calibrations apart from the checks. */
export interface ValidationResults {
  readonly quick: boolean;
  /** What was added to the stochastic checks' seeds (0: the shipped seeds). */
  readonly seedOffset: number;
  /** Checks passed and failed; calibrations reported (never counted as either). */
  readonly summary: { readonly passed: number; readonly failed: number; readonly calibrations: number };
  readonly checks: readonly CheckReport[];
  readonly calibrations: readonly CalibrationReport[];
}
