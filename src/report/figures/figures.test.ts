import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { specWithValues } from '../render/render.ts';
import { writeRunFixture, writeSweepFixture } from '../fixtures/results-fixture.ts';
import { tempResultsDir } from '../fixtures/temp-dir.ts';
import { reportInputOf } from '../model/report-input.ts';
import { loadResults } from '../results/load.ts';
import type { Configuration } from '../model/report-input.ts';
import { buildFigures } from './index.ts';

function figuresOf(write: (dir: string) => void): Map<string, ReturnType<typeof buildFigures>[number]> {
  const dir = tempResultsDir('figures');
  write(dir);
  return new Map(buildFigures(reportInputOf(loadResults(dir))).map((f) => [f.name, f]));
}

/** The commit-latency CDF figure of a one-replication run whose model measured the CDF at `points` ([ms, quantile]). */
function measuredCommitCdf(points: readonly (readonly [number, number])[]): ReturnType<typeof buildFigures>[number] | undefined {
  return figuresOf((dir) => {
    writeRunFixture(dir, { durationS: 2 });
    const path = join(dir, 'summary.json');
    const summary = JSON.parse(readFileSync(path, 'utf8'));
    summary.points[0].latency_cdf = { 'consensus.commit_latency_ms': { unit: 'ms', points } };
    writeFileSync(path, JSON.stringify(summary));
  }).get('latency-cdf-consensus-commit-latency-ms');
}

