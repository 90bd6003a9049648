import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holds, parseIntegerRange, parseSlo, type Slo } from '../scenario/index.ts';
import { sizeScenario, type ProbeProgress } from './index.ts';
import { ROW_FINISHED, ROW_PENDING, ROW_RUNNING } from './probe-board.ts';
import { bindingMargin, monotonicityContradiction, probeMeanAtLeast, probeUndefinedIn } from './size.ts';
import { replicationSeeds } from './seeds.ts';
import { readText, tempRoot, toyScenario } from './testing/fixtures.ts';
import { simulateToy, TOY_MODEL, TOY_OVERCLAIMING_MODEL, TOY_SILENT_REPLICATION1_MODEL } from './testing/toy-model.ts';

const root = tempRoot('size');
const slo = (text: string): Slo => parseSlo(text)!;

// In the toy model every node sends rateTps·duration messages: about 100 per node here, so
// toy.sent grows with consensus.nodes, a monotone dimension to size.
describe('sizeScenario', () => {
  it('finds the largest value meeting the SLO, with a passing probe there and a failing one just above', async () => {
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=3']), range: parseIntegerRange('consensus.nodes=2..40'), slos: [slo('toy.sent<=1000')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, 'max') });
    const { answer, probes } = r.summary.size;
    expect(r.status).toBe('complete');
    expect(answer).not.toBeNull();
    expect(probes.find((p) => p.value === answer)?.passed).toBe(true);
    expect(probes.find((p) => p.value === answer! + 1)?.passed).toBe(false);
    expect(answer).toBeGreaterThan(6);
    expect(answer).toBeLessThan(14);
    // Bisection: about log2(39) probes beyond the two ends, each with all replications.
    expect(probes.length).toBeLessThanOrEqual(9);
    expect(r.summary.points.every((p) => p.n === 3)).toBe(true);
    expect(JSON.parse(readText(r.dir, 'summary.json')).size.answer).toBe(answer);
  });

  it('finds the smallest value with --minimize', async () => {
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=2']), range: parseIntegerRange('consensus.nodes=2..40'), slos: [slo('toy.sent>=1500')], minimize: true, workers: 0, model: TOY_MODEL, outDir: join(root, 'min') });
    const { answer, probes } = r.summary.size;
    expect(probes.find((p) => p.value === answer)?.passed).toBe(true);
    expect(probes.find((p) => p.value === answer! - 1)?.passed).toBe(false);
  });

  it('passes a probe only where every SLO holds, not one of them', async () => {
    // toy.sent <= 100000 holds everywhere; >= 1500 alone decides, and is never decided early.
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=2']), range: parseIntegerRange('consensus.nodes=2..40'), slos: [slo('toy.sent>=1500'), slo('toy.sent<=100000')], minimize: true, workers: 0, model: TOY_MODEL, outDir: join(root, 'two-slos') });
    const { answer, probes } = r.summary.size;
    expect(probes[0]).toMatchObject({ value: 2, passed: false, slos: [{ passed: false }, { passed: true }] });
    expect(probes.find((p) => p.value === answer! - 1)?.passed).toBe(false);
  });

  it('answers none, with the evidence, when even the easiest end fails', async () => {
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=2']), range: parseIntegerRange('consensus.nodes=2..40'), slos: [slo('toy.sent<=1')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, 'none') });
    expect(r.summary.size.answer).toBeNull();
    expect(r.summary.size.probes).toHaveLength(1);
    expect(r.summary.size.probes[0]!.slos[0]!.passed).toBe(false);
  });
});

