import { describe, expect, it } from 'vitest';
import { formatJudged, formatJudgedEnds, formatJudgedPercent, formatMeanCi, formatNumber, formatPValue, meanCiNote } from './format.ts';

describe('formatMeanCi', () => {
  it("clamps the interval to the metric's domain", () => {
    expect(formatMeanCi('consensus.commit_latency_ms.p99', { unit: 'ms', mean: 706, ci95: [-1011, 2423], n: 2 })).toBe('706 [0, 2,423]');
    expect(formatMeanCi('iomt.alert_within_target_ratio', { unit: 'ratio', mean: 0.97, ci95: [0.9, 1.04], n: 2 })).toBe('0.97 [0.9, 1]');
  });

  it('marks the value of a single replication n=1, and the table note says there is no interval', () => {
    expect(formatMeanCi('consensus.throughput_tps', { unit: 'tx/s', mean: 99.5, ci95: [99.5, 99.5], n: 1 }, { unitText: ' tx/s' })).toBe('99.5 tx/s (n=1)');
    expect(meanCiNote([{ point: { n: 1 } }])).toContain('no confidence interval at n = 1');
    expect(meanCiNote([{ point: { n: 1 } }, { point: { n: 3 } }])).toContain('95 % confidence interval');
  });

  it('says there is no spread, and over how many, where every replication gave the same value', () => {
    const alike = { unit: 'ms', mean: 5018, ci95: [5018, 5018] as const, n: 3, sd: 0, min: 5018, max: 5018 };
    expect(formatMeanCi('consensus.commit_latency_ms.p50', alike, { unitText: ' ms', replications: 3 })).toBe('5,018 ms (no spread over n=3)');
    // Three equal values whose mean and interval come out a rounding error off: still no spread.
    const rounded = { unit: 'ms', mean: 561.4000000000001, ci95: [561.3999999999998, 561.4000000000003] as const, n: 3, sd: 1e-13, min: 561.4, max: 561.4 };
    expect(formatMeanCi('consensus.commit_latency_ms.p50', rounded)).toBe('561.4 (no spread over n=3)');
    expect(meanCiNote([{ point: { n: 3 } }])).toContain('"no spread over n=3" where every replication gave the same value');
  });

  it("prints a narrow interval's ends with the digits that tell them apart", () => {
    const narrow = { unit: 'ms', mean: 561.41, ci95: [561.39, 561.43] as const, n: 3, sd: 0.008, min: 561.4, max: 561.42 };
    expect(formatMeanCi('consensus.commit_latency_ms.p50', narrow)).toBe('561.4 [561.39, 561.43]');
  });

  it('says when a metric has values from fewer replications than its configuration ran, and nothing when it has them all or none', () => {
    const p50 = (n: number, mean: number | null = 687.7) => ({ unit: 'ms', mean, ci95: [0, 6460] as [number, number], n, sd: 642.5, min: 233, max: 1142 });
    expect(formatMeanCi('consensus.commit_latency_ms.p50', p50(2), { unitText: ' ms', replications: 3 })).toBe('687.7 [0, 6,460] ms (n=2 of 3)');
    expect(formatMeanCi('consensus.commit_latency_ms.p50', p50(1), { replications: 3 })).toBe('687.7 (n=1 of 3)');
    expect(formatMeanCi('consensus.commit_latency_ms.p50', p50(3), { replications: 3 })).toBe('687.7 [0, 6,460]');
    expect(formatMeanCi('consensus.commit_latency_ms.p50', p50(0, null), { replications: 3 })).toBe('—');
  });
});

describe('formatJudged', () => {
  it('prints a value on the side of its bound it lies on, with the digits that takes', () => {
    expect(formatJudged(100.166445, 100.17)).toBe('100.166');
    expect(formatJudged(231.25, 231.3)).toBe('231.25');
    expect(formatJudged(1_000_000.4, 1_000_000)).toBe('1,000,000.4');
  });

  it('prints four significant digits where they already fall on the right side, and the bound itself where the value equals it', () => {
    expect(formatJudged(3017.44, 1)).toBe('3,017');
    expect(formatJudged(231.3, 231.3)).toBe('231.3');
    expect(formatJudged(0, 0)).toBe('0');
  });
});

describe('formatJudgedEnds', () => {
  it('prints the low end of an interval below a lower bound below it, not rounded onto it', () => {
    // `>= 90` under expectRule interval fails on a low end of 89.996, which four digits print as 90.
    expect(formatJudgedEnds([89.996, 95], 90)).toEqual(['89.996', '95']);
  });

  it('prints the ends of a narrow interval apart, with the digits that takes', () => {
    expect(formatJudgedEnds([561.39, 561.43], 600)).toEqual(['561.39', '561.43']);
  });
});

describe('formatJudgedPercent', () => {
  it('prints a ratio in per cent on its side of each bound, moving the decimal point of its own text', () => {
    expect(formatJudgedPercent(0.923388, [0.92339])).toBe('92.3388');
    expect(formatJudgedPercent(0.92339, [0.92339])).toBe('92.339');
    expect(formatJudgedPercent(0.09999999999999999, [0.1])).toBe('9.999999999999999');
    expect(formatJudgedPercent(0.35000000000000003, [0.35])).toBe('35.000000000000003');
    expect(formatJudgedPercent(0.05, [0.5])).toBe('5');
    expect(formatJudgedPercent(1.5, [1])).toBe('150');
  });
});

describe('formatJudgedPercent of a negative ratio', () => {
  it('keeps the minus sign of a negative ratio when it moves the decimal point', () => {
    expect(formatJudgedPercent(-0.25, [0])).toBe('-25');
    expect(formatJudgedPercent(-0.0125, [0])).toBe('-1.25');
  });
});

describe('formatNumber and formatPValue', () => {
  it('prints infinities with their sign', () => {
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });

  it('prints a p to three decimals, and below 0.001 as "< 0.001" only there', () => {
    expect(formatPValue(0.0234)).toBe('0.023');
    expect(formatPValue(0.005)).toBe('0.005');
    expect(formatPValue(0.0009)).toBe('< 0.001');
  });
});

describe('meanCiNote', () => {
  it('says the numbers carry an interval where a configuration has exactly two replications', () => {
    expect(meanCiNote([{ point: { n: 2 } }])).toContain('Student-t 95 % confidence interval');
  });
});
