import { describe, expect, it } from 'vitest';
import { detectorContractProblems } from './definition.ts';
import { ewma } from './ewma.ts';

describe('detectorContractProblems', () => {
  it('accepts the in-tree kinds', () => {
    expect(detectorContractProblems(ewma)).toEqual([]);
  });

  it("refuses a type whose metric names another type could write: '-' doubled or at the end ('-' is written '_' in them)", () => {
    for (const type of ['my--chart', 'cusum-', 'My-chart', '9x', 'my_chart']) expect(detectorContractProblems({ ...ewma, type }), type).toEqual(["type: expected lower-case letters and digits, starting with a letter, in words joined by single '-'"]);
    for (const type of ['my-chart', 'shewhart', 'x2-y3']) expect(detectorContractProblems({ ...ewma, type }), type).toEqual([]);
  });

  it('refuses createForSubjects present but not a function', () => {
    expect(detectorContractProblems({ ...ewma, createForSubjects: true })).toEqual(['createForSubjects: expected a function (params, subjects) => detectors when present']);
  });
});
