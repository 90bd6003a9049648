import { describe, expect, it } from 'vitest';
import { boundaryProbes, meanAnswerCaveat } from './size-boundary.ts';

const probe = (value: number, passed: boolean) => ({ value, passed });
const values = (ps: readonly { value: number }[]) => ps.map((p) => p.value);

describe('boundaryProbes', () => {
  it('gives the answer and the nearest failing value above it when maximizing, whatever order the search ran them in', () => {
    const probes = [probe(50, true), probe(200, false), probe(149, false), probe(138, true), probe(140, false), probe(139, false)];
    expect(values(boundaryProbes({ goal: 'largest', answer: 138, probes }))).toEqual([138, 139]);
  });

  it('gives the nearest failing value below the answer when minimizing', () => {
    const probes = [probe(2, false), probe(4, false), probe(8, true), probe(6, true), probe(5, false)];
    expect(values(boundaryProbes({ goal: 'smallest', answer: 6, probes }))).toEqual([5, 6]);
  });

  it('gives the failing end the search started from where no value meets the SLOs, and the answer alone where every value does', () => {
    expect(values(boundaryProbes({ goal: 'largest', answer: null, probes: [probe(2, false)] }))).toEqual([2]);
    expect(values(boundaryProbes({ goal: 'smallest', answer: null, probes: [probe(40, false)] }))).toEqual([40]);
    expect(values(boundaryProbes({ goal: 'largest', answer: 40, probes: [probe(2, true), probe(40, true)] }))).toEqual([40]);
  });
});

describe('meanAnswerCaveat', () => {
  const slo = 'consensus.commit_latency_ms.p99 <= 500';
  const at = (ci95: readonly [number, number] | null) => ({ goal: 'largest' as const, answer: 138, rule: 'mean' as const, probes: [{ value: 138, passed: true, slos: [{ slo, ci95 }] }] });

  it('says where the answer met an SLO on its mean while its interval reaches past the bound, or there is none', () => {
    expect(meanAnswerCaveat(at([301.9, 693.3]))).toMatch(/^judged on the mean: at 138 the 95 % CI of consensus\.commit_latency_ms\.p99 reaches past 500, so the true mean there may miss its SLO; --set expectRule=interval/);
    expect(meanAnswerCaveat(at(null))).toContain('at 138 consensus.commit_latency_ms.p99 has no 95 % CI (fewer than 2 replications defined it)');
  });

  it('says nothing where the interval meets the SLO, where a stricter rule judged, or in results that did not record intervals', () => {
    expect(meanAnswerCaveat(at([430, 470]))).toBeUndefined();
    expect(meanAnswerCaveat({ ...at([301.9, 693.3]), rule: 'interval' })).toBeUndefined();
    expect(meanAnswerCaveat({ goal: 'largest', answer: 138, probes: [{ value: 138, passed: true, slos: [{ slo }] }] })).toBeUndefined();
  });
});
