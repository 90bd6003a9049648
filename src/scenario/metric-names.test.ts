import { describe, expect, it } from 'vitest';
import { unknownMetric, unproducibleExpectationIssues, unproducibleMetric } from './metric-names.ts';
import { loadScenarioText } from './load.ts';

describe('unknownMetric', () => {
  it('accepts a catalog name', () => {
    expect(unknownMetric('consensus.commit_latency_ms.p99', false)).toBeUndefined();
  });

  it('accepts a name that fills a catalog placeholder (a detector metric)', () => {
    expect(unknownMetric('detect.cusum.alarms_per_hour', false)).toBeUndefined();
  });

  it('refuses a name no catalog lists, suggesting the nearest name for a typo', () => {
    expect(unknownMetric('safety.violation', false)).toBe('a metric name (`iomtsim list metrics` lists them; did you mean safety.violations?)');
  });

  it('suggests nothing for a name far from every metric', () => {
    expect(unknownMetric('throughput', false)).toBe('a metric name (`iomtsim list metrics` lists them)');
  });

  it('accepts any name when plug-ins may report metrics of their own', () => {
    expect(unknownMetric('sequencer.gap_count', true)).toBeUndefined();
  });
});

describe('unproducibleMetric: a catalog metric no scenario of the command can report', () => {
  const BASE = 'name: m\nduration: 1s\nnetwork:\n  regions: [a, b]\nconsensus:\n  protocol: pbft\n  nodes: 4\n';
  const consensusOnly = loadScenarioText('m.yaml', BASE).scenario;
  const iomt = loadScenarioText('h.yaml', 'name: h\nduration: 1s\nworkload: {rateTps: 0}\niomt:\n  hospitals: 1\n  wardsPerHospital: 1\n  bedsPerWard: 1\n  detectors:\n    - { type: cusum, scope: device, feature: interarrival, k: 1.5, h: 7, warmup: 200 }\n').scenario;

  it('refuses an IoMT or detector metric where no scenario has iomt:', () => {
    expect(unproducibleMetric('iomt.readings_accepted', [consensusOnly])).toContain('a metric a scenario without `iomt:` reports');
    expect(unproducibleMetric('detect.nosuch.detection_rate', [consensusOnly])).toContain('a metric a scenario without `iomt:` reports');
  });

  it("refuses a detector metric naming no configured detector, listing the scenario's detectors' names", () => {
    expect(unproducibleMetric('detect.nosuch.detection_rate', [iomt])).toBe("a metric of a detector the scenario configures (iomt.detectors, or the access monitor's): one of detect.cusum_interarrival.detection_rate, detect.ewma_access_rate.detection_rate, detect.cusum_access_rate.detection_rate");
  });

  it('accepts what one scenario can report, including a metric absent from some runs (a detection rate)', () => {
    expect(unproducibleMetric('consensus.commit_latency_ms.p99', [consensusOnly])).toBeUndefined();
    expect(unproducibleMetric('detect.cusum_interarrival.detection_rate', [iomt])).toBeUndefined();
    expect(unproducibleMetric('iomt.readings_accepted', [consensusOnly, iomt])).toBeUndefined();
  });

  it("refuses a proof-of-work or proof-of-authority metric where no scenario runs that protocol, and accepts it where one does", () => {
    expect(unproducibleMetric('poa.block_interval_s', [consensusOnly])).toBe('a metric of the scenario\'s protocol (poa.* come only from `consensus.protocol: poa`; this scenario runs pbft)');
    expect(unproducibleMetric('pow.stale_rate', [consensusOnly])).toContain('pow.* come only from `consensus.protocol: pow`');
    const poa = loadScenarioText('p.yaml', BASE.replace('protocol: pbft', 'protocol: poa')).scenario;
    expect(unproducibleMetric('poa.block_interval_s', [poa])).toBeUndefined();
  });

  it('accepts any name with plug-ins, as unknownMetric does', () => {
    expect(unproducibleMetric('iomt.readings_accepted', [{ ...consensusOnly, plugins: [{ kind: 'protocol', module: './p.mjs' }] } as never])).toBeUndefined();
  });
});

describe('unproducibleExpectationIssues: an expectation some point of a run cannot report', () => {
  const BASE = 'name: m\nduration: 1s\nnetwork:\n  regions: [a, b]\nconsensus:\n  protocol: pbft\n  nodes: 4\n';
  const pbft = { parameters: { 'consensus.protocol': 'pbft' }, scenario: loadScenarioText('m.yaml', BASE).scenario };
  const poa = { parameters: { 'consensus.protocol': 'poa' }, scenario: loadScenarioText('p.yaml', BASE.replace('protocol: pbft', 'protocol: poa')).scenario };

  it('names the first point that cannot report it, even where another point can', () => {
    expect(unproducibleExpectationIssues({ 'poa.blocks': '>= 1', 'safety.violations': '== 0' }, [poa, pbft])).toEqual([{
      path: ['expect', 'poa.blocks'],
      expected: "a metric of the scenario's protocol (poa.* come only from `consensus.protocol: poa`; this scenario runs pbft) at every point of the sweep",
      found: "'poa.blocks', which the point consensus.protocol=pbft cannot report",
    }]);
  });

  it('names no point for a run without --vary, and nothing where every point reports it', () => {
    expect(unproducibleExpectationIssues({ 'poa.blocks': '>= 1' }, [{ parameters: {}, scenario: pbft.scenario }])[0]!.found).toBe("'poa.blocks'");
    expect(unproducibleExpectationIssues({ 'poa.blocks': '>= 1' }, [poa])).toEqual([]);
  });
});
