import { describe, expect, it } from 'vitest';
import { parseCondition } from '../scenario/index.ts';
import { metricDomain } from '../metrics/domain.ts';
import { judgeReplications, spreadText } from './verdict.ts';

const condition = (text: string) => parseCondition(text)!;
/** A metric whose unit bounds nothing. */
const ANY = metricDomain('any.metric', '');
// Five p99s of consortium.yaml (duration 6 s, warm-up 1 s): mean 181.1, two above 185.
const P99S = [194.7, 168.3, 180.0, 170.8, 191.6];

describe('judgeReplications', () => {
  it('passes on the mean while saying that 2 of 5 replications, and the 95 % interval, break the bound', () => {
    const v = judgeReplications(condition('<= 185'), 'mean', P99S, ANY);
    expect(v).toMatchObject({ rule: 'mean', passed: true, failedReplications: 2, n: 5 });
    expect(v.observed).toBeCloseTo(181.08, 10);
    expect(v.ci95![0]).toBeCloseTo(166.3, 1);
    expect(v.ci95![1]).toBeCloseTo(195.9, 1);
  });

  it("fails on the interval rule where the interval's far end is past the bound, and passes where it is not", () => {
    expect(judgeReplications(condition('<= 185'), 'interval', P99S, ANY).passed).toBe(false);
    expect(judgeReplications(condition('<= 196'), 'interval', P99S, ANY).passed).toBe(true);
    // A lower bound is judged on the low end.
    expect(judgeReplications(condition('>= 167'), 'interval', P99S, ANY).passed).toBe(false);
    expect(judgeReplications(condition('>= 166'), 'interval', P99S, ANY).passed).toBe(true);
  });

  it('fails `> 0` on the every rule where one of 6 seeds saw no violation, which the mean passes', () => {
    const violations = [1, 0, 2, 1, 1, 1];
    expect(judgeReplications(condition('> 0'), 'mean', violations, ANY)).toMatchObject({ passed: true, failedReplications: 1, n: 6 });
    expect(judgeReplications(condition('> 0'), 'every', violations, ANY)).toMatchObject({ passed: false, failedReplications: 1 });
    expect(judgeReplications(condition('> 0'), 'every', [1, 3, 2, 1, 1, 1], ANY).passed).toBe(true);
  });

  it('never passes on a stricter rule what the mean fails: every value differs from 2, their mean does not', () => {
    expect(judgeReplications(condition('!= 2'), 'mean', [1, 3], ANY).passed).toBe(false);
    expect(judgeReplications(condition('!= 2'), 'every', [1, 3], ANY)).toMatchObject({ passed: false, failedReplications: 0 });
  });

  it('fails the interval rule with one replication, which gives no interval, and passes the mean rule on it', () => {
    expect(judgeReplications(condition('<= 185'), 'interval', [170], ANY)).toMatchObject({ passed: false, ci95: null, failedReplications: 0, n: 1 });
    expect(judgeReplications(condition('<= 185'), 'mean', [170], ANY).passed).toBe(true);
  });

  it('gives equal values the interval of their mean alone, not a rounding error wide', () => {
    const v = judgeReplications(condition('<= 600'), 'interval', [561.4, 561.4, 561.4], ANY);
    expect(v.ci95![0]).toBe(v.ci95![1]);
    expect(v.passed).toBe(true);
  });

  it('passes `>= 0.7` on every rule where each replication gave 0.7, whose mean rounds below it unless kept within the values', () => {
    for (const rule of ['mean', 'interval', 'every'] as const) {
      expect(judgeReplications(condition('>= 0.7'), rule, [0.7, 0.7, 0.7], ANY)).toMatchObject({ observed: 0.7, ci95: [0.7, 0.7], failedReplications: 0, passed: true });
    }
  });

  it('counts a replication that left the metric undefined among those that break it, and fails on every rule', () => {
    for (const rule of ['mean', 'interval', 'every'] as const) {
      expect(judgeReplications(condition('<= 250'), rule, [120, NaN, 130], ANY)).toMatchObject({ passed: false, failedReplications: 1, n: 3, undefinedIn: { replications: 1, of: 3 } });
    }
  });

  it('judges the interval clamped to the values the metric can take: a ratio within 1, a count from 0', () => {
    // Five ratios near 1: the raw interval reaches past 1, which no mean of them could.
    const ratios = [1, 0.97, 1, 1, 1];
    const v = judgeReplications(condition('<= 1'), 'interval', ratios, metricDomain('iomt.audit_completeness_ratio', 'ratio'));
    expect(v.ci95![1]).toBe(1);
    expect(v.passed).toBe(true);
    expect(judgeReplications(condition('<= 1'), 'interval', ratios, ANY).passed).toBe(false);
    expect(judgeReplications(condition('<= 2'), 'interval', [0, 0, 0, 1], metricDomain('safety.violations', 'count')).ci95![0]).toBe(0);
  });

  it('fails a metric no replication produced, every replication breaking it', () => {
    expect(judgeReplications(condition('!= 1'), 'mean', [NaN, NaN], ANY)).toEqual({ rule: 'mean', observed: null, ci95: null, failedReplications: 2, n: 2, passed: false });
  });
});

describe('spreadText', () => {
  it('words the interval and the replications that break the condition, or why there is no interval', () => {
    expect(spreadText({ observed: 181.1, failedReplications: 2, n: 5 }, ['166.3', '195.9'])).toBe('95 % CI [166.3, 195.9], 2 of 5 replications break it');
    expect(spreadText({ observed: 170, failedReplications: 0, n: 1 }, null)).toBe('no 95 % CI from 1 replication, 0 of 1 replications break it');
    expect(spreadText({ observed: null, failedReplications: 2, n: 2 }, null)).toBe('2 of 2 replications break it');
    expect(spreadText({ observed: 1 }, null)).toBe('');
  });

  it('says why there is no interval: too few replications defined the metric, or its ends are not finite', () => {
    expect(spreadText({ observed: 170, failedReplications: 3, n: 3, undefinedIn: { replications: 2, of: 3 } }, null)).toBe('no 95 % CI from 1 replication, 3 of 3 replications break it');
    expect(spreadText({ observed: 1e308, failedReplications: 0, n: 2 }, null)).toBe('no finite 95 % CI, 0 of 2 replications break it');
  });
});
