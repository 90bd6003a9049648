import { describe, expect, it } from 'vitest';
import { csvCell, parameterColumns, splitCsvLine } from './csv.ts';

describe('CSV cells', () => {
  it('quotes only cells with a comma, quote or line break, doubling quotes, and splits them back', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', '', 'pbft'];
    expect(values.map(csvCell)).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '', 'pbft']);
    expect(splitCsvLine(['plain', '"a,b"', '"say ""hi"""', '', 'pbft'].join(','))).toEqual(['plain', 'a,b', 'say "hi"', '', 'pbft']);
  });

  it('writes null as an empty cell and objects as JSON', () => {
    expect([null, undefined, 7, true, [1, 2]].map(csvCell)).toEqual(['', '', '7', 'true', '"[1,2]"']);
  });

  it("renames a parameter that has the name of one of the table's own columns", () => {
    expect(parameterColumns([{ 'consensus.nodes': 4, seed: 1 }, { 'consensus.nodes': 7, seed: 2 }], ['point', 'seed'])).toEqual([
      { key: 'consensus.nodes', column: 'consensus.nodes' },
      { key: 'seed', column: 'parameter.seed' },
    ]);
  });
});
