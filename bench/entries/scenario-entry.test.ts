import { describe, expect, it } from 'vitest';
import { goldenDiff } from '../harness/golden.ts';
import { scenarioEntry } from './scenario-entry.ts';

const tinyRaft = (sets: string[]) =>
  scenarioEntry({ name: 'test.raft_tiny', description: '', suites: ['full'], scenarioFile: 'scenarios/raft.yaml', sets: ['duration=2s', 'warmup=200ms', ...sets] });

describe('scenario entries', () => {
  it('report events, simulated time, every metric, the checks and the trace hash', async () => {
    const r = await tinyRaft([]).run();
    expect(r.simulatedSeconds).toBe(2);
    expect(r.events).toBeGreaterThan(0);
    expect(r.metrics['events']).toBe(r.events);
    expect(typeof r.metrics['trace_hash']).toBe('string');
    expect(r.metrics['consensus.throughput_tps']).toBeGreaterThan(0);
    expect(r.metrics['check.safety']).toBe(true);
  });

  it('give identical metrics on a second run and differ when the scenario changes', async () => {
    const a = await tinyRaft([]).run();
    const b = await tinyRaft([]).run();
    expect(goldenDiff(a.metrics, b.metrics)).toEqual([]);
    const changed = await tinyRaft(['workload.rateTps=150']).run();
    expect(goldenDiff(a.metrics, changed.metrics).some((l) => l.includes('consensus.throughput_tps'))).toBe(true);
  });

  it("split over 2 threads, report run()'s metrics, events and trace hash included", async () => {
    const entry = tinyRaft([]);
    const split = entry.split!(2);
    if ('problem' in split) throw new Error(split.problem);
    const [one, two] = [await entry.run(), await split.run()];
    expect(two.events).toBe(one.events);
    expect(goldenDiff(one.metrics, two.metrics)).toEqual([]);
  });

  it('say why their replication cannot split: the scenario file, the field, what a split needs and what it holds', () => {
    expect(tinyRaft(['network.latency.min=0ms']).split!(2)).toEqual({ problem: expect.stringMatching(/^scenarios\/raft\.yaml: network\.latency: expected a positive least latency .*, found 0 µs$/) });
  });
});
