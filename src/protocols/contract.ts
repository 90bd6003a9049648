/**
 * Checks that an object meets the protocol contract (definition.ts), naming each part it lacks or
 * gets wrong: the same check for the in-tree definitions (their tests) and for a plug-in module
 * loaded from a scenario (whose load reports the problems).
 */
import type { z } from 'zod';

/** Replica counts the fault-model functions are checked at (1 to this), well past any consortium's size. */
const CHECKED_NODES_MAX = 40;

/**
 * What a quorum of q among n replicas with f faulty must give, or why not (undefined when it does).
 * Safety: two quorums share at least 2q − n replicas, and must share a correct one: f + 1 under
 * Byzantine faults (a faulty replica in both may vouch for two conflicting values), 1 under crashes
 * and for an honest majority. Liveness: the n − f correct replicas alone must make a quorum.
 * (docs/references.md §5; Castro & Liskov 1999 §4.2; Ongaro & Ousterhout 2014 §5.)
 */
function quorumRuleProblem(kind: unknown, n: number, f: number, q: number): string | undefined {
  const shared = 2 * q - n;
  const needed = kind === 'byzantine' ? f + 1 : 1;
  if (shared < needed) {
    const why = shared <= 0 ? ': they may be disjoint' : `, fewer than f + 1 = ${needed}: they may meet only in faulty replicas`;
    return `faultModel.quorum(${n}): two quorums of ${q} share only ${Math.max(shared, 0)} of ${n} replicas${why} (expected a quorum of at least ${Math.ceil((n + needed) / 2)})`;
  }
  if (q > n - f) return `faultModel.quorum(${n}): ${q} exceeds the n − f = ${n - f} replicas left when maxFaulty(${n}) = ${f} fail, so no quorum may ever form`;
  return undefined;
}

function faultModelProblems(model: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!['byzantine', 'crash', 'nakamoto'].includes(model['kind'] as string)) problems.push("faultModel.kind: expected 'byzantine', 'crash' or 'nakamoto'");
  if (typeof model['rule'] !== 'string' || model['rule'] === '') problems.push('faultModel.rule: expected a non-empty string');
  const fns = ['maxFaulty', 'quorum', 'repliesNeeded'] as const;
  const missing = fns.filter((f) => typeof model[f] !== 'function');
  for (const f of missing) problems.push(`faultModel.${f}: expected a function of the replica count n`);
  if (missing.length > 0) return problems;
  // A plug-in's function may throw: that is a problem of the definition, not a crash of the load.
  const call = (fn: (typeof fns)[number], n: number): { readonly value: unknown } | { readonly problem: string } => {
    try {
      return { value: (model[fn] as (n: number) => unknown)(n) };
    } catch (err) {
      return { problem: `faultModel.${fn}(${n}): expected a number, found an error: ${err instanceof Error ? err.message : String(err)}` };
    }
  };
  let previousFaulty = 0;
  for (let n = 1; n <= CHECKED_NODES_MAX; n++) {
    const results = fns.map((fn) => call(fn, n));
    const thrown = results.find((result) => 'problem' in result);
    if (thrown !== undefined) {
      problems.push(thrown.problem);
      break;
    }
    const [f, q, r] = results.map((result) => (result as { readonly value: unknown }).value);
    if (!(Number.isInteger(f) && (f as number) >= previousFaulty && (f as number) < n)) {
      problems.push(`faultModel.maxFaulty(${n}): expected an integer in [${previousFaulty}, ${n - 1}] (never fewer than for n − 1), found ${String(f)}`);
      break;
    }
    if (!(Number.isInteger(q) && (q as number) >= 1 && (q as number) <= n)) {
      problems.push(`faultModel.quorum(${n}): expected an integer in [1, ${n}], found ${String(q)}`);
      break;
    }
    if (!(Number.isInteger(r) && (r as number) >= 1 && (r as number) <= n)) {
      problems.push(`faultModel.repliesNeeded(${n}): expected an integer in [1, ${n}], found ${String(r)}`);
      break;
    }
    previousFaulty = f as number;
    const quorumProblem = quorumRuleProblem(model['kind'], n, f as number, q as number);
    if (quorumProblem !== undefined) {
      problems.push(quorumProblem);
      break;
    }
  }
  return problems;
}

/** A zod object, recognised by its definition rather than by class (a plug-in may bring its own copy of zod). */
function isZodObject(schema: unknown): schema is z.ZodObject {
  const def = (schema as { _zod?: { def?: { type?: unknown } } } | null)?._zod?.def;
  return def?.type === 'object' && typeof (schema as { safeParse?: unknown }).safeParse === 'function';
}

