/**
 * Statistics for replications and timings, one definition each: descriptive (mean, variance, sd),
 * Student's t, the confidence interval of a mean, sample quantiles, the exact permutation tests of
 * paired and of independent samples by enumeration, Welch's and the paired t-test (the exact
 * permutation p where the samples have no spread) and the intervals they invert, with Holm's correction, the
 * Mann–Whitney U test, the normal CDF, and the exact (Clopper–Pearson) interval of a binomial
 * proportion. Runner, report, validation, attack outcomes and bench all take theirs from here.
 */
export { mean, sampleSd, sampleVariance, sum } from './descriptive.ts';
export { incompleteBeta, logGamma, studentTCdf, studentTQuantile } from './student-t.ts';
export { meanInterval, tHalfWidth, type MeanInterval } from './confidence.ts';
export { median, quantileInterpolated } from './quantiles.ts';
export { welchDifferenceInterval, welchTTest, type WelchResult } from './welch.ts';
export { allAgree, binomialCoefficient, pairsAgree, type NoSpreadResult } from './no-spread.ts';
export { pairedDifferenceInterval, pairedTTest, type PairedTResult } from './paired-t.ts';
export { MAX_RELABELLINGS, MAX_SIGN_FLIP_PAIRS, relabellingFloor, relabellingTest, signFlipFloor, signFlipTest, type PermutationResult } from './permutation.ts';
export { holmAdjust } from './holm.ts';
export { mannWhitneyGreater, type RankTest } from './mann-whitney.ts';
export { normalCdf } from './normal.ts';
export { clopperPearson, type BinomialInterval } from './binomial-interval.ts';
export { pairedRatioInterval, welchRatioInterval } from './fieller.ts';
