import { describe, expect, it } from 'vitest';
import { toyWorld } from '../testing/toy-world.ts';

function conflicts(w: ReturnType<typeof toyWorld>): number {
  return w.plan.outcomes()['attack.conflicting_commits']!.value;
}

describe('equivocation (split-brain Byzantine replicas)', () => {
  it('cannot make honest replicas commit conflicting values when f < n/3 (one Byzantine leader of 4)', () => {
    const w = toyWorld(4, [{ type: 'equivocation', replicas: [0] }]);
    w.engine.run(200_000);
    expect(w.commits.length).toBeGreaterThan(0);
    expect(conflicts(w)).toBe(0);
    expect(w.plan.truth.byzantineHosts()).toEqual([w.replicaHosts[0]]);
  });

  it('makes two honest replicas commit different values when f ≥ n/3 (two colluders of 4)', () => {
    const w = toyWorld(4, [{ type: 'equivocation', start: '50ms', replicas: [0, 1] }]);
    w.engine.run(200_000);
    const atHeight = new Map<number, Set<string>>();
    for (const c of w.commits) {
      if (!atHeight.has(c.height)) atHeight.set(c.height, new Set());
      atHeight.get(c.height)!.add(c.hash);
    }
    const split = [...atHeight.values()].filter((s) => s.size > 1).length;
    expect(split).toBeGreaterThan(0);
    expect(conflicts(w)).toBe(split);
    // Before the window the shadow face is silent: the first heights agree everywhere.
    expect(atHeight.get(1)!.size).toBe(1);
  });

  it('never passes on a Byzantine replica’s own commit reports', () => {
    const w = toyWorld(4, [{ type: 'equivocation', replicas: [0, 1] }]);
    w.engine.run(100_000);
    expect(w.commits.some((c) => c.host === w.replicaHosts[0] || c.host === w.replicaHosts[1])).toBe(false);
  });
});

describe('silence', () => {
  it('drops what a silent leader sends only inside the window', () => {
    const w = toyWorld(4, [{ type: 'silence', start: '100ms', end: '200ms', replicas: [0] }]);
    w.engine.run(300_000);
    const honest = w.commits.filter((c) => c.host === w.replicaHosts[1]);
    expect(honest.some((c) => c.timeUs > 105_000 && c.timeUs < 200_000)).toBe(false);
    expect(honest.some((c) => c.timeUs > 200_000)).toBe(true);
  });
});

describe('delay-votes', () => {
  it('holds back only the chosen message kinds, by the configured delay', () => {
    const base = toyWorld(4, []);
    base.engine.run(50_000);
    // Replica 1 delaying its votes does not change commits (3 other votes make the quorum) ...
    const w1 = toyWorld(4, [{ type: 'delay-votes', replicas: [1], delay: '3ms', kinds: ['vote'] }]);
    w1.engine.run(50_000);
    const t = (w: ReturnType<typeof toyWorld>, h: number) => w.commits.find((c) => c.host === w.replicaHosts[h])!.timeUs;
    expect(t(w1, 2)).toBe(t(base, 2));
    // ... but two slow voters of four leave no quorum until the held votes arrive.
    const w2 = toyWorld(4, [{ type: 'delay-votes', replicas: [1, 2], delay: '3ms', kinds: ['vote'] }], {});
    w2.engine.run(50_000);
    expect(t(w2, 3) - t(base, 3)).toBe(3_000);
    // Proposals are not votes: they were not held.
    const w3 = toyWorld(4, [{ type: 'delay-votes', replicas: [0, 1], delay: '3ms', kinds: ['ping'] }]);
    w3.engine.run(50_000);
    expect(t(w3, 3)).toBe(t(base, 3));
  });
});

describe('delay-votes, two behaviours of different delays on one replica', () => {
  it('releases each held message at its own delay, a short hold not waiting behind a long one', () => {
    const base = toyWorld(4, []);
    base.engine.run(100_000);
    // Votes held 50 ms until 15 ms, then 3 ms: height 1's votes (11 ms) leave at 61 ms, height 2's
    // (21 ms) at 24 ms, not behind them.
    const w = toyWorld(4, [
      { type: 'delay-votes', replicas: [1, 2], end: '15ms', delay: '50ms', kinds: ['vote'] },
      { type: 'delay-votes', replicas: [1, 2], start: '15ms', delay: '3ms', kinds: ['vote'] },
    ]);
    w.engine.run(100_000);
    const at = (x: ReturnType<typeof toyWorld>, height: number) => x.commits.find((c) => c.host === x.replicaHosts[3] && c.height === height)!.timeUs;
    // Height 2 is proposed at 20 ms, after the long hold ended.
    expect(at(w, 2) - at(base, 2)).toBe(3_000);
  });

  it('loses what it held when its replica crashed: nothing held before the crash leaves after the recovery', () => {
    const w = toyWorld(4, [
      { type: 'delay-votes', replicas: [1], delay: '15ms', kinds: ['vote'] },
      { type: 'crash', start: '12ms', end: '20ms', replicas: [1] },
    ]);
    const sentAfterRecovery: number[] = [];
    const replica1 = w.replicaHosts[1]!;
    const send = w.engine.send.bind(w.engine);
    w.engine.send = (from, to, msg, size) => {
      if (from === replica1 && w.engine.nowUs >= 20_000) sentAfterRecovery.push((msg as { height: number }).height);
      return send(from, to, msg, size);
    };
    w.engine.run(60_000);
    // The votes for height 1 (proposed at 10 ms) were held until 26 ms when the crash at 12 ms took them.
    expect(sentAfterRecovery.length).toBeGreaterThan(0);
    expect(sentAfterRecovery).not.toContain(1);
  });
});

describe('censorship', () => {
  it('drops incoming transactions from censored clients only, and labels them as ground truth', () => {
    const w = toyWorld(4, [{ type: 'censorship', replicas: [0], clients: [0] }], { clients: 2 });
    w.engine.at(10_000, () => {
      // Two requests reach the leader: one from each client.
      for (const [k, c] of w.clientHosts.entries()) {
        w.engine.send(c, w.replicaHosts[0]!, { kind: 'request', tx: { id: 1000 + k, sender: c, sizeBytes: 1, payloadDigest: '', submittedUs: 10_000 } }, 10);
      }
    });
    w.engine.run(12_000);
    expect(w.plan.truth.all('tx', 'censored').map((l) => l.id)).toEqual([1000]);
    expect(w.plan.truth.all('host', 'censored-client').map((l) => l.id)).toEqual([w.clientHosts[0]]);
  });
});

describe('stale-qc (a split brain whose second face runs a protocol lever)', () => {
  it('refuses a replica that offers no Byzantine levers rather than running an attack that does nothing', () => {
    expect(() => toyWorld(4, [{ type: 'stale-qc', replicas: [0] }])).toThrow(/protocol lever 'propose-on-lock'/);
  });
});
