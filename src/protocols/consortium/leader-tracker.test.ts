import { describe, expect, it } from 'vitest';
import { Engine, type Actor } from '../../../sim/index.ts';
import { LeaderTracker } from './leader-tracker.ts';

const idle = (): Actor<unknown> => ({ onMessage() {}, onTimer() {} });

function world(n: number) {
  const engine = new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: 1_000 } } });
  const place = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };
  const hosts = Array.from({ length: n }, (_, i) => engine.addHost(place, idle, `replica:${i}`));
  const outsider = engine.addHost(place, idle, 'client:0');
  return { engine, hosts, outsider, tracker: new LeaderTracker(engine, hosts) };
}

describe('LeaderTracker', () => {
  it('follows the highest view announced by a replica and tells listeners when the leader moves', () => {
    const { engine, hosts, outsider, tracker } = world(4);
    const seen: number[] = [];
    tracker.onChange((l) => seen.push(l));
    expect(tracker.current()).toBe(hosts[0]);
    engine.emit(hosts[2]!, { kind: 'view-change', view: 2, leader: hosts[2]! } as never);
    // A replica entering an older view late, and a host that is not a replica, move nothing.
    engine.emit(hosts[1]!, { kind: 'view-change', view: 1, leader: hosts[1]! } as never);
    engine.emit(outsider, { kind: 'view-change', view: 9, leader: outsider } as never);
    engine.emit(hosts[3]!, { kind: 'view-change', view: 3, leader: hosts[3]! } as never);
    expect(tracker.current()).toBe(hosts[3]);
    expect(seen).toEqual([hosts[2], hosts[3]]);
  });

  it("follows only a leader's own announcement, not a view entered under a leader who may be down", () => {
    const { engine, hosts, tracker } = world(4);
    const seen: number[] = [];
    tracker.onChange((l) => seen.push(l));
    // Replicas 0 and 3 enter view 1 on a quorum's certificate, naming its leader, replica 1, who
    // never announces it (down) and is no leader; they move on to view 2, whose leader announces it.
    engine.emit(hosts[0]!, { kind: 'view-change', view: 1, leader: hosts[1]! } as never);
    engine.emit(hosts[3]!, { kind: 'view-change', view: 1, leader: hosts[1]! } as never);
    expect(tracker.current()).toBe(hosts[0]);
    engine.emit(hosts[3]!, { kind: 'view-change', view: 2, leader: hosts[2]! } as never);
    engine.emit(hosts[2]!, { kind: 'leads', view: 2, leader: hosts[2]! } as never);
    expect(tracker.current()).toBe(hosts[2]);
    expect(seen).toEqual([hosts[2]]);
  });
});
