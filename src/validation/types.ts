/**
 * A validation check: a published or analytical result, the simulation that should reproduce it,
 * and a tolerance that comes from the estimate's own standard error (or is exact for a deterministic
 * closed form). Never a tolerance picked to pass.
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
  /** |simulated − expected| ≤ k standard errors of the simulated estimate. */
  | { readonly kind: 'standard-error'; readonly k: number; readonly standardError: number }
  /** A deterministic closed form: equal up to floating-point rounding. */
  | { readonly kind: 'exact'; readonly absolute: number }
  /** Published measurement: same order of magnitude, |log10(simulated / expected)| ≤ decades. */
  | { readonly kind: 'order-of-magnitude'; readonly decades: number }
  /** A property (a trend, an inequality) that holds or not; `tolerance` is not numeric. */
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
  readonly result: CheckResult;
  readonly wallMs: number;
}
