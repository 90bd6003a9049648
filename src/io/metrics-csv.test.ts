import { describe, expect, it } from 'vitest';
import { metricsCsv, type MetricsRecord } from './metrics-csv.ts';
import { parseCsvStrict } from './testing/parse-csv.ts';

const RECORDS: MetricsRecord[] = [
  { point: 0, parameters: { 'consensus.nodes': 4, label: 'a, "quoted" one' }, replication: 0, seed: 11, metrics: { 'z.last_ms': { unit: 'ms', value: 2.5 }, 'a.first_tps': { unit: 'tx/s', value: 0.1 + 0.2 } } },
  { point: 0, parameters: { 'consensus.nodes': 4, label: 'a, "quoted" one' }, replication: 1, seed: 12, metrics: { 'a.first_tps': { unit: 'tx/s', value: null } } },
  { point: 1, parameters: { 'consensus.nodes': 7, label: 'b' }, replication: 0, seed: 11, metrics: { 'a.first_tps': { unit: 'tx/s', value: 7 } } },
];

describe('metrics.csv', () => {
  it('is one RFC 4180 table: a header, then one row per point, replication and metric', () => {
    const { header, rows } = parseCsvStrict(metricsCsv(RECORDS));
    expect(header).toEqual(['point', 'consensus.nodes', 'label', 'replication', 'seed', 'metric', 'unit', 'value']);
    expect(rows).toEqual([
      ['0', '4', 'a, "quoted" one', '0', '11', 'a.first_tps', 'tx/s', String(0.1 + 0.2)],
      ['0', '4', 'a, "quoted" one', '0', '11', 'z.last_ms', 'ms', '2.5'],
      ['0', '4', 'a, "quoted" one', '1', '12', 'a.first_tps', 'tx/s', ''],
      ['1', '7', 'b', '0', '11', 'a.first_tps', 'tx/s', '7'],
    ]);
  });

  it('leaves NaN and infinite values empty, as a record read back from replications.jsonl (null) gives them', () => {
    const record = (value: number | null): MetricsRecord => ({ point: 0, parameters: {}, replication: 0, seed: 5, metrics: { 'x.latency_ms': { unit: 'ms', value } } });
    const expected = 'point,replication,seed,metric,unit,value\n0,0,5,x.latency_ms,ms,\n';
    expect([metricsCsv([record(NaN)]), metricsCsv([record(Infinity)]), metricsCsv([record(null)])]).toEqual([expected, expected, expected]);
  });

  it('has no parameter columns for a plain run', () => {
    const plain = metricsCsv([{ point: 0, parameters: {}, replication: 0, seed: 5, metrics: { 'safety.violations': { unit: 'count', value: 0 } } }]);
    expect(plain).toBe('point,replication,seed,metric,unit,value\n0,0,5,safety.violations,count,0\n');
  });
});
