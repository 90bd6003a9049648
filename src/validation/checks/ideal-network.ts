/**
 * Ideal-network closed forms (REFERENCES §2), run through the real protocol modules with a fixed
 * one-way delay δ and zero processing time. These are deterministic: the tolerance is exact.
 */
import type { ProtocolModule } from '../../protocols/types.ts';
import { runIdealNetwork, type IdealDecision } from '../models/ideal-network.ts';
import type { CheckResult, ValidationCheck } from '../types.ts';

const DELTA_US = 10_000;
const DECISIONS = 5;

export interface IdealProtocolSpec {
  readonly module: ProtocolModule;
  readonly reference: string;
  /** Replica counts for the message-count check. */
  readonly sizes: readonly number[];
  /** Where the commit delay is measured: at the leader, or when the last replica commits. */
  readonly commitAt: 'leader' | 'all';
  readonly commitDeltas: number;
  readonly clientDeltas: number;
  /** Expected messages per decision, and whether the client's request and replies are counted. */
  readonly messages: (n: number) => number;
  readonly messagesFormula: string;
  readonly countClient: boolean;
  /** Protocol parameters that keep timers (heartbeats, view changes) out of the way. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly settleUs: number;
}

function exact(expected: number, simulated: number, unit: string, samples: number, detail: string): CheckResult {
  return { expected, simulated, unit, basis: { kind: 'exact', absolute: 0 }, passed: simulated === expected, samples, detail };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function idealNetworkChecks(spec: IdealProtocolSpec): ValidationCheck[] {
  const name = spec.module.name;
  const cache = new Map<number, IdealDecision[]>();
  const decisions = (n: number): IdealDecision[] => {
    let d = cache.get(n);
    if (d === undefined) {
      d = runIdealNetwork({ module: spec.module, n, deltaUs: DELTA_US, params: spec.params, settleUs: spec.settleUs, decisions: DECISIONS, windowUs: 20 * DELTA_US });
      cache.set(n, d);
    }
    return d;
  };
  const n0 = spec.sizes[0]!;
  const latencyDetail = (xs: number[]) => `n = ${n0}, δ = ${DELTA_US / 1000} ms, ${DECISIONS} decisions; every decision's value: ${xs.map((x) => x / DELTA_US).join(', ')} δ`;
  const checks: ValidationCheck[] = [
    {
      id: `ideal.${name}.commit`, group: 'ideal network', quick: true, reference: spec.reference,
      title: `${spec.module.title}: commit ${spec.commitAt === 'leader' ? 'at the leader' : 'at every replica'} after the leader receives the request`,
      run() {
        const xs = decisions(n0).map((d) => (spec.commitAt === 'leader' ? d.leaderCommitUs : d.allCommitUs));
        return exact(spec.commitDeltas, median(xs) / DELTA_US, 'δ', xs.length, `median; ${latencyDetail(xs)}`);
      },
    },
    {
      id: `ideal.${name}.client`, group: 'ideal network', quick: true, reference: spec.reference,
      title: `${spec.module.title}: client latency (${spec.module.repliesNeeded(n0)} matching replies)`,
      run() {
        const xs = decisions(n0).map((d) => d.clientUs);
        return exact(spec.clientDeltas, median(xs) / DELTA_US, 'δ', xs.length, `median; ${latencyDetail(xs)}`);
      },
    },
  ];
  for (const n of spec.sizes) {
    checks.push({
      id: `ideal.${name}.messages.n${n}`, group: 'ideal network', quick: true, reference: spec.reference,
      title: `${spec.module.title}: messages per decision, n = ${n}: ${spec.messagesFormula}`,
      run() {
        const xs = decisions(n).map((d) => (spec.countClient ? d.allMessages : d.replicaMessages));
        return exact(spec.messages(n), Math.min(...xs), 'messages', xs.length,
          `fewest over ${xs.length} decisions (heartbeats and checkpoints only add): ${xs.join(', ')}${spec.countClient ? '; request and replies counted' : '; replica-to-replica only'}`);
      },
    });
  }
  return checks;
}
