/**
 * consensus.view_changes on Raft counts each term above the first that a replica started an
 * election for (Ongaro & Ousterhout 2014, §5.2), once, whether or not the election elected a leader:
 * a term lost to a split vote is given up for the next, as a PBFT view whose primary is down is
 * (pbft-view-changes-run.test.ts). Each run is judged against the replicas' own sends: the terms
 * they asked votes for in the window, and the terms a leader announced it won.
 */
import { describe, expect, it } from 'vitest';
import { forwardingContext, type ActorFactory, type HostId, type ModelEvent } from '../../sim/index.ts';
import type { LeadsEvent } from '../protocols/types.ts';
import { loadScenario } from '../scenario/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

interface Elections {
  /** Each term a replica asked votes for in the window (after warm-up), with the replicas that did. */
  readonly candidates: ReadonlyMap<number, ReadonlySet<number>>;
  /** The terms a leader announced it won. */
  readonly won: ReadonlySet<number>;
  /** Each announcement that a replica won a term (`leads`), and each move of the world's leader tracker: replica host @ µs. */
  readonly winners: ReadonlySet<string>;
  readonly trackerMoves: readonly string[];
  readonly viewChanges: number;
}

function elections(scenario: Scenario, seed: number): Elections {
  const candidates = new Map<number, Set<number>>();
  const tapRequestVotes = <M>(index: number, factory: ActorFactory<M>): ActorFactory<M> => (ctx) =>
    factory(forwardingContext(ctx, {
      send: (to, msg, sizeBytes) => {
        const m = msg as { kind: string; term?: number };
        if (m.kind === 'raft-request-vote' && ctx.nowUs >= scenario.warmup) {
          let stood = candidates.get(m.term!);
          if (stood === undefined) candidates.set(m.term!, (stood = new Set()));
          stood.add(index);
        }
        ctx.send(to, msg, sizeBytes);
      },
    }));
  const won = new Set<number>();
  const winners = new Set<string>();
  const observer = (host: HostId, e: ModelEvent, timeUs: number) => {
    if (e.kind !== 'leads') return;
    won.add((e as LeadsEvent).view);
    winners.add(`${host}@${timeUs}`);
  };
  const trackerMoves: string[] = [];
  const out = runConsensusWorld(scenario, seed, {
    observers: [observer],
    wrapReplica: tapRequestVotes,
    setup: (world) => world.onLeaderChange((leader) => trackerMoves.push(`${leader}@${world.engine.nowUs}`)),
  });
  return { candidates, won, winners, trackerMoves, viewChanges: out.metrics['consensus.view_changes']!.value };
}

/** Terms above the first (the first election's) that a replica asked votes for in the window. */
const termsAfterFirst = (e: Elections): number[] => [...e.candidates.keys()].filter((t) => t > 1).sort((a, b) => a - b);
/** Of those, the terms no leader won. */
const lost = (e: Elections): number[] => termsAfterFirst(e).filter((t) => !e.won.has(t));

/** Raft from the start (no warm-up, so its first election lies in the window) with a steady load. */
const raft = (nodes: number, more: { attacks?: unknown[]; raft?: Record<string, unknown>; duration?: string } = {}) =>
  consensusScenario({
    duration: more.duration ?? '10s',
    warmup: '0s',
    network: { latency: { kind: 'normal', mean: '10ms', sd: '2ms', min: '4ms' } },
    consensus: { protocol: 'raft', nodes, batchSize: 5, batchTimeout: '50ms', ...(more.raft === undefined ? {} : { raft: more.raft }) },
    workload: { rateTps: 100, clients: 2 },
    attacks: more.attacks ?? [],
  } as never);

describe('Raft view changes', () => {
  it('are none in a run without faults at n = 3 to 7: the first election replaces no leader', () => {
    for (const nodes of [3, 4, 5, 6, 7]) expect(elections(raft(nodes), 1).viewChanges, `n = ${nodes}`).toBe(0);
  });

  it("are none when a follower crashes, and the leader's crash counts every term stood in after it", () => {
    const runs = [0, 1, 2, 3, 4].map((replica) => elections(raft(5, { attacks: [{ type: 'crash', start: '3s', end: '6s', replicas: [replica] }] }), 1));
    for (const e of runs) expect(e.viewChanges).toBe(termsAfterFirst(e).length);
    // One of the five led when it crashed.
    expect(runs.filter((e) => e.viewChanges > 0)).toHaveLength(1);
  });

  it('count the terms lost when the leader crashes twice, not only the terms won (scenarios/raft.yaml, n = 5, seed 3)', () => {
    const scenario = loadScenario('scenarios/raft.yaml', [
      'duration=30s',
      'attacks=[{"type":"crash","start":"10s","replicas":"leader"},{"type":"crash","start":"20s","replicas":"leader"}]',
    ]).scenario;
    const e = elections(scenario, 3);
    // A term after a crash went to a split vote: without it counted, the metric is the terms won.
    expect(lost(e).length).toBeGreaterThan(0);
    expect(e.viewChanges).toBe(termsAfterFirst(e).length);
  });

  // Election timeouts drawn from 150–170 ms instead of 150–300 ms: followers that lose the leader
  // time out close together and split the vote (§5.2; the narrower the range, the more split votes,
  // §9.3). Leader crashed at 3 s.
  it.each([3, 4, 5, 6])('count a term lost to a split vote, so the count is the highest term reached less the first (n = %i)', (n) => {
    const e = elections(raft(n, { duration: '6s', raft: { electionTimeoutMin: '150ms', electionTimeoutMax: '170ms' }, attacks: [{ type: 'crash', start: '3s', replicas: 'leader' }] }), 3);
    const splitVotes = lost(e).filter((t) => e.candidates.get(t)!.size >= 2);
    expect(splitVotes.length).toBeGreaterThan(0);
    expect(e.viewChanges).toBe(termsAfterFirst(e).length);
    expect(e.viewChanges).toBe(Math.max(...e.candidates.keys()) - 1);
  });

  it.each([3, 4, 5, 6])('leave the leader tracker on the replicas that won a term, never on a candidate that lost one (n = %i)', (n) => {
    const e = elections(raft(n, { duration: '6s', raft: { electionTimeoutMin: '150ms', electionTimeoutMax: '170ms' }, attacks: [{ type: 'crash', start: '3s', replicas: 'leader' }] }), 3);
    expect(lost(e).length).toBeGreaterThan(0);
    expect(e.trackerMoves.length).toBeGreaterThan(0);
    // The tracker moves only as a winner announces itself, to that winner.
    for (const move of e.trackerMoves) expect(e.winners.has(move), move).toBe(true);
  });
});