describe('buildFigures', () => {
  it('draws every figure whose metrics a full run reports', () => {
    const names = [...figuresOf((dir) => writeRunFixture(dir, { durationS: 10 })).keys()];
    expect(names).toEqual([
      'latency-cdf-consensus-client-latency-ms',
      'latency-cdf-consensus-commit-latency-ms',
      'latency-cdf-iomt-alert-latency-ms',
      'latency-cdf-iomt-alert-latency-onchain-ms',
      'throughput-over-time',
      'mempool-over-time',
      'commit-latency-over-time',
      'alert-latency-vs-target',
      'attack-detector-scores',
      'time-to-detect',
    ]);
  });

  it('draws no figure of a single point: a run has one n and one value per configuration', () => {
    const figures = figuresOf((dir) => writeRunFixture(dir, { durationS: 10 }));
    for (const single of ['messages-per-decision', 'pow-stale-rate', 'bytes-per-node']) expect(figures.has(single), single).toBe(false);
    for (const figure of figures.values()) expect(figure.rows.length, figure.name).toBeGreaterThanOrEqual(2);
  });

  it('keeps every interval inside the values its metric can take', () => {
    // Two replications of a noisy fixture: Student-t intervals with t = 12.7 reach far past the data.
    const figures = figuresOf((dir) => writeRunFixture(dir, { durationS: 10, replications: 2 }));
    const rows = [...figures.values()].flatMap((figure) => figure.rows.map((row) => ({ figure: figure.name, row })));
    const bounded = rows.filter(({ row }) => typeof row['lo'] === 'number');
    expect(bounded.length).toBeGreaterThan(20);
    for (const { figure, row } of bounded) expect(row['lo'], figure).toBeGreaterThanOrEqual(0);
    const ratios = figures.get('attack-detector-scores')?.rows ?? [];
    expect(ratios.length).toBeGreaterThan(0);
    for (const row of ratios) expect(row['hi']).toBeLessThanOrEqual(1);
  });

  it('omits figures whose metrics are absent and adds sweep curves for a sweep', () => {
    const figures = figuresOf((dir) => writeSweepFixture(dir, { durationS: 5 }));
    expect(figures.has('attack-detector-scores')).toBe(false);
    expect(figures.has('alert-latency-vs-target')).toBe(false);
    expect(figures.has('pow-stale-rate')).toBe(false);
    const sweep = figures.get('sweep-throughput-tps');
    expect(sweep?.rows.map((r) => r['x'])).toEqual([4, 7, 10, 13]);
    expect(figures.get('messages-per-decision')?.rows.map((r) => r['x'])).toEqual([4, 7, 10, 13]);
  });

  it('draws a sweep over durations on a numeric axis in one unit, by value, not as categories in --vary order', () => {
    const points = ['200ms', '50ms', '1s'].map((timeout, i) => ({ parameters: { 'consensus.batchTimeout': timeout }, load: 1 + i }));
    const figures = figuresOf((dir) => writeSweepFixture(dir, { points }));
    const sweep = figures.get('sweep-throughput-tps');
    expect(sweep?.rows.map((r) => r['x'])).toEqual([50, 200, 1000]);
    const layers = (sweep?.spec as { layer: { mark: { type: string }; encoding: { x: { type: string; title: string } } }[] }).layer;
    expect(layers.map((l) => l.mark.type)).toEqual(['area', 'line', 'point']);
    expect(layers[0]!.encoding.x).toMatchObject({ type: 'quantitative', title: 'consensus.batchTimeout (ms)' });
  });

  /** The x encoding of a sweep curve over `values` of `key`, as the report draws it. */
  function sweepX(key: string, values: readonly (string | number)[]): { type: string; title: string; scale: { type?: string; constant?: number }; axis: { values?: number[] } } {
    const points = values.map((value, i) => ({ parameters: { [key]: value }, load: 1 + i }));
    const sweep = figuresOf((dir) => writeSweepFixture(dir, { points })).get('sweep-throughput-tps');
    return (sweep?.spec as { layer: { encoding: { x: ReturnType<typeof sweepX> } }[] }).layer[0]!.encoding.x;
  }

  it('draws a sweep over durations spanning two decades or more on a log axis, and says so in the axis title', () => {
    const x = sweepX('consensus.batchTimeout', ['500us', '20ms', '1ms', '2s']);
    expect(x.scale.type).toBe('log');
    // In ms, the unit of the middle of the range: ticks 1 to 1,000, not 1,000 to 1,000,000 µs.
    expect(x.title).toBe('consensus.batchTimeout (ms), log scale');
  });

  it('keeps a sweep over durations within two decades on a linear axis', () => {
    const x = sweepX('consensus.batchTimeout', ['200ms', '50ms', '1s']);
    expect(x.scale.type).toBeUndefined();
    expect(x.title).toBe('consensus.batchTimeout (ms)');
  });

  it('draws a sweep over plain numbers spanning two decades or more on a log axis', () => {
    const x = sweepX('workload.rateTps', [100, 1000, 10000, 100000]);
    expect(x.scale.type).toBe('log');
    expect(x.title).toBe('workload.rateTps, log scale');
  });

  it('draws a wide sweep that includes 0 on a symmetric log axis, ticked at 0 and powers of ten', () => {
    const x = sweepX('network.loss', [0, 0.001, 0.01, 0.1]);
    expect(x.scale).toMatchObject({ type: 'symlog', constant: 0.001 });
    expect(x.axis.values).toEqual([0, 0.001, 0.01, 0.1]);
    expect(x.title).toBe('network.loss, symmetric log scale');
  });

  it('keeps a sweep over words as categories in the order given', () => {
    const points = ['raft', 'pbft'].map((protocol, i) => ({ parameters: { 'consensus.protocol': protocol }, load: 1 + i }));
    const sweep = figuresOf((dir) => writeSweepFixture(dir, { points })).get('sweep-throughput-tps');
    expect(sweep?.rows.map((r) => r['x'])).toEqual(['raft', 'pbft']);
    const layers = (sweep?.spec as { layer: { encoding: { x: { type: string } } }[] }).layer;
    expect(layers[0]!.encoding.x.type).toBe('nominal');
  });

  it('builds the CDF from the reported percentiles, with their CI', () => {
    const cdf = figuresOf((dir) => writeRunFixture(dir, { durationS: 5 })).get('latency-cdf-consensus-commit-latency-ms');
    expect(cdf?.rows.map((r) => [r['statistic'], r['quantile']])).toEqual([
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ]);
    for (const row of cdf?.rows ?? []) {
      expect(row['lo']).toBeLessThanOrEqual(row['value'] as number);
      expect(row['hi']).toBeGreaterThanOrEqual(row['value'] as number);
    }
  });

  it('draws a measured latency_cdf block as the line, with the percentile points as markers on it', () => {
    const cdf = measuredCommitCdf([[10, 0.1], [40, 0.5], [150, 1]]);
    expect(cdf?.rows.map((r) => [r['statistic'], r['quantile'], r['source']])).toEqual([
      ['measured', 0.1, 'measured CDF'],
      ['measured', 0.5, 'measured CDF'],
      ['measured', 1, 'measured CDF'],
      ['p50', 0.5, 'percentiles over the measured CDF'],
      ['p95', 0.95, 'percentiles over the measured CDF'],
      ['p99', 0.99, 'percentiles over the measured CDF'],
    ]);
    expect(cdf?.rows.slice(0, 3).map((r) => r['value'])).toEqual([10, 40, 150]);
    // The line joins the measured points only; the markers and CI bars are the percentiles only.
    const layers = (cdf?.spec as { layer: { transform?: { filter: string }[] }[] }).layer;
    expect(layers.map((l) => l.transform?.[0]?.filter)).toEqual([
      "datum.source !== 'percentiles over the measured CDF'",
      "datum.source !== 'measured CDF'",
      "datum.source !== 'measured CDF'",
    ]);
  });

  it("names a CDF's log axis in its title as a sweep's log axis is named, and a linear one not", () => {
    const xOf = (cdf: ReturnType<typeof buildFigures>[number] | undefined) => (cdf?.spec as { layer: { encoding: { x: { title: string; scale: { type?: string } } } }[] }).layer[0]!.encoding.x;
    const linear = xOf(figuresOf((dir) => writeRunFixture(dir, { durationS: 2 })).get('latency-cdf-consensus-commit-latency-ms'));
    expect(linear.scale.type).toBeUndefined();
    expect(linear.title).toBe('Commit latency (ms)');
    // A measured CDF from 1 ms: over 50 times smaller than its largest value, so the axis is logarithmic.
    const log = xOf(
      measuredCommitCdf([[1, 0.01], [40, 0.5], [150, 1]]),
    );
    expect(log.scale.type).toBe('log');
    expect(log.title).toBe('Commit latency (ms), log scale');
  });

  it("draws a CDF's log axis over the latencies it has, not rounded out to whole decades", async () => {
    const cdf = measuredCommitCdf([[12, 0.01], [400, 0.5], [15_000, 1]])!;
    const view = new View(parse(compile(specWithValues(cdf)).spec), { renderer: 'none' });
    try {
      await view.runAsync();
      // The x scale's domain as drawn (a rounded one ran from 10 to 100,000).
      const [lo, hi] = view.scale('x').domain() as [number, number];
      expect(lo).toBeGreaterThan(10);
      expect(hi).toBeLessThan(20_000);
    } finally {
      view.finalize();
    }
  });

  it('averages the timeseries over replications per window', () => {
    const figures = figuresOf((dir) => writeRunFixture(dir, { durationS: 4, replications: 3 }));
    const rows = figures.get('throughput-over-time')?.rows ?? [];
    expect(rows.map((r) => r['time_s'])).toEqual([1, 2, 3, 4]);
    expect(rows.every((r) => r['n'] === 3)).toBe(true);
  });
});

