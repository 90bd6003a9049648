/**
 * Ideal-network closed forms (docs/references.md §2), run through the real protocol modules with a fixed
 * one-way delay δ and zero processing time. These are deterministic: the tolerance is exact.
 */
import type { ProtocolDefinition } from '../../protocols/definition.ts';
import { median } from '../../stats/index.ts';
import { runIdealNetwork, type IdealDecision } from '../models/ideal-network.ts';
import type { ValidationCheck } from '../types.ts';

export const IDEAL_DELTA_US = 10_000;
const DECISIONS = 5;
export const IDEAL_WINDOW_US = 20 * IDEAL_DELTA_US;

export interface IdealMetric {
  /** Last part of the check id: 'commit', 'client', 'messages', ... */
  readonly key: string;
  readonly title: string;
  readonly unit: 'δ' | 'messages';
  readonly expected: (n: number) => number;
  /** The measured value of one decision. */
  readonly measure: (d: IdealDecision) => number;
  /**
   * 'median' for latencies; 'min' for message counts, since background traffic (heartbeats,
   * checkpoints) only ever adds messages to a decision's window.
   */
  readonly aggregate: 'median' | 'min';
  /** Check at every replica count of the spec (message counts), or only the first. */
  readonly perSize: boolean;
}

export interface IdealProtocolSpec {
  readonly module: ProtocolDefinition;
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
      d = runIdealNetwork({ module: spec.module, n, deltaUs: IDEAL_DELTA_US, params: spec.params, settleUs: spec.settleUs, decisions: DECISIONS, windowUs: IDEAL_WINDOW_US });
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
        run() {
          const xs = decisions(n).map(m.measure);
          const simulated = m.aggregate === 'median' ? median(xs) : Math.min(...xs);
          const expected = m.expected(n);
          return {
            expected, simulated, unit: m.unit, basis: { kind: 'exact', absolute: 0 }, passed: simulated === expected, samples: xs.length,
            detail: `${m.aggregate} over ${xs.length} decisions, δ = ${IDEAL_DELTA_US / 1000} ms; each: ${xs.map((x) => Number(x.toFixed(3))).join(', ')}`,
          };
        },
      });
    }
  }
  return checks;
}

/** Measures shared by the protocol specs. */
export const inDelta = (us: number): number => us / IDEAL_DELTA_US;