describe('sizeScenario judging by the scenario\'s expectRule', () => {
  const search = (rule: string, folder: string) =>
    sizeScenario({ loaded: toyScenario('', ['replications=3', `expectRule=${rule}`]), range: parseIntegerRange('consensus.nodes=2..40'), slos: [slo('toy.sent<=910')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, folder) });

  it('records beside each SLO verdict the interval and the replications that broke it, and the rule in the size block', async () => {
    const { size } = (await search('mean', 'rule-recorded')).summary;
    expect(size.rule).toBe('mean');
    const atAnswer = size.probes.find((p) => p.value === size.answer)!.slos[0]!;
    expect(atAnswer).toMatchObject({ rule: 'mean', passed: true, n: 3 });
    expect(atAnswer.ci95![0]).toBeLessThanOrEqual(atAnswer.observed!);
    expect(atAnswer.failedReplications).toBeGreaterThanOrEqual(0);
  });

  // At 9 nodes the 3 replications send 898 messages on average, 95 % interval [874, 922]: the mean
  // meets <= 910, the interval does not; at 8, [748, 856] does.
  it("answers less on the interval rule than on the mean, with the answer's whole interval within the SLO", async () => {
    const onMean = (await search('mean', 'rule-mean')).summary.size;
    const onInterval = (await search('interval', 'rule-interval')).summary.size;
    expect(onInterval.rule).toBe('interval');
    expect([onMean.answer, onInterval.answer]).toEqual([9, 8]);
    expect(onInterval.probes.find((p) => p.value === onInterval.answer)!.slos[0]!.ci95![1]).toBeLessThanOrEqual(910);
    expect(onInterval.probes.filter((p) => p.passed).every((p) => p.slos[0]!.ci95![1]! <= 910)).toBe(true);
  });
});

describe('sizeScenario with a replication that leaves the SLO metric undefined', () => {
  it('fails every probe where one of 3 replications has no latency, however low the others are, and prints why', async () => {
    // The bound holds for any latency the toy delivers; replication 1 delivers nothing (NaN).
    const seen: ProbeProgress[] = [];
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=3']), range: parseIntegerRange('consensus.nodes=2..4'), slos: [slo('toy.latency_ms.mean<=1000000')], minimize: false, workers: 0, model: TOY_SILENT_REPLICATION1_MODEL, outDir: join(root, 'undefined'), onProbeProgress: (p) => seen.push(p) });
    const { answer, probes } = r.summary.size;
    expect(answer).toBeNull();
    expect(probes).toHaveLength(1);
    expect(probes[0]!.slos[0]).toMatchObject({ passed: false, undefinedIn: { replications: 1, of: 2 } });
    expect(probes[0]!.slos[0]!.observed).toBeLessThan(1000000);
    expect(seen.find((p) => p.verdict !== undefined)!.slos[0]!.undefinedIn).toBe(1);
  });

  it('stops the probe at the replication that left it undefined, saying which and which metric, and skips the rest', async () => {
    const seen: ProbeProgress[] = [];
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=3']), range: parseIntegerRange('consensus.nodes=2..4'), slos: [slo('toy.latency_ms.mean<=1000000')], minimize: false, workers: 0, model: TOY_SILENT_REPLICATION1_MODEL, outDir: join(root, 'undefined-stop'), onProbeProgress: (p) => seen.push(p) });
    const probe = r.summary.size.probes[0]!;
    expect(probe.stoppedEarly).toEqual({ replication: 1, atUs: 5_000_000, slo: 'toy.latency_ms.mean <= 1000000', undefinedMetric: 'toy.latency_ms.mean' });
    // Replication 2 is never run: the point keeps replications 0 and 1.
    expect(r.summary.points[probe.point]!.n).toBe(2);
    expect(seen.find((p) => p.verdict !== undefined)!.stoppedEarly).toEqual(probe.stoppedEarly);
  });

  it('reports the SLO it stopped on as judged on the replications kept, not as still in progress', async () => {
    const seen: ProbeProgress[] = [];
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=3']), range: parseIntegerRange('consensus.nodes=2..4'), slos: [slo('toy.latency_ms.mean<=1000000')], minimize: false, workers: 0, model: TOY_SILENT_REPLICATION1_MODEL, outDir: join(root, 'undefined-stop-progress'), onProbeProgress: (p) => seen.push(p) });
    const judged = r.summary.size.probes[0]!.slos[0]!;
    expect(seen.find((p) => p.verdict !== undefined)!.slos[0]).toEqual({ slo: 'toy.latency_ms.mean <= 1000000', now: judged.observed, atLeast: null, limit: 1000000, undefinedIn: 1, finalOf: 2 });
  });
});

