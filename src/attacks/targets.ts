/**
 * Checks an attack list against the size of the world before anything runs: a replica index that
 * does not exist is an input error naming the field, never an attack that silently does nothing.
 */
import { InputError, type InputIssue } from '../scenario/errors.ts';
import type { AttackSpec } from '../scenario/sections/attacks.ts';
import type { AttackTargetsSizes } from './types.ts';

export function checkAttackTargets(specs: readonly AttackSpec[], sizes: AttackTargetsSizes, source = 'scenario'): void {
  const issues: InputIssue[] = [];
  const replica = (path: string, i: number): void => {
    if (i >= sizes.replicas) issues.push({ source, path, expected: `a replica index in 0..${sizes.replicas - 1}`, found: String(i) });
  };
  specs.forEach((spec, k) => {
    const at = `attacks.${k}`;
    if (spec.end !== undefined && spec.end <= spec.start) {
      issues.push({ source, path: `${at}.end`, expected: `a time after start (${spec.start} µs)`, found: `${spec.end} µs` });
    }
    if ('replicas' in spec && Array.isArray(spec.replicas)) spec.replicas.forEach((i, j) => replica(`${at}.replicas.${j}`, i));
    switch (spec.type) {
      case 'partition':
        spec.groups.forEach((g, j) => g.forEach((i, m) => replica(`${at}.groups.${j}.${m}`, i)));
        break;
      case 'eclipse':
        replica(`${at}.victim`, spec.victim);
        spec.attackers.forEach((i, j) => replica(`${at}.attackers.${j}`, i));
        break;
      case 'equivocation':
        spec.sideA?.forEach((i, j) => replica(`${at}.sideA.${j}`, i));
        break;
      case 'censorship':
        spec.clients.forEach((i, j) => {
          if (i >= sizes.clients) issues.push({ source, path: `${at}.clients.${j}`, expected: `a client index in 0..${sizes.clients - 1}`, found: String(i) });
        });
        break;
      default:
        break;
    }
  });
  if (issues.length > 0) throw new InputError(issues);
}
