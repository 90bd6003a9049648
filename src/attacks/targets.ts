/**
 * Checks an attack list against the size of the world before anything runs: a replica index that
 * does not exist is an input error naming the field, never an attack that silently does nothing.
 * Each definition checks its own fields (`checkTargets`); the window is checked here, once.
 */
import { InputError, type InputIssue } from '../scenario/errors.ts';
import type { AnyAttackDefinition, TargetIssues } from './definition.ts';
import type { AttackTargetsSizes } from './types.ts';

/** A reporter that names fields under `at` (e.g. `attacks.2`) and collects into `issues`. */
export function targetIssues(source: string, at: string, issues: InputIssue[]): TargetIssues {
  return {
    index(field, value, count, noun) {
      if (value >= count) issues.push({ source, path: `${at}.${field}`, expected: `${noun} in 0..${count - 1}`, found: String(value) });
    },
  };
}

/** Every entry of a replica index list. */
export function checkReplicaList(issues: TargetIssues, field: string, list: readonly number[], replicas: number): void {
  list.forEach((i, j) => issues.index(`${field}.${j}`, i, replicas, 'a replica index'));
}

interface WindowedSpec {
  readonly type: string;
  readonly start: number;
  readonly end?: number | undefined;
}

/** `definitions[k]` is the definition of `specs[k]`. */
export function checkAttackTargets(specs: readonly WindowedSpec[], definitions: readonly AnyAttackDefinition[], sizes: AttackTargetsSizes, source = 'scenario'): void {
  const issues: InputIssue[] = [];
  specs.forEach((spec, k) => {
    const at = `attacks.${k}`;
    if (spec.end !== undefined && spec.end <= spec.start) {
      issues.push({ source, path: `${at}.end`, expected: `a time after start (${spec.start} µs)`, found: `${spec.end} µs` });
    }
    definitions[k]!.checkTargets?.(spec as never, sizes, targetIssues(source, at, issues));
  });
  if (issues.length > 0) throw new InputError(issues);
}
