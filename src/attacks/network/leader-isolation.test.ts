import { describe, expect, it } from 'vitest';
import { toyWorld, type ToyReplica } from '../testing/toy-world.ts';
import { leaderSide } from './leader-isolation.ts';

const announce = (w: ReturnType<typeof toyWorld>, replica: number, view: number): void =>
  w.engine.emit(w.replicaHosts[replica]!, { kind: 'view-change', view, leader: w.replicaHosts[replica]! } as never);

describe('leader-isolation', () => {
  it('takes the followers after the leader by index, wrapping', () => {
    expect(leaderSide(3, 2, 5)).toEqual([3, 4, 0]);
    expect(leaderSide(1, 0, 5)).toEqual([1]);
  });

  it('stops commits while the leader and one follower are cut from the other two, and commits resume once it heals', () => {
    const w = toyWorld(4, [{ type: 'leader-isolation', start: '100ms', end: '300ms', followers: 1 }]);
    w.engine.run(500_000);
    // Replicas 0 (the leader) and 1 hear each other only: no side has the toy protocol's quorum of 3.
    expect(w.commits.filter((c) => c.timeUs > 110_000 && c.timeUs < 300_000)).toHaveLength(0);
    expect(w.commits.filter((c) => c.timeUs > 310_000).length).toBeGreaterThan(0);
    expect(w.plan.truth.all('host', 'isolated-leader').map((l) => [l.id, l.fromUs, l.toUs])).toEqual([[w.replicaHosts[0], 100_000, 300_000]]);
  });

  it('keeps clients reaching the isolated leader', () => {
    const received = (clients: number): number => {
      const w = toyWorld(4, [{ type: 'leader-isolation', start: '0s', end: '200ms' }], { clients });
      w.engine.run(100_000);
      return w.engine.actor<ToyReplica>(w.replicaHosts[0]!).received;
    };
    // What a client adds is its pings, one per 5 ms: none is cut.
    expect(received(1) - received(0)).toBe(19);
  });

  it('without follow, stays around the leader at its start', () => {
    const w = toyWorld(4, [{ type: 'leader-isolation', start: '0s', end: '200ms' }]);
    w.engine.at(50_000, () => announce(w, 2, 1));
    w.engine.run(300_000);
    expect(w.plan.truth.all('host', 'isolated-leader').map((l) => l.id)).toEqual([w.replicaHosts[0]]);
  });

  it('with follow, moves to a new leader `after` its announcement, and at once with no delay', () => {
    const w = toyWorld(4, [{ type: 'leader-isolation', start: '0s', end: '200ms', follow: true, after: '20ms' }]);
    w.engine.at(50_000, () => announce(w, 2, 1));
    w.engine.run(300_000);
    const moves = (x: typeof w) => x.plan.truth.all('host', 'isolated-leader').map((l) => [l.id, l.fromUs, l.toUs]);
    expect(moves(w)).toEqual([[w.replicaHosts[0], 0, 70_000], [w.replicaHosts[2], 70_000, 200_000]]);
    const atOnce = toyWorld(4, [{ type: 'leader-isolation', start: '0s', end: '200ms', follow: true }]);
    atOnce.engine.at(50_000, () => announce(atOnce, 2, 1));
    atOnce.engine.run(300_000);
    expect(moves(atOnce)).toEqual([[atOnce.replicaHosts[0], 0, 50_000], [atOnce.replicaHosts[2], 50_000, 200_000]]);
  });

  it('with afterMax, draws delays between after and afterMax, and cuts only the newest leader', () => {
    const w = toyWorld(4, [{ type: 'leader-isolation', start: '0s', end: '900ms', follow: true, after: '1ms', afterMax: '90ms' }]);
    for (let k = 1; k <= 8; k++) w.engine.at(k * 100_000, () => announce(w, k % 4, k));
    w.engine.run(1_000_000);
    const labels = w.plan.truth.all('host', 'isolated-leader').slice(1);
    expect(labels).toHaveLength(8);
    const delays = labels.map((l, k) => l.fromUs - (k + 1) * 100_000);
    for (const d of delays) expect(d >= 1 && d <= 90_000).toBe(true);
    // Spread over orders of magnitude: some under 10 ms, some over.
    expect(delays.some((d) => d < 10_000) && delays.some((d) => d > 10_000)).toBe(true);
  });
});