// Over 50 ms a toy node's first ping may come too late to arrive, more often the lower the rate:
// toy.latency_ms.mean is undefined in some replications below 44 tx/s (replication 0 below 12,
// 1 below 19, 2 below 44), and defined in all three from 44 on, where any latency meets the bound.
describe('sizeScenario early stop on a metric left undefined', () => {
  const loaded = () => toyScenario('', ['replications=3', 'duration=50ms', 'consensus.nodes=2']);
  const range = parseIntegerRange('workload.rateTps=1..64');
  const latency = slo('toy.latency_ms.mean<=1000000');

  /** Whether every replication run to its end defines the metric: the full runs' verdict. */
  const fullVerdict = (rate: number): boolean => {
    const { scenario } = toyScenario('', ['replications=3', 'duration=50ms', 'consensus.nodes=2', `workload.rateTps=${rate}`]);
    return replicationSeeds(scenario.seed, 3).every((seed) => Number.isFinite(simulateToy(scenario, seed).metrics['toy.latency_ms.mean']!.value));
  };

  const search = (workers: number) => sizeScenario({ loaded: loaded(), range, slos: [latency], minimize: true, workers, model: TOY_MODEL, outDir: join(root, `undefined-search-${workers}`) });
  let inThread: ReturnType<typeof search> | undefined;
  const searchInThread = () => (inThread ??= search(0));

  it('skips the replications after the one that left it undefined and finds the answer the full runs give', async () => {
    const r = await searchInThread();
    const { answer, probes } = r.summary.size;
    const firstPassing = Array.from({ length: 64 }, (_, i) => i + 1).find(fullVerdict);
    expect(answer).toBe(firstPassing);
    for (const p of probes) expect(p.passed).toBe(fullVerdict(p.value));
    const run = probes.reduce((n, p) => n + r.summary.points[p.point]!.n, 0);
    expect(run).toBeLessThan(3 * probes.length);
    const stopped = probes.filter((p) => r.summary.points[p.point]!.n < 3);
    expect(stopped.length).toBeGreaterThan(0);
    for (const p of stopped) expect(p.stoppedEarly).toMatchObject({ replication: r.summary.points[p.point]!.n - 1, undefinedMetric: 'toy.latency_ms.mean' });
    // Replication 2 leaving it undefined stops nothing: those probes are judged on all three.
    expect(probes.filter((p) => !p.passed && r.summary.points[p.point]!.n === 3).every((p) => p.stoppedEarly === undefined && p.slos[0]!.undefinedIn?.of === 3)).toBe(true);
  });

  it('keeps the same probes, verdicts and replications on 2 worker threads, whichever replication finishes first', async () => {
    const kept = (r: Awaited<ReturnType<typeof search>>) => ({
      answer: r.summary.size.answer,
      probes: r.summary.size.probes.map((p) => ({ value: p.value, passed: p.passed, slos: p.slos, stoppedEarly: p.stoppedEarly, traceHashes: r.summary.points[p.point]!.traceHashes })),
    });
    expect(kept(await search(2))).toEqual(kept(await searchInThread()));
  });
});

describe('an interrupted size search', () => {
  it('says it did not finish where it has no answer, never an empty explanation', async () => {
    const stop = new AbortController();
    stop.abort();
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=1']), range: parseIntegerRange('consensus.nodes=2..40'), slos: [slo('toy.sent<=1000')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, 'interrupted'), signal: stop.signal });
    expect(r.status).toBe('interrupted');
    expect(r.summary.size.answer).toBeNull();
    expect(r.summary.size.explanation).toBe('no answer: the search did not finish (interrupted)');
  });
});

