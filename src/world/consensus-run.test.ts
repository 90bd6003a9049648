import { describe, expect, it } from 'vitest';
import { ExecutedSequence } from '../protocols/executed-sequence.ts';
import { assembleWorld } from './assemble.ts';
import { consensusConfiguration } from './consensus.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

const scenario = consensusScenario({
  duration: '4s',
  warmup: '1s',
  network: { latency: { kind: 'normal', mean: '10ms', sd: '3ms' } },
  consensus: { batchSize: 5, batchTimeout: '50ms' },
  workload: { rateTps: 200, clients: 2 },
});

describe('runConsensusWorld', () => {
  it('replays a seed exactly and differs across seeds', () => {
    const a = runConsensusWorld(scenario, 7);
    const b = runConsensusWorld(scenario, 7);
    const c = runConsensusWorld(scenario, 8);
    expect(b).toEqual(a);
    expect(c.traceHash).not.toBe(a.traceHash);
  });

  it('measures only after the warm-up and reports every check', () => {
    const out = runConsensusWorld(scenario, 1);
    expect(out.simulatedUs).toBe(4_000_000);
    expect(out.checks.map((c) => c.name)).toEqual(['safety', 'liveness', 'validity', 'state-agreement']);
    expect(out.timeseries).toHaveLength(3);
    expect(out.timeseries[0]!.timeS).toBe(2);
    const tps = out.metrics['consensus.throughput_tps']!.value;
    expect(tps).toBeGreaterThan(150);
    expect(tps).toBeLessThan(250);
    // Throughput over 3 s of measurement equals committed transactions ÷ 3.
    expect(out.metrics['consensus.committed_txs']!.value / 3).toBeCloseTo(tps, 9);
    expect(out.metrics['consensus.commit_latency_ms.p50']!.value).toBeLessThan(out.metrics['consensus.client_latency_ms.p50']!.value);
  });

  it('covers [0, duration): an event due at the duration itself never runs, and the clock ends there', () => {
    const world = assembleWorld(scenario, consensusConfiguration(scenario, 1));
    const ran: number[] = [];
    for (const t of [scenario.duration - 1, scenario.duration]) world.engine.at(t, () => void ran.push(t));
    const out = world.run();
    expect(ran).toEqual([scenario.duration - 1]);
    expect(out.simulatedUs).toBe(scenario.duration);
  });

  it('gives every replica an application and compares their states', () => {
    let executed = 0;
    const out = runConsensusWorld(scenario, 1, {
      applicationFor: () => {
        let count = 0;
        return { execute: () => { count++; executed++; }, stateDigest: () => String(count) };
      },
    });
    expect(executed).toBeGreaterThan(0);
    const agreement = out.checks.find((c) => c.name === 'state-agreement')!;
    expect(agreement.passed).toBe(true);
    expect(agreement.detail).toMatch(/^[1-9]\d* state digests compared/);
  });

  it('compares, by default, the sequence of transactions each replica executed', () => {
    const agreement = runConsensusWorld(scenario, 1).checks.find((c) => c.name === 'state-agreement')!;
    expect(agreement).toMatchObject({ passed: true });
    expect(agreement.couldNotFail).toBeUndefined();
  });

  it('catches, by default, a replica that skips executing one transaction of blocks it commits like the others', () => {
    const out = runConsensusWorld(scenario, 1, {
      applicationFor: (i) => {
        const sequence = new ExecutedSequence();
        if (i !== 2) return sequence;
        let executed = 0;
        return {
          execute: (tx) => {
            if (++executed !== 100) sequence.execute(tx);
          },
          stateDigest: () => sequence.stateDigest(),
        };
      },
    });
    expect(out.checks.find((c) => c.name === 'safety')!.passed).toBe(true);
    expect(out.checks.find((c) => c.name === 'state-agreement')!.passed).toBe(false);
  });

  it('rejects a warm-up that leaves nothing to measure', () => {
    expect(() => runConsensusWorld({ ...scenario, warmup: 4_000_000 }, 1)).toThrow(/warmup: expected a duration shorter than duration \(4 s\), found 4 s/);
  });

  it('rejects a protocol that is not registered', () => {
    const unknown = { ...scenario, consensus: { ...scenario.consensus, protocol: 'paxos' as 'pbft' } };
    expect(() => runConsensusWorld(unknown, 1)).toThrow(/consensus.protocol: expected a registered protocol, found 'paxos'/);
  });
});
