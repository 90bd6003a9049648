/**
 * Checks an attack list before anything runs: a replica index that does not exist, or a message
 * kind the protocol never sends, is an input error naming the field, never an attack that silently
 * does nothing. Each definition checks its own fields (`checkTargets` against the world's sizes,
 * `checkProtocol` against the scenario's protocol); the window is checked here, once.
 */
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { describeThrown, InputError, type InputIssue } from '../scenario/errors.ts';
import { pluginModuleOf } from '../plugins/cache.ts';
import type { AnyAttackDefinition, TargetIssues } from './definition.ts';
import type { AttackTargetsSizes } from './types.ts';

/** Where a problem goes: `field` is the path under the attack's entry (`kinds.0`, `end`). */
export type AttackIssueReport = (field: string, expected: string, found: string) => void;

/** The reporter a definition's checks write to. */
export function reportingIssues(report: AttackIssueReport): TargetIssues {
  return {
    index(field, value, count, noun) {
      if (value >= count) report(field, count === 0 ? `${noun}, of which this world has none` : `${noun} in 0..${count - 1}`, String(value));
    },
    oneOf(field, value, allowed, noun) {
      if (!allowed.includes(value)) report(field, `${noun}, ${allowed.length === 0 ? 'of which there are none' : `one of ${allowed.join(', ')}`}`, `'${value}'`);
    },
    refuse(field, expected, found) {
      report(field, expected, found);
    },
    repeated(field, value, firstField, noun) {
      report(field, `${noun} not listed before`, `${value}, already at ${firstField}`);
    },
  };
}

/** A reporter that names fields under `at` (e.g. `attacks.2`) and collects into `issues`. */
export function targetIssues(source: string, at: string, issues: InputIssue[]): TargetIssues {
  return reportingIssues((field, expected, found) => issues.push({ source, path: `${at}.${field}`, expected, found }));
}

/** Every entry of a replica index list. */
function checkReplicaList(issues: TargetIssues, field: string, list: readonly number[], replicas: number): void {
  list.forEach((i, j) => issues.index(`${field}.${j}`, i, replicas, 'a replica index'));
}

/**
 * Every entry of a replica index list that names each replica once: a replica listed twice is
 * a typo (`[1, 1]` for `[1, 2]`) that would otherwise run one fewer target than written.
 */
export function checkDistinctReplicaList(issues: TargetIssues, field: string, list: readonly number[], replicas: number): void {
  checkDistinctReplicaLists(issues, [{ field, list }], replicas);
}

/** Every entry of several lists, each replica listed at most once across them all (a partition's groups). */
export function checkDistinctReplicaLists(issues: TargetIssues, lists: readonly { readonly field: string; readonly list: readonly number[] }[], replicas: number): void {
  for (const { field, list } of lists) checkReplicaList(issues, field, list, replicas);
  checkListedOnce(issues, lists, 'a replica index');
}

/**
 * Each value listed at most once across `lists` (a client censored, a message kind delayed): a
 * repeat is a typo that would otherwise run one fewer target than written.
 */
export function checkListedOnce<V extends number | string>(issues: TargetIssues, lists: readonly { readonly field: string; readonly list: readonly V[] }[], noun: string): void {
  const firstAt = new Map<V, string>();
  for (const { field, list } of lists) {
    list.forEach((v, j) => {
      const first = firstAt.get(v);
      if (first === undefined) firstAt.set(v, `${field}.${j}`);
      else issues.repeated(`${field}.${j}`, v, first, noun);
    });
  }
}

interface WindowedSpec {
  readonly type: string;
  readonly start: number;
  readonly end?: number | undefined;
}

/**
 * The window of every spec, its targets against `sizes` and, when `protocol` is given, what it
 * names of the protocol; `definitions[k]` is the definition of `specs[k]`, `reportFor(k)` its reporter.
 */
export function checkAttackSpecs(
  specs: readonly WindowedSpec[],
  definitions: readonly AnyAttackDefinition[],
  sizes: AttackTargetsSizes,
  protocol: ProtocolDefinition | undefined,
  reportFor: (k: number) => AttackIssueReport,
): void {
  specs.forEach((spec, k) => {
    const report = reportFor(k);
    if (spec.end !== undefined && spec.end <= spec.start) report('end', `a time after start (${spec.start} µs)`, `${spec.end} µs`);
    const issues = reportingIssues(report);
    const definition = definitions[k]!;
    runCheckHook(definition, spec.type, 'checkTargets', report, () => definition.checkTargets?.(spec as never, sizes, issues));
    if (protocol !== undefined) runCheckHook(definition, spec.type, 'checkProtocol', report, () => definition.checkProtocol?.(spec as never, protocol, issues));
  });
}

/**
 * Run one of an attack's checks of its spec: a plug-in's check that throws is bad input naming its
 * file, reported at the spec's `module`; an in-tree one's is a bug, thrown on.
 */
export function runCheckHook(definition: AnyAttackDefinition, type: string, hook: 'checkTargets' | 'checkProtocol' | 'checkWorldTargets', report: AttackIssueReport, run: () => void): void {
  const module = pluginModuleOf(definition);
  if (module === undefined) return run();
  try {
    run();
  } catch (err) {
    report('module', `an attack whose ${hook} finishes (the plug-in ${module})`, `'${type}', whose ${hook} threw ${describeThrown(err)}`);
  }
}

/** The checks a plan repeats once the world's sizes are known; throws InputError. */
export function checkAttackTargets(specs: readonly WindowedSpec[], definitions: readonly AnyAttackDefinition[], sizes: AttackTargetsSizes, source = 'scenario'): void {
  const issues: InputIssue[] = [];
  checkAttackSpecs(specs, definitions, sizes, undefined, (k) => (field, expected, found) => issues.push({ source, path: `attacks.${k}.${field}`, expected, found }));
  if (issues.length > 0) throw new InputError(issues);
}