describe('monotonicityContradiction', () => {
  const probe = (value: number, passed: boolean) => ({ value, point: 0, passed, slos: [] });
  it('flags a passing probe beyond a failing one, in the direction sought', () => {
    expect(monotonicityContradiction([probe(10, true), probe(40, true), probe(30, false)], false)).toBe('40 meets every SLO but 30 does not');
    expect(monotonicityContradiction([probe(10, true), probe(30, false)], false)).toBeUndefined();
    expect(monotonicityContradiction([probe(10, true), probe(30, false)], true)).toBe('10 meets every SLO but 30 does not');
  });
});

describe('sizeScenario search', () => {
  it('brackets the answer from below, doubling from the lower end, and never probes the far upper end', async () => {
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=1']), range: parseIntegerRange('consensus.nodes=2..5000'), slos: [slo('toy.sent<=1000')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, 'bracket') });
    const values = r.summary.size.probes.map((p) => p.value);
    expect(values.slice(0, 4)).toEqual([2, 4, 8, 16]);
    expect(Math.max(...values)).toBe(16);
    expect(r.summary.size.answer).toBeGreaterThan(6);
  });
});

describe('sizeScenario early stop', () => {
  const loaded = () => toyScenario('', ['replications=1']);
  const range = parseIntegerRange('consensus.nodes=2..5000');

  /** The verdict a probe's replications give when run to the end (no watch). */
  const fullVerdict = (value: number, sloText: string): boolean => {
    const scenario = toyScenario('', ['replications=1', `consensus.nodes=${value}`]).scenario;
    const out = simulateToy(scenario, scenario.seed);
    const s = slo(sloText);
    return holds(s.condition, out.metrics[s.metric]!.value);
  };

  it('stops a probe whose counter is already over its limit, keeps no partial replication, and gives the verdict the full run gives', async () => {
    const r = await sizeScenario({ loaded: loaded(), range, slos: [slo('toy.sent<=1000')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, 'early') });
    const early = r.summary.size.probes.filter((p) => p.stoppedEarly !== undefined);
    expect(early.length).toBeGreaterThan(0);
    for (const p of early) {
      expect(p.stoppedEarly!.atUs).toBeLessThan(5_000_000);
      expect(p.slos[0]!.atLeast).toBe(true);
      expect(p.slos[0]!.observed).toBeGreaterThan(1000);
      expect(r.summary.points[p.point]!.n).toBe(0);
      expect(fullVerdict(p.value, 'toy.sent<=1000')).toBe(false);
    }
  });

  it('bisects after a probe that stopped early, whose bound sits just past the limit, rather than probing beside it', async () => {
    // 8 meets toy.sent <= 1000 (815); 16 stops once its count passes 1000 (at 1017). Interpolating
    // on that bound put the next probe at 15, beside 16; the bracket's middle is 12.
    const r = await sizeScenario({ loaded: loaded(), range, slos: [slo('toy.sent<=1000')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, 'early-bisect') });
    const probes = r.summary.size.probes;
    const values = probes.map((p) => p.value);
    expect(values.slice(0, 4)).toEqual([2, 4, 8, 16]);
    expect(probes[3]!.stoppedEarly).toBeDefined();
    expect(values[4]).toBe(12);
  });

  it('an overclaiming bound (the broken variant) stops a probe the full run would pass, and moves the answer', async () => {
    const sound = await sizeScenario({ loaded: loaded(), range, slos: [slo('toy.sent<=1000')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, 'sound') });
    const broken = await sizeScenario({ loaded: loaded(), range, slos: [slo('toy.sent<=1000')], minimize: false, workers: 0, model: TOY_OVERCLAIMING_MODEL, outDir: join(root, 'broken') });
    const wrongStops = broken.summary.size.probes.filter((p) => p.stoppedEarly !== undefined && fullVerdict(p.value, 'toy.sent<=1000'));
    expect(wrongStops.length).toBeGreaterThan(0);
    expect(broken.summary.size.answer).toBeLessThan(sound.summary.size.answer!);
  });

});