function paramsProblems(schema: unknown, defaults: unknown): string[] {
  if (!isZodObject(schema)) return ['paramsSchema: expected a zod object (z.object({ ... }))'];
  const parsed = schema.safeParse({});
  if (!parsed.success) {
    return [`paramsSchema: expected every parameter to have a default, but parsing {} fails: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`];
  }
  if (JSON.stringify(parsed.data) !== JSON.stringify(defaults)) return ['defaults: expected paramsSchema.parse({}) (use defineProtocol)'];
  return [];
}

/** What `candidate` lacks to be a protocol definition; empty when it meets the contract. */
export function protocolContractProblems(candidate: unknown): string[] {
  if (candidate === null || typeof candidate !== 'object') return ['expected a protocol definition object (defineProtocol({ ... }))'];
  const d = candidate as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof d['name'] !== 'string' || !/^[a-z][a-z0-9-]*$/.test(d['name'])) problems.push("name: expected lower-case letters, digits and '-', starting with a letter");
  for (const key of ['title', 'reference'] as const) if (typeof d[key] !== 'string' || d[key] === '') problems.push(`${key}: expected a non-empty string`);
  problems.push(...paramsProblems(d['paramsSchema'], d['defaults']));
  if (d['faultModel'] === null || typeof d['faultModel'] !== 'object') problems.push('faultModel: expected { kind, rule, maxFaulty, quorum, repliesNeeded }');
  else problems.push(...faultModelProblems(d['faultModel'] as Record<string, unknown>));
  const kinds = d['messageKinds'];
  if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((k) => typeof k === 'string' && k !== '')) {
    problems.push("messageKinds: expected a non-empty list of the message kinds replicas send each other (kindsOf from src/plugin-api.ts)");
  }
  if (typeof d['createReplica'] !== 'function') problems.push('createReplica: expected a function (ctx, config, app) => replica');
  if (d['createCollector'] !== undefined && typeof d['createCollector'] !== 'function') problems.push('createCollector: expected a function when present');
  if (d['commitGapBoundUs'] !== undefined && typeof d['commitGapBoundUs'] !== 'function') problems.push('commitGapBoundUs: expected a function (params, nodes) => µs or null when present');
  if (d['recoveryBoundUs'] !== undefined && typeof d['recoveryBoundUs'] !== 'function') problems.push('recoveryBoundUs: expected a function (params, { nodes, faultPhaseUs, faultyReplicas }) => µs when present');
  const period = d['blockPeriod'] as { param?: unknown; periodUs?: unknown } | null | undefined;
  if (period !== undefined && !(period !== null && typeof period === 'object' && typeof period.param === 'string' && typeof period.periodUs === 'function')) {
    problems.push('blockPeriod: expected { param: the name of the parameter that sets it, periodUs: a function (params) => µs } when present');
  }
  const levers = d['byzantineLevers'];
  if (levers !== undefined && !(Array.isArray(levers) && levers.every((l) => typeof l === 'string' && l !== ''))) problems.push('byzantineLevers: expected a list of lever names when present');
  const forwarded = d['forwardedTransactions'] as { kinds?: unknown; field?: unknown } | null | undefined;
  if (forwarded !== undefined) {
    const known = Array.isArray(kinds) ? kinds : [];
    const kindsOk = forwarded !== null && typeof forwarded === 'object' && Array.isArray(forwarded.kinds) && forwarded.kinds.length > 0 && forwarded.kinds.every((k) => known.includes(k));
    if (!kindsOk || typeof forwarded.field !== 'string' || forwarded.field === '') {
      problems.push(`forwardedTransactions: expected { kinds: a non-empty list of messageKinds, field: the name of the field that holds the transactions } when present, found ${JSON.stringify(forwarded)}`);
    }
  }
  const min = d['minNodes'] as { count?: unknown; why?: unknown } | null | undefined;
  if (min !== undefined && !(min !== null && typeof min === 'object' && Number.isInteger(min.count) && (min.count as number) >= 1 && typeof min.why === 'string')) {
    problems.push('minNodes: expected { count: a whole number of replicas from 1, why: a string } when present');
  }
  const requests = d['clientRequests'];
  if (requests !== undefined && requests !== 'primary' && requests !== 'any-replica') problems.push(`clientRequests: expected 'primary' or 'any-replica' when present, found ${JSON.stringify(requests)}`);
  for (const key of ['withoutMempool', 'withoutApplication'] as const) if (d[key] !== undefined && typeof d[key] !== 'string') problems.push(`${key}: expected a string (why) when present`);
  return problems;
}
