import { describe, expect, it } from 'vitest';
import { detectorMetricPrefix } from '../../iomt/detector-bank.ts';
import type { Configuration, ReportInput } from '../model/report-input.ts';
import type { MetricSummary } from '../results/types.ts';
import { attackFigures } from './attacks.ts';

const DETECTOR = detectorMetricPrefix('zscore:value');

function configuration(label: string, metrics: Record<string, MetricSummary>): Configuration {
  return {
    label,
    run: '',
    pointIndex: 0,
    parameters: { 'iomt.gateway.batchInterval': label },
    timeseries: null,
    scenario: {},
    point: { parameters: {}, n: 2, metrics, checks: [], expectations: [], traceHashes: [] },
  };
}

describe('attack and detector figures', () => {
  it("draws a detector's rates and time to detect under the names the detector bank gives them", () => {
    const metrics = (rate: number): Record<string, MetricSummary> => ({
      [`${DETECTOR}.detection_rate`]: { unit: 'ratio', mean: rate, ci95: [rate, rate], n: 2 },
      [`${DETECTOR}.false_positive_rate`]: { unit: 'ratio', mean: 0, ci95: [0, 0], n: 2 },
      [`${DETECTOR}.time_to_detect_ms`]: { unit: 'ms', mean: 5.9, ci95: [5.8, 6], n: 2 },
    });
    const input: ReportInput = { title: 't', configurations: [configuration('2s', metrics(1)), configuration('5s', metrics(0.5))] };
    const figures = new Map(attackFigures(input).map((f) => [f.name, f]));
    expect(figures.get('attack-detector-scores')?.rows.map((r) => [r['metric'], r['mean']])).toEqual([
      [`${DETECTOR}.detection_rate`, 1],
      [`${DETECTOR}.false_positive_rate`, 0],
      [`${DETECTOR}.detection_rate`, 0.5],
      [`${DETECTOR}.false_positive_rate`, 0],
    ]);
    expect(figures.get('time-to-detect')?.rows).toHaveLength(2);
  });
});

describe('the score figure with one score', () => {
  it('names the score on its axis, as no legend is drawn for one', () => {
    const metrics: Record<string, MetricSummary> = { [`${DETECTOR}.false_positive_rate`]: { unit: 'ratio', mean: 0.0154, ci95: [0, 0.037], n: 2 } };
    const figure = attackFigures({ title: 't', configurations: [configuration('run', metrics)] }).find((f) => f.name === 'attack-detector-scores')!;
    expect(JSON.stringify(figure)).toContain('"title":"False positive rate"');
    expect(JSON.stringify(figure)).not.toContain('"title":"Rate"');
  });
});