describe('bindingMargin', () => {
  const verdict = (observed: number | null) => ({ slo: '', observed, passed: false });
  it('is the log distance of the most binding SLO from its limit: negative inside, positive beyond', () => {
    expect(bindingMargin([slo('a<=250')], [verdict(125)])).toBeCloseTo(Math.log(0.5));
    expect(bindingMargin([slo('a<=250'), slo('b>=10')], [verdict(125), verdict(5)])).toBeCloseTo(Math.log(2));
    expect(bindingMargin([slo('a==0')], [verdict(3)])).toBeNaN();
    expect(bindingMargin([slo('a<=250')], [verdict(null)])).toBeNaN();
  });

  it('is positive, on the failing side, for a strict bound exactly at its limit, and 0 for a bound that admits it', () => {
    expect(bindingMargin([slo('a<250')], [verdict(250)])).toBeGreaterThan(0);
    expect(bindingMargin([slo('b>10')], [verdict(10)])).toBeGreaterThan(0);
    expect(bindingMargin([slo('c<0')], [verdict(0)])).toBeGreaterThan(0);
    expect(bindingMargin([slo('a<250'), slo('b>=10')], [verdict(250), verdict(20)])).toBeGreaterThan(0);
    expect(bindingMargin([slo('a<=250')], [verdict(250)])).toBe(0);
  });

  it('is NaN where a replication left an SLO\'s metric undefined: that verdict fails whatever the mean', () => {
    expect(bindingMargin([slo('a<=250')], [{ ...verdict(125), undefinedIn: { replications: 1, of: 3 } }])).toBeNaN();
  });

  it('is NaN where the probe stopped early: its observed value is only what the mean could not go below', () => {
    expect(bindingMargin([slo('a<=250')], [{ ...verdict(251), atLeast: true }])).toBeNaN();
  });
});

describe('sizeScenario progress', () => {
  it('reports a probe whose replications all finished with its final mean and no bound', async () => {
    const seen: ProbeProgress[] = [];
    const r = await sizeScenario({ loaded: toyScenario('', ['replications=2']), range: parseIntegerRange('consensus.nodes=2..3'), slos: [slo('toy.sent<=1000000')], minimize: false, workers: 0, model: TOY_MODEL, outDir: join(root, 'progress'), onProbeProgress: (p) => seen.push(p) });
    const verdicts = seen.filter((p) => p.verdict !== undefined);
    expect(verdicts.map((p) => p.value)).toEqual([2, 3]);
    for (const [i, p] of verdicts.entries()) {
      expect(p.replications.every((rep) => rep.state === 'finished')).toBe(true);
      expect(p.slos[0]!.atLeast).toBeNull();
      expect(p.slos[0]!.now).toBeCloseTo(r.summary.size.probes[i]!.slos[0]!.observed!);
    }
  });
});

describe('probeMeanAtLeast', () => {
  const row = (state: number, atLeast: number) => ({ state, simulatedUs: 0, now: [atLeast], atLeast: [atLeast] });

  it('sums every replication\'s bound, a finished one at its final value, over their number', () => {
    expect(probeMeanAtLeast([row(ROW_FINISHED, 60), row(ROW_RUNNING, 10), row(ROW_PENDING, 0)], 0)).toBeCloseTo(70 / 3);
  });

  it('is null while no replication has a bound, those not started included', () => {
    expect(probeMeanAtLeast([row(ROW_RUNNING, NaN), row(ROW_PENDING, 0)], 0)).toBeNull();
  });

  it('is null once every replication has finished: the mean so far is the final mean', () => {
    expect(probeMeanAtLeast([row(ROW_FINISHED, 56.49), row(ROW_FINISHED, 56.49)], 0)).toBeNull();
  });
});

describe('probeUndefinedIn', () => {
  const row = (state: number, now: number) => ({ state, simulatedUs: 0, now: [now], atLeast: [NaN] });

  it('counts the finished replications that left the metric undefined, not a running one with no value yet', () => {
    expect(probeUndefinedIn([row(ROW_FINISHED, NaN), row(ROW_RUNNING, NaN), row(ROW_FINISHED, 12), row(ROW_PENDING, 0)], 0)).toBe(1);
  });
});
