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

describe('leader-delay with after', () => {
  it('moves to a new leader `after` its announcement, and never to one replaced before then', () => {
    const w = toyWorld(4, [{ type: 'leader-delay', start: '0s', delay: '4ms', after: '5ms' }]);
    const announce = (atUs: number, replica: number, view: number) =>
      w.engine.at(atUs, () => w.engine.emit(w.replicaHosts[replica]!, { kind: 'view-change', view, leader: w.replicaHosts[replica]! } as never));
    announce(50_000, 2, 1);
    // Replica 3 leads for 2 ms only, less than `after`: the attack goes from 2 straight to 1.
    announce(70_000, 3, 2);
    announce(72_000, 1, 3);
    w.engine.run(100_000);
    const labels = w.plan.truth.all('host', 'delayed-leader');
    expect(labels.map((l) => [l.id, l.fromUs, l.toUs])).toEqual([
      [w.replicaHosts[0], 0, 55_000],
      [w.replicaHosts[2], 55_000, 77_000],
      [w.replicaHosts[1], 77_000, Infinity],
    ]);
  });
});

describe('leader-dos', () => {
  it("consumes the configured share of the leader's processor during the window", () => {
    const w = toyWorld(4, [{ type: 'leader-dos', start: '100ms', end: '300ms', load: 0.5, tick: '10ms' }]);
    w.engine.run(400_000);
    expect(w.engine.cpuBusyUs(w.replicaHosts[0]!)).toBe(0.5 * 200_000);
    expect(w.engine.cpuBusyUs(w.replicaHosts[1]!)).toBe(0);
  });

  it('floods a new leader from `after` its announcement on, the old one until then', () => {
    const w = toyWorld(4, [{ type: 'leader-dos', start: '100ms', end: '300ms', load: 0.5, tick: '10ms', after: '50ms' }]);
    w.engine.at(150_000, () => w.engine.emit(w.replicaHosts[1]!, { kind: 'view-change', view: 1, leader: w.replicaHosts[1]! } as never));
    w.engine.run(400_000);
    // Ticks at 100, 110, ..., 290 ms: those before 200 ms load replica 0, the rest replica 1.
    expect(w.engine.cpuBusyUs(w.replicaHosts[0]!)).toBe(0.5 * 100_000);
    expect(w.engine.cpuBusyUs(w.replicaHosts[1]!)).toBe(0.5 * 100_000);
  });
});
