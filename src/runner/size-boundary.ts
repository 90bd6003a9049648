/**
 * What a size search's answer rests on: the probes either side of the boundary it found, the
 * answer's and the nearest one past it that failed. Their SLO verdicts carry each mean's 95 %
 * interval and how many replications broke the SLO (verdict.ts), so the answer reads with its
 * uncertainty: judged on means of a few noisy replications, another set of seeds may answer a few
 * values either side, and a probe whose interval reaches past an SLO's bound meets it on its mean
 * alone. One wording for the terminal (src/cli/print.ts) and the reports (src/report/model/size.ts).
 */
import { holdsThroughout, parseSlo, type ExpectRule } from '../scenario/index.ts';

interface BoundaryProbe {
  readonly value: number;
  readonly passed: boolean;
}

interface SearchedProbes<P extends BoundaryProbe> {
  readonly goal: 'largest' | 'smallest';
  readonly answer: number | null;
  readonly probes: readonly P[];
}

/**
 * The probe at the answer, then the failing one nearest past it (above it maximizing, below it
 * minimizing; without an answer, the failing one nearest the end the search started from), either
 * left out where there is none, in order of value.
 */
export function boundaryProbes<P extends BoundaryProbe>(size: SearchedProbes<P>): P[] {
  const maximizing = size.goal === 'largest';
  const atAnswer = size.probes.find((p) => p.passed && p.value === size.answer);
  const past = size.probes.filter((p) => !p.passed && (size.answer === null || (maximizing ? p.value > size.answer : p.value < size.answer)));
  const nearest = past.reduce<P | undefined>((best, p) => (best === undefined || (maximizing ? p.value < best.value : p.value > best.value) ? p : best), undefined);
  return [atAnswer, nearest].filter((p): p is P => p !== undefined).sort((a, b) => a.value - b.value);
}

interface JudgedSlo {
  readonly slo: string;
  readonly ci95?: readonly [number, number] | null | undefined;
}

/**
 * Where the answer was judged on means and the interval at it reaches past an SLO's bound (or there
 * is none), what that means and how to ask for more: "judged on the mean: at 138 the 95 % CI of
 * consensus.commit_latency_ms.p99 reaches past 500, so the true mean there may miss its SLO; --set
 * expectRule=interval finds the value whose whole CI meets every SLO, a more conservative answer".
 * Undefined where a stricter rule judged the answer, or its intervals meet every SLO.
 */
export function meanAnswerCaveat(size: SearchedProbes<BoundaryProbe & { readonly slos: readonly JudgedSlo[] }> & { readonly rule?: ExpectRule | undefined }): string | undefined {
  if (size.rule !== undefined && size.rule !== 'mean') return undefined;
  const atAnswer = size.probes.find((p) => p.passed && p.value === size.answer);
  if (atAnswer === undefined) return undefined;
  const unsure = atAnswer.slos.flatMap((v) => {
    const slo = parseSlo(v.slo);
    if (slo === undefined || v.ci95 === undefined) return [];
    if (v.ci95 === null) return [`${slo.metric} has no 95 % CI (fewer than 2 replications defined it)`];
    return holdsThroughout(slo.condition, v.ci95[0], v.ci95[1]) ? [] : [`the 95 % CI of ${slo.metric} reaches past ${slo.condition.value}`];
  });
  if (unsure.length === 0) return undefined;
  return `judged on the mean: at ${atAnswer.value} ${unsure.join(' and ')}, so the true mean there may miss its SLO; --set expectRule=interval finds the value whose whole CI meets every SLO, a more conservative answer`;
}
