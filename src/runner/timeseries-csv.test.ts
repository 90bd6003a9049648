import { describe, expect, it } from 'vitest';
import { parseTimeseriesCsv, timeseriesCsv } from './timeseries-csv.ts';

describe('timeseries.csv', () => {
  it('writes sorted columns, leaves missing cells empty, and reads back the same numbers', () => {
    const blocks = [
      { point: 0, replication: 0, rows: [{ timeS: 1, tps: 0.1 + 0.2, lat: 3 }] },
      { point: 0, replication: 1, rows: [{ timeS: 1, tps: 1 / 3 }] },
    ];
    const text = timeseriesCsv(blocks);
    expect(text.split('\n')[0]).toBe('point,replication,time_s,lat,tps');
    expect(text.split('\n')[2]).toBe(`0,1,1,,${1 / 3}`);
    const back = parseTimeseriesCsv(text);
    expect(back.get('0:0')).toEqual([{ timeS: 1, lat: 3, tps: 0.1 + 0.2 }]);
    expect(back.get('0:1')).toEqual([{ timeS: 1, tps: 1 / 3 }]);
  });
});
