import { describe, expect, it } from 'vitest';
import { toyWorld, type ToyReplica } from '../testing/toy-world.ts';

describe('crash', () => {
  it('stops a replica for its window, then recovers it and labels the window in the ground truth', () => {
    const w = toyWorld(4, [{ type: 'crash', start: '50ms', end: '150ms', replicas: [2] }]);
    w.engine.run(100_000);
    expect(w.engine.isUp(w.replicaHosts[2]!)).toBe(false);
    w.engine.run(200_000);
    expect(w.engine.isUp(w.replicaHosts[2]!)).toBe(true);
    expect(w.engine.actor<ToyReplica>(w.replicaHosts[2]!).recovered).toBe(1);
    const [label] = w.plan.truth.of('host', w.replicaHosts[2]!);
    expect([label!.fromUs, label!.toUs, label!.role]).toEqual([50_000, 150_000, 'crashed']);
  });

  it("crashes whoever leads at start when targeted at 'leader'", () => {
    const w = toyWorld(4, [{ type: 'crash', start: '50ms', replicas: 'leader' }]);
    w.engine.emit(w.replicaHosts[1]!, { kind: 'view-change', view: 1, leader: w.replicaHosts[1]! } as never);
    w.engine.run(60_000);
    expect(w.engine.isUp(w.replicaHosts[1]!)).toBe(false);
    expect(w.engine.isUp(w.replicaHosts[0]!)).toBe(true);
  });
});