describe('figures of one replication per configuration', () => {
  it('name no confidence interval in any subtitle or caption, as none exists at n = 1', () => {
    const figures = figuresOf((dir) => writeRunFixture(dir, { durationS: 10, replications: 1 }));
    expect(figures.size).toBeGreaterThan(4);
    for (const figure of figures.values()) {
      const subtitle = (figure.spec as { title?: { subtitle?: string } }).title?.subtitle ?? '';
      expect(`${subtitle} ${figure.caption}`, figure.name).not.toMatch(/\bCI\b/);
    }
  });

  it('keep the interval wording when two replications give one', () => {
    const figures = figuresOf((dir) => writeRunFixture(dir, { durationS: 10, replications: 2 }));
    expect(figures.get('throughput-over-time')?.caption).toContain('95 % CI');
    expect(figures.get('attack-detector-scores')?.caption).toContain('95 % CI');
  });
});

describe("docs/reports.md's figure table", () => {
  it('names every figure the report draws, a PoW run\'s included', () => {
    const doc = readFileSync(new URL('../../../docs/reports.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('| file name |'), doc.indexOf('\n\n', doc.indexOf('| file name |')));
    // Each row's first cell names one or more figures; `<family>`, `<metric>` stand for a slug.
    const documented = table.split('\n').slice(2).flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => new RegExp(`^${m[1]!.replace(/<[^>]+>/g, '[a-z0-9-]+')}$`)));
    const pow = (label: string): Configuration => ({
      label, run: '', pointIndex: 0, parameters: {}, timeseries: null, scenario: {},
      point: {
        parameters: {}, n: 2, checks: [], expectations: [], traceHashes: [],
        metrics: {
          'pow.stale_rate': { unit: 'ratio', mean: 0.02, ci95: [0.01, 0.03], n: 2 },
          'pow.block_propagation_ms.p50': { unit: 'ms', mean: 900, ci95: [800, 1000], n: 2 },
          'pow.block_propagation_ms.p90': { unit: 'ms', mean: 1900, ci95: [1800, 2000], n: 2 },
          'network.bytes_per_node': { unit: 'B', mean: 1e6, ci95: [0.9e6, 1.1e6], n: 2 },
        },
      },
    });
    const names = [
      ...figuresOf((dir) => writeRunFixture(dir, { durationS: 10 })).keys(),
      ...figuresOf((dir) => writeSweepFixture(dir, { durationS: 5 })).keys(),
      ...buildFigures({ title: 't', configurations: [pow('a'), pow('b')] }).map((f) => f.name),
    ];
    expect(names).toContain('pow-block-propagation');
    for (const name of names) expect(documented.some((re) => re.test(name)), name).toBe(true);
  });
});
