/**
 * The Byzantine proxy against the real PBFT replicas through the consensus-only world: inside the
 * fault model (f < n/3) safety holds; beyond it (f ≥ n/3) the safety checker catches the violation.
 */
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../testing/run.ts';
import { zScenario } from '../../scenario/schema.ts';
import { planAttacks } from '../../attacks/plan.ts';

function run(attacks: unknown[], duration = '4s') {
  const s = zScenario.parse({
    name: 't', duration, allowOutsideFaultModel: true,
    consensus: { protocol: 'pbft', nodes: 4, batchSize: 10, batchTimeout: '50ms' },
    workload: { rateTps: 200, clients: 4 },
    attacks,
  });
  const plan = planAttacks(s.attacks, { replicas: 4, clients: 4 });
  return runConsensusWorld(s, 1, { faults: plan });
}

const value = (r: ReturnType<typeof run>, k: string) => r.metrics[k]!.value;

describe('Byzantine replicas against PBFT (n = 4)', () => {
  it('an equivocating primary (f = 1) cannot make honest replicas disagree', () => {
    const r = run([{ type: 'equivocation', replicas: [0], start: '1s' }]);
    expect(value(r, 'safety.violations')).toBe(0);
    expect(value(r, 'attack.conflicting_commits')).toBe(0);
    expect(value(r, 'consensus.committed_txs')).toBeGreaterThan(0);
  });

  it('two colluding equivocators (f = 2 ≥ n/3) make honest replicas commit conflicting blocks, and the safety checker sees it', () => {
    const r = run([{ type: 'equivocation', replicas: [0, 1], start: '2s' }]);
    expect(value(r, 'safety.violations')).toBeGreaterThan(0);
    expect(value(r, 'attack.conflicting_commits')).toBe(value(r, 'safety.violations'));
    expect(r.checks.find((c) => c.name === 'safety')!.passed).toBe(false);
  });

  it('a silent primary is replaced by a view change and commits continue', () => {
    const r = run([{ type: 'silence', replicas: [0], start: '1s' }], '6s');
    expect(value(r, 'consensus.view_changes')).toBeGreaterThan(0);
    expect(value(r, 'liveness.violations')).toBe(0);
    // Progress resumed before the end of the run (the gap is measured up to the end).
    expect(value(r, 'attack.max_commit_gap_ms')).toBeLessThan(5_000);
  });

  it('is deterministic: the same attack and seed give the same trace hash', () => {
    const attacks = [{ type: 'equivocation', replicas: [0], start: '1s' }, { type: 'leader-delay', start: '2s', end: '3s', delay: '20ms' }];
    expect(run(attacks, '3s').traceHash).toBe(run(attacks, '3s').traceHash);
  });
});
