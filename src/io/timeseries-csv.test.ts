import { describe, expect, it } from 'vitest';
import { parseTimeseriesCsv, rowsByReplication, timeseriesCsv } from './timeseries-csv.ts';
import { parseCsvStrict } from './testing/parse-csv.ts';

const formatError = (file: string, field: string, expected: string, found: string) => new Error(`${file}: ${field}: expected ${expected}, found ${found}`);

describe('timeseries.csv', () => {
  it('writes sorted columns, leaves missing cells empty, and reads back the same numbers', () => {
    const blocks = [
      { point: 0, replication: 0, rows: [{ timeS: 1, tps: 0.1 + 0.2, lat: 3 }] },
      { point: 0, replication: 1, rows: [{ timeS: 1, tps: 1 / 3 }] },
    ];
    const text = timeseriesCsv(blocks);
    expect(text.split('\n')[0]).toBe('point,replication,time_s,lat,tps');
    expect(text.split('\n')[2]).toBe(`0,1,1,,${1 / 3}`);
    const back = rowsByReplication(parseTimeseriesCsv(text, 'ts.csv', formatError));
    expect(back.get('0:0')).toEqual([{ timeS: 1, lat: 3, tps: 0.1 + 0.2 }]);
    expect(back.get('0:1')).toEqual([{ timeS: 1, tps: 1 / 3 }]);
  });

  it('keeps a NaN value apart from an empty cell, so a file read back is rewritten byte for byte', () => {
    const text = 'point,replication,time_s,a,b\n0,0,1,NaN,2\n0,1,1,,3\n';
    const table = parseTimeseriesCsv(text, 'ts.csv', formatError);
    expect(table.columns.get('a')?.[0]).toBeNaN();
    expect(table.columns.get('a')?.[1]).toBeNaN();
    const rows = rowsByReplication(table);
    const blocks = [...rows].map(([key, r]) => ({ point: Number(key.split(':')[0]), replication: Number(key.split(':')[1]), rows: r }));
    expect(timeseriesCsv(blocks)).toBe(text);
  });

  it("repeats each point's swept parameters as columns after point, and reads the measurements back past them", () => {
    const blocks = [
      { point: 0, parameters: { 'consensus.nodes': 4, 'consensus.protocol': 'pbft' }, replication: 0, rows: [{ timeS: 1, tps: 5 }] },
      { point: 1, parameters: { 'consensus.nodes': 7, 'consensus.protocol': 'a,b' }, replication: 0, rows: [{ timeS: 1, tps: 3 }, { timeS: 2, tps: 4 }] },
    ];
    const text = timeseriesCsv(blocks);
    const { header, rows } = parseCsvStrict(text);
    expect(header).toEqual(['point', 'consensus.nodes', 'consensus.protocol', 'replication', 'time_s', 'tps']);
    expect(rows[2]).toEqual(['1', '7', 'a,b', '0', '2', '4']);
    const table = parseTimeseriesCsv(text, 'ts.csv', formatError);
    expect([...table.point]).toEqual([0, 1, 1]);
    expect([...table.columns.keys()]).toEqual(['tps']);
    expect(rowsByReplication(table).get('1:0')).toEqual([{ timeS: 1, tps: 3 }, { timeS: 2, tps: 4 }]);
  });

  it('holds the columns as typed arrays', () => {
    const table = parseTimeseriesCsv('point,replication,time_s,tps\n0,0,1,5\n0,0,2,7\n', 'ts.csv', formatError);
    expect(table.rowCount).toBe(2);
    expect([...table.timeS]).toEqual([1, 2]);
    expect([...(table.columns.get('tps') ?? [])]).toEqual([5, 7]);
  });

  it('names the file, line and column of a cell that is not a number', () => {
    expect(() => parseTimeseriesCsv('point,replication,time_s,tps\n0,0,1,lots\n', 'ts.csv', formatError)).toThrow('ts.csv: line 2, column "tps": expected a number, found "lots"');
    expect(() => parseTimeseriesCsv('point,replication,time_s,tps\n0,0,,5\n', 'ts.csv', formatError)).toThrow('ts.csv: line 2, column "time_s": expected a number, found an empty cell');
    expect(() => parseTimeseriesCsv('time_s\n', 'ts.csv', formatError)).toThrow('ts.csv: header column 1: expected "point", found "time_s"');
  });
});
