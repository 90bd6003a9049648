/**
 * CI (.ci/run) fuzzes every mutant and fails unless each is caught; a mutant added here but not
 * there would go unchecked, so the two lists must name the same mutants.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from './catalogue.ts';

describe('the mutant catalogue', () => {
  it('names the same mutants as the CI fuzz step', () => {
    const ci = readFileSync(new URL('../../../.ci/run', import.meta.url), 'utf8');
    const loop = /for mutant in ([^;]+);/.exec(ci);
    expect(loop, '.ci/run has no `for mutant in ...;` loop').not.toBeNull();
    expect(loop![1]!.trim().split(/\s+/).sort()).toEqual(MUTANTS.map((m) => m.name).sort());
  });
});
