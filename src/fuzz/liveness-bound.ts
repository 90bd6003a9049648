/**
 * How long after the fault phase (GST) the honest replicas must commit again: the run's liveness
 * bound, derived from the protocol's own timers and the faults still active in the calm phase
 * (replicas crashed for good, Byzantine behaviour that goes on). The liveness checker excuses the
 * fault phase and then demands a commit at least once per bound while work waits
 * (src/checkers/liveness.ts; TigerBeetle's VOPR checks liveness the same way, after a safety phase).
 * Every bound also allows one client request timeout (a request lost in the fault phase is sent
 * again only then) and one second for the commit itself once a leader is in place.
 */
import { parameterDocs } from '../attacks/parameter-docs.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { inputError } from '../scenario/index.ts';
import { signerLimit } from '../protocols/poa/clique.ts';
import type { Family } from './target.ts';

export interface BoundInputs {
  readonly family: Family;
  readonly definition: ProtocolDefinition;
  readonly nodes: number;
  /** The drawn timers, µs (protocol-params.ts). */
  readonly timersUs: Readonly<Record<string, number>>;
  readonly faultPhaseUs: number;
  readonly requestTimeoutUs: number;
  /** Replica indices still faulty after the fault phase. */
  readonly calmFaulty: readonly number[];
  /** Absolute path of a plug-in's module, named when its stated bound is unusable. */
  readonly module?: string;
}

const COMMIT_SLACK_US = 1_000_000;

/** Longest run of consecutive faulty indices in round-robin leader order (v mod n). */
export function longestFaultyRun(faulty: readonly number[], n: number): number {
  const set = new Set(faulty);
  if (set.size >= n) return n;
  let best = 0;
  for (let start = 0; start < n; start++) {
    let len = 0;
    while (len < n && set.has((start + len) % n)) len++;
    best = Math.max(best, len);
  }
  return best;
}

/** The bound in µs, and how it was derived, for the scenario's description. */
export function livenessBound(x: BoundInputs): { boundUs: number; rule: string } {
  const t = x.timersUs;
  const c = longestFaultyRun(x.calmFaulty, x.nodes);
  const base = x.requestTimeoutUs + COMMIT_SLACK_US;
  switch (x.family) {
    case 'pbft': {
      // §4.5.2: a backup's timer doubles after each failed view. During the fault phase F the
      // timer grows at most to F + T; after GST up to c faulty primaries in a row can each cost a
      // doubled timer before a correct primary's NEW-VIEW, and each view change also spends X
      // broadcasting its VIEW-CHANGEs and NEW-VIEW (§4.4): (F + T + X)(2^(c+1) − 1).
      const T = t['viewChangeTimeout']!;
      const X = t['viewChangeExchange']!;
      return { boundUs: base + (x.faultPhaseUs + T + X) * (2 ** (c + 1) - 1), rule: `request timeout + 1 s + (F + viewChangeTimeout + view-change exchange ${(X / 1e6).toFixed(2)} s)(2^(c+1) − 1), c = ${c}` };
    }
    case 'hotstuff': {
      // Algorithm 5's pacemaker: each view lasts at most viewTimeoutMax after back-off; four
      // consecutive honest leaders (a three-chain and the QC over it, §5) suffice for a commit (three
      // do where NEW-VIEWs carry the last votes, docs/references.md §2), after up to c faulty ones and
      // one view to synchronise, counted twice for replicas whose views differ at GST.
      return { boundUs: base + t['viewTimeoutMax']! * 2 * (c + 5), rule: `request timeout + 1 s + 2 · viewTimeoutMax · (c + 5), c = ${c}` };
    }
    case 'raft':
      // §5.2: an election ends within electionTimeoutMax unless votes split; randomized timeouts
      // make ten split rounds in a row negligibly rare (§9.3 measures a few at most).
      return { boundUs: base + 10 * t['electionTimeoutMax']!, rule: 'request timeout + 1 s + 10 · electionTimeoutMax' };
    case 'poa': {
      // EIP-225: a block every period (out-of-turn signers within the wiggle bound), and a block
      // is final under ⌊N/2⌋ + 1 confirmations; allow every signer's turn on top after a reorg.
      const perBlock = t['period']! + signerLimit(x.nodes) * t['wiggle']!;
      return { boundUs: base + perBlock * (signerLimit(x.nodes) + x.nodes + 1), rule: 'request timeout + 1 s + (period + (⌊n/2⌋ + 1) · wiggle)(⌊n/2⌋ + n + 2)' };
    }
    case 'pow':
      return { boundUs: Number.POSITIVE_INFINITY, rule: 'none (the proof-of-work model checks safety only)' };
    case 'plug-in': {
      if (x.definition.recoveryBoundUs !== undefined) {
        const where = x.module ?? x.definition.name;
        const after = { nodes: x.nodes, faultPhaseUs: x.faultPhaseUs, faultyReplicas: x.calmFaulty };
        let recoveryUs: number;
        try {
          // Called on the definition, as its other methods are: a bound may read the definition's fields.
          recoveryUs = x.definition.recoveryBoundUs(x.definition.defaults, after);
        } catch (error) {
          throw inputError(where, 'recoveryBoundUs', 'a function that returns a bound for every fault phase the fuzzer draws', `one that threw at n = ${x.nodes} after a fault phase of ${x.faultPhaseUs} µs: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (!(Number.isFinite(recoveryUs) && recoveryUs > 0)) {
          throw inputError(where, 'recoveryBoundUs', 'a positive, finite number of µs from the definition of a plug-in protocol', `${String(recoveryUs)} at n = ${x.nodes} after a fault phase of ${x.faultPhaseUs} µs`);
        }
        return { boundUs: base + recoveryUs, rule: `request timeout + 1 s + the protocol's recoveryBoundUs (${(recoveryUs / 1e6).toFixed(2)} s)` };
      }
      // Unknown protocol: twenty times its longest duration parameter, a generous multiple of any retry loop.
      const defaults = x.definition.defaults as Readonly<Record<string, unknown>>;
      const timers = parameterDocs(x.definition.paramsSchema.shape as never, {})
        .filter((d) => d.type === 'duration')
        .map((d) => defaults[d.name])
        .filter((v): v is number => typeof v === 'number');
      const longest = Math.max(1_000_000, ...timers);
      return { boundUs: base + 20 * longest, rule: "request timeout + 1 s + 20 × max(1 s, the longest of the protocol's duration parameters)" };
    }
  }
}
