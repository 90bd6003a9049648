import { describe, expect, it } from 'vitest';
import { detectorContractProblems } from './definition.ts';
import { ewma } from './ewma.ts';

describe('detectorContractProblems', () => {
  it('accepts the in-tree kinds', () => {
    expect(detectorContractProblems(ewma)).toEqual([]);
  });

  it('refuses createForSubjects present but not a function', () => {
    expect(detectorContractProblems({ ...ewma, createForSubjects: true })).toEqual(['createForSubjects: expected a function (params, subjects) => detectors when present']);
  });
});
