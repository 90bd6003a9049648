/**
 * Ideal-network closed forms (docs/references.md §2), run through the real protocol modules with a fixed
 * one-way delay δ and zero processing time. These are deterministic: the tolerance is exact, and it
 * applies to every decision. A latency check passes when each of the 5 decisions takes exactly the
 * closed form's time. A message check leaves out the windows that hold timer-driven traffic (a Raft
 * heartbeat and the answers to it, marked by models/ideal-network.ts), which the closed forms do not
 * count; every other window must hold exactly the closed form's messages, and at least
 * MIN_MESSAGE_WINDOWS of the 5 must be left to judge.
 */
import type { ProtocolDefinition } from '../../protocols/definition.ts';
import { runIdealNetwork, type IdealDecision } from '../models/ideal-network.ts';
import type { CheckResult, ValidationCheck } from '../types.ts';

export const IDEAL_DELTA_US = 10_000;
export const IDEAL_DECISIONS = 5;
export const IDEAL_WINDOW_US = 20 * IDEAL_DELTA_US;
/**
 * Fewest windows free of timer-driven traffic a message check judges: a majority of the decisions.
 * A heartbeat period at least as long as the 5 windows together (Raft's 1 s here) taints at most
 * two of them (the one it falls in, and the next when the answers cross the boundary).
 */
const MIN_MESSAGE_WINDOWS = 3;

export interface IdealMetric {
  /** Last part of the check id: 'commit', 'client', 'messages', ... */
  readonly key: string;
  readonly title: string;
  readonly unit: 'δ' | 'messages';
  readonly expected: (n: number) => number;
  /** The measured value of one decision. */
  readonly measure: (d: IdealDecision) => number;
  /**
   * 'latency': every decision is judged. 'messages': windows holding timer-driven traffic are left
   * out, every other one is judged.
   */
  readonly kind: 'latency' | 'messages';
  /** Check at every replica count of the spec (message counts), or only the first. */
  readonly perSize: boolean;
}

export interface IdealProtocolSpec {
  readonly module: ProtocolDefinition;
  /** The client sends to the leader the protocol elected (models/ideal-network.ts). */
  readonly electedLeader?: boolean;
  readonly reference: string;
  readonly sizes: readonly number[];
  /** Protocol parameters that keep timers (heartbeats, view changes) out of the way. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly settleUs: number;
  readonly metrics: readonly IdealMetric[];
}

export function idealNetworkChecks(spec: IdealProtocolSpec): ValidationCheck[] {
  const name = spec.module.name;
  const cache = new Map<number, IdealDecision[]>();
  const decisions = (n: number): IdealDecision[] => {
    let d = cache.get(n);
    if (d === undefined) {
      d = runIdealNetwork({ module: spec.module, electedLeader: spec.electedLeader, n, deltaUs: IDEAL_DELTA_US, params: spec.params, settleUs: spec.settleUs, decisions: IDEAL_DECISIONS, windowUs: IDEAL_WINDOW_US });
      cache.set(n, d);
    }
    return d;
  };
  const checks: ValidationCheck[] = [];
  for (const m of spec.metrics) {
    for (const n of m.perSize ? spec.sizes : spec.sizes.slice(0, 1)) {
      checks.push({
        id: `ideal.${name}.${m.key}${m.perSize ? `.n${n}` : ''}`,
        group: 'ideal network',
        quick: true,
        reference: spec.reference,
        title: `${spec.module.title}, n = ${n}: ${m.title}`,
        run: () => judgeEveryDecision(m, m.expected(n), decisions(n)),
      });
    }
  }
  return checks;
}

/**
 * The exact verdict over the decisions: every judged decision must equal `expected`. The value
 * reported as simulated is the judged decision farthest from it (NaN when one has none, or when no
 * window is left to judge), so a failure shows the worst decision; the detail lists each.
 */
export function judgeEveryDecision(m: Pick<IdealMetric, 'kind' | 'measure' | 'unit'>, expected: number, decisions: readonly IdealDecision[]): CheckResult {
  const all = decisions.map(m.measure);
  const judged = m.kind === 'latency' ? decisions.map((_, i) => i) : decisions.flatMap((d, i) => (d.timerDrivenMessages === 0 ? [i] : []));
  const enough = m.kind === 'latency' ? judged.length === decisions.length : judged.length >= MIN_MESSAGE_WINDOWS;
  const xs = judged.map((i) => all[i]!);
  const worst = xs.length === 0 || xs.some(Number.isNaN) ? NaN : xs.reduce((w, x) => (Math.abs(x - expected) > Math.abs(w - expected) ? x : w));
  const passed = enough && xs.every((x) => x === expected);
  const each = all.map((x, i) => `${Number(x.toFixed(3))}${judged.includes(i) ? '' : ` (left out: ${decisions[i]!.timerDrivenMessages} timer-driven messages)`}`).join(', ');
  const rule = m.kind === 'latency'
    ? `every one of ${decisions.length} decisions`
    : `every window without timer-driven traffic (${judged.length} of ${decisions.length}; at least ${MIN_MESSAGE_WINDOWS} needed)`;
  return {
    expected, simulated: worst, unit: m.unit, basis: { kind: 'exact', absolute: 0 }, passed, samples: xs.length,
    detail: `${rule} must equal the closed form; δ = ${IDEAL_DELTA_US / 1000} ms; each: ${each}`,
  };
}

/** Measures shared by the protocol specs. */
export const inDelta = (us: number): number => us / IDEAL_DELTA_US;
