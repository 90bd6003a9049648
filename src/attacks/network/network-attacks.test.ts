import { describe, expect, it } from 'vitest';
import { toyWorld, type ToyReplica } from '../testing/toy-world.ts';

describe('partition', () => {
  it('stops commits while a 2/2 split leaves no quorum, and commits resume after it heals', () => {
    const w = toyWorld(4, [{ type: 'partition', start: '100ms', end: '300ms', groups: [[0, 1], [2, 3]] }]);
    w.engine.run(500_000);
    const during = w.commits.filter((c) => c.timeUs > 110_000 && c.timeUs < 300_000);
    const after = w.commits.filter((c) => c.timeUs > 310_000);
    expect(during).toHaveLength(0);
    expect(after.length).toBeGreaterThan(0);
    expect(w.plan.truth.all('host').map((l) => l.role)).toContain('partition-group-1');
    expect(w.plan.outcomes()['attack.max_commit_gap_ms']!.value).toBeGreaterThanOrEqual(200);
  });
});

describe('eclipse', () => {
  it('cuts the victim off from every replica but the attackers', () => {
    const w = toyWorld(4, [{ type: 'eclipse', start: '0s', victim: 3, attackers: [2] }]);
    w.engine.run(200_000);
    const victim = w.engine.actor<ToyReplica>(w.replicaHosts[3]!);
    // The victim hears only replica 2: one vote per height, never the leader's proposals.
    expect(victim.received).toBeGreaterThan(0);
    expect(w.commits.filter((c) => c.host === w.replicaHosts[3])).toHaveLength(0);
    expect(w.commits.filter((c) => c.host === w.replicaHosts[1]).length).toBeGreaterThan(0);
  });
});

describe('leader-delay', () => {
  it('slows every message of the leader and follows a view change to the new leader', () => {
    const base = toyWorld(4, []);
    base.engine.run(100_000);
    const w = toyWorld(4, [{ type: 'leader-delay', start: '0s', delay: '4ms' }]);
    w.engine.run(100_000);
    // Propose (+4 ms from the leader) and the leader's own votes (+4 ms) delay each commit.
    const first = (ws: typeof w) => ws.commits.find((c) => c.host === ws.replicaHosts[1])!.timeUs;
    expect(first(w) - first(base)).toBe(4_000);
    w.engine.emit(w.replicaHosts[2]!, { kind: 'view-change', view: 1, leader: w.replicaHosts[2]! } as never);
    const labels = w.plan.truth.all('host', 'delayed-leader');
    expect(labels.map((l) => l.id)).toEqual([w.replicaHosts[0], w.replicaHosts[2]]);
    expect(labels[0]!.toUs).toBe(100_000);
  });
});

describe('leader-dos', () => {
  it("consumes the configured share of the leader's processor during the window", () => {
    const w = toyWorld(4, [{ type: 'leader-dos', start: '100ms', end: '300ms', load: 0.5, tick: '10ms' }]);
    w.engine.run(400_000);
    expect(w.engine.cpuBusyUs(w.replicaHosts[0]!)).toBe(0.5 * 200_000);
    expect(w.engine.cpuBusyUs(w.replicaHosts[1]!)).toBe(0);
  });
});
