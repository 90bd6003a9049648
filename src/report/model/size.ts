/**
 * The top of a size search's report (`iomtsim size`): what was searched, the answer (or that no
 * value meets every SLO), the SLOs, and each probe in order of value with its verdict and what each
 * SLO's metric came to. The runner decided all of it (summary.json `size`, docs/results.md); this
 * only words it, as the terminal does (src/cli/print.ts formatSize).
 */
import type { RunStatus, SizeProbe, SizeSloVerdict, SizeSummary, SummaryPoint } from '../results/types.ts';
import { formatNumber, formatObserved } from './format.ts';
import { verdictCells } from './verdict.ts';
import { parseSlo } from '../../scenario/conditions.ts';
import { stoppedEarlyText } from '../../runner/size-early-stop.ts';
import { boundaryProbes, meanAnswerCaveat } from '../../runner/size-boundary.ts';
import { ruleText } from '../../runner/verdict.ts';

export interface SizeProbeRow {
  readonly value: number;
  /** Replications the probe ran to their end (its point's n). */
  readonly n: number;
  readonly passed: boolean;
  /** "meets", "meets: the answer", "misses", "misses (stopped early: replication 2 at 5.2 s)", "misses (stopped early: replication 1 left iomt.alert_latency_ms.p99 undefined)". */
  readonly verdict: string;
  /** Per SLO, in the order of `slos`: "497.6 ok, 95 % CI [301.9, 693.3], 2 of 3 break it", "≥ 81.02 FAIL", "not decided", "not produced FAIL". */
  readonly slos: readonly string[];
}

export interface SizeView {
  /** "largest workload.rateTps in [100, 20000] meeting every SLO" */
  readonly search: string;
  readonly key: string;
  readonly found: boolean;
  /** "workload.rateTps = 8577 (8577 meets every SLO and 8578 does not)", "none (no value in … meets every SLO: 100 already fails)". */
  readonly answer: string;
  readonly slos: readonly string[];
  /**
   * What the answer rests on: each SLO at the answer and at the nearest value past it that failed
   * ("at 138: 497.6 ok, 95 % CI [301.9, 693.3], 2 of 3 break it"), and where the mean met an SLO
   * its interval did not, what that means.
   */
  readonly evidence: readonly string[];
  /** How to read the probes, for the page and report.md alike. */
  readonly note: string;
  /** Ordered by value, whatever order the search ran them in. */
  readonly probes: readonly SizeProbeRow[];
}

function sloCell(verdict: SizeSloVerdict | undefined): string {
  if (verdict === undefined || verdict.undecided) return 'not decided';
  const bound = parseSlo(verdict.slo)?.condition.value;
  const observed = verdict.observed === null ? 'not produced' : `${verdict.atLeast ? '≥ ' : ''}${formatObserved(verdict, bound)}`;
  const cells = verdictCells(verdict, bound);
  const interval = cells.interval === '—' ? '' : `, 95 % CI ${cells.interval}`;
  const breaking = cells.breaking === '—' ? '' : `, ${cells.breaking} break it`;
  return `${observed} ${verdict.passed ? 'ok' : 'FAIL'}${interval}${breaking}`;
}

function sloCells(size: SizeSummary, probe: SizeProbe): string[] {
  return size.slos.map((slo, k) => sloCell(probe.slos.find((v) => v.slo === slo) ?? probe.slos[k]));
}

/** Each SLO at the probes either side of the answer, then the caveat of an answer judged on means whose interval reaches past a bound. */
function answerEvidence(size: SizeSummary): string[] {
  const at = boundaryProbes(size).map((probe) => {
    const cells = sloCells(size, probe);
    return `at ${probe.value}: ${size.slos.map((slo, k) => `${slo}: ${cells[k]}`).join('; ')}`;
  });
  const caveat = meanAnswerCaveat(size);
  return caveat === undefined ? at : [...at, caveat];
}

function verdictOf(probe: SizeProbe, answer: number | null): string {
  if (probe.passed) return probe.value === answer ? 'meets: the answer' : 'meets';
  const early = probe.stoppedEarly;
  return early === undefined ? 'misses' : `misses (${stoppedEarlyText(early, formatNumber)})`;
}

export function sizeView(size: SizeSummary, points: readonly SummaryPoint[], status: RunStatus): SizeView {
  const why = size.explanation !== '' ? size.explanation : `the search did not finish: it is ${status}`;
  return {
    search: `${size.goal} ${size.key} in [${size.lo}, ${size.hi}] meeting every SLO${size.rule === undefined ? '' : `, each ${ruleText(size.rule)}`}`,
    key: size.key,
    found: size.answer !== null,
    answer: size.answer === null ? `none (${why})` : `${size.key} = ${size.answer} (${why})`,
    slos: size.slos,
    evidence: answerEvidence(size),
    note: "Each probe's SLOs are judged on the mean over its replications (unless the scenario's expectRule asks that the mean's whole 95 % CI, or every replication, meet them too), and one whose metric a replication left undefined (a latency where nothing committed) fails; beside each mean, its Student-t 95 % CI and how many replications broke the SLO on their own. With a few noisy replications another set of seeds may answer a few values either side. A probe stops early once an SLO has failed for good (≥: what its mean could no longer go below). The tables and figures below show the probes that finished a replication, in order of value.",
    probes: [...size.probes]
      .sort((a, b) => a.value - b.value)
      .map((probe) => ({
        value: probe.value,
        n: points[probe.point]?.n ?? 0,
        passed: probe.passed,
        verdict: verdictOf(probe, size.answer),
        slos: sloCells(size, probe),
      })),
  };
}
