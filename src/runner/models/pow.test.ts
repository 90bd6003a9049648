import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/index.ts';
import { simulate } from '../simulate.ts';
import { runConsensusWorld } from '../../world/testing/run.ts';
import { runPowScenario } from './pow.ts';
import { consensusScenario } from '../../world/testing/scenarios.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const load = (file: string, sets: string[] = []) => loadScenario(`${root}${file}`, sets).scenario;

describe('PoW run model', () => {
  it('runs scenarios/pow-consortium.yaml through simulate(), safe and final', () => {
    const out = simulate(load('scenarios/pow-consortium.yaml', ['duration=10m']), 1);
    expect(out.metrics['pow.blocks']!.value).toBeGreaterThan(20);
    expect(out.metrics['safety.violations']!.value).toBe(0);
    expect(out.checks.find((c) => c.name === 'safety')?.passed).toBe(true);
  });

  it('places SimBlock regions by share with per-region bandwidth (scenarios/pow.yaml, 10 blocks)', () => {
    const out = runPowScenario(load('scenarios/pow.yaml', ['consensus.pow.blocks=10']), 1);
    expect(out.metrics['pow.blocks']!.value).toBe(10);
    expect(out.metrics['pow.block_propagation_ms.p50']!.value).toBeGreaterThan(100);
    expect(out.metrics['pow.block_propagation_ms.p50']!.value).toBeLessThan(5_000);
  });

  it('gives the majority attacker every attempt at a seed where honest blocks in flight overtook one of its releases', () => {
    // Seed 3003: a release at a one-block lead lost to two honest blocks mined before it arrived;
    // an attacker that gave up there scored 21 of 22.
    const out = runPowScenario(load('scenarios/attacks/majority.yaml'), 3003);
    expect(out.metrics['attack.majority.attempts']!.value).toBeGreaterThan(10);
    expect(out.metrics['attack.majority.success_rate']!.value).toBe(1);
  });

  it('runs the selfish-mining attack scenario with its outcome metric', () => {
    const out = runPowScenario(load('scenarios/attacks/selfish-mining.yaml', ['consensus.pow.blocks=200', 'consensus.nodes=30']), 2);
    expect(out.metrics['attack.selfish_mining.revenue_share']!.value).toBeGreaterThan(0);
    expect(out.metrics['attack.selfish_mining.hash_share']!.value).toBe(0.4);
  });

  it('shows the majority attacker breaking finality, caught by the safety checker', () => {
    const out = runPowScenario(load('scenarios/attacks/majority.yaml', ['consensus.pow.blocks=100']), 1);
    expect(out.metrics['attack.majority.success_rate']!.value).toBe(1);
    expect(out.metrics['pow.finality_violations']!.value).toBeGreaterThan(0);
    expect(out.metrics['safety.violations']!.value).toBeGreaterThan(0);
  });

  it('answers clients once their transactions are k blocks deep (generic consensus model)', () => {
    const s = consensusScenario({
      duration: '90s',
      warmup: '0s',
      consensus: { protocol: 'pow', nodes: 8, pow: { blockInterval: '2s', confirmations: 3, compactBlockShare: 0 } },
      workload: { rateTps: 20, clients: 1, requestTimeout: '10m' },
    } as Parameters<typeof consensusScenario>[0]);
    const out = runConsensusWorld(s, 1);
    expect(out.metrics['consensus.confirmed_txs']!.value).toBeGreaterThan(1_000);
    // Inclusion plus two more blocks of 2 s each: a few seconds, never less than one block.
    expect(out.metrics['consensus.client_latency_ms.p50']!.value).toBeGreaterThan(2_000);
    expect(out.metrics['safety.violations']!.value).toBe(0);
    expect(out.metrics['validity.violations']!.value).toBe(0);
  });

  it('rejects a non-PoW attack in a PoW scenario, naming the field', () => {
    const s = load('scenarios/pow-consortium.yaml');
    const bad = { ...s, attacks: [{ type: 'silence', start: 0, replicas: [1] }] } as unknown as typeof s;
    expect(() => runPowScenario(bad, 1)).toThrow(/attacks\.0\.type/);
  });
});
