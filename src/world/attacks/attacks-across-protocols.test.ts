/**
 * The network and engine attacks (silence, crash with an end, leader-dos, delay-votes, eclipse) on
 * every BFT and crash-fault protocol at sizes other than the textbook n = 4: PBFT n = 5, HotStuff
 * n = 6, Raft n = 4, Clique (PoA) n = 6 and n = 9. Each run must stay safe, valid and live, commit
 * new work after the attack, and show the attack's own effect against the same run without it, so
 * an attack that silently does nothing on one protocol (as the leader-following attacks did on
 * HotStuff and PoA) fails here.
 *
 * Every run: 10 s, warm-up 1 s, fixed 10 ms links, 50 tx/s from 2 clients (1 s request timeout, so
 * PBFT's clients broadcast a stalled request after 1 s, §4.1), the attack active from 3 s to 7 s.
 * Liveness is judged against a bound stated here, shorter than the run, so the check can fail: 3 s
 * (one view change of PBFT, 1 s request timeout plus 1 s view-change timer, fits; a stall through
 * the 4 s window does not), 4 s for Clique (its first commit waits for ⌊n/2⌋ + 1 confirmations of
 * 500 ms periods: 3 s at n = 9).
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import { planAttacks } from '../../attacks/plan.ts';
import type { RunOutput } from '../../metrics/types.ts';
import type { CommitEvent, LeadsEvent, ViewChangeEvent } from '../../protocols/types.ts';
import { zScenario } from '../../scenario/schema.ts';
import { runConsensusWorld } from '../testing/run.ts';

const DURATION_US = 10_000_000;
/** The attack window of every run, µs. */
const START_US = 3_000_000;
const END_US = 7_000_000;
const WINDOW_US = END_US - START_US;
const CLIENTS = 2;

/** leader-dos: 95 % of the leader's processor, charged each 10 ms tick (the default). */
const DOS_LOAD = 0.95;
const DOS_TICK_MS = 10;
/** delay-votes: 100 ms on every message of the delaying replica (kinds left at its default, []: all). */
const DELAY_MS = 100;

interface Case {
  readonly protocol: 'pbft' | 'hotstuff' | 'raft' | 'poa';
  readonly n: number;
  readonly livenessBound: string;
  readonly consensus: Record<string, unknown>;
}

// Clique: a block every 500 ms (wiggle 100 ms), blocks large enough for the offered load.
const CLIQUE = { batchSize: 100, poa: { period: '500ms', wiggle: '100ms' } };
const CASES: readonly Case[] = [
  { protocol: 'pbft', n: 5, livenessBound: '3s', consensus: {} },
  { protocol: 'hotstuff', n: 6, livenessBound: '3s', consensus: {} },
  { protocol: 'raft', n: 4, livenessBound: '3s', consensus: {} },
  { protocol: 'poa', n: 6, livenessBound: '4s', consensus: CLIQUE },
  { protocol: 'poa', n: 9, livenessBound: '4s', consensus: CLIQUE },
];

interface Run {
  readonly out: RunOutput;
  /** View changes (PBFT views, Raft terms won, HotStuff timed-out views) as their new leader announced them. */
  readonly viewChanges: readonly { readonly atUs: number; readonly leader: HostId }[];
  /** Transactions first committed by a replica outside `byzantine` after the attack window ended. */
  readonly committedAfterWindow: number;
}

const ms = (us: number) => `${us / 1000}ms`;

function run(c: Case, attack: Record<string, unknown> | undefined, byzantine: readonly number[] = []): Run {
  const s = zScenario.parse({
    name: `${c.protocol}-${c.n}-${String(attack?.['type'] ?? 'none')}`,
    duration: ms(DURATION_US),
    warmup: '1s',
    network: { latency: { kind: 'fixed', value: '10ms' } },
    consensus: { protocol: c.protocol, nodes: c.n, batchSize: 10, batchTimeout: '50ms', livenessBound: c.livenessBound, ...c.consensus },
    workload: { rateTps: 50, clients: CLIENTS, requestTimeout: '1s' },
    attacks: attack === undefined ? [] : [{ ...attack, start: ms(START_US), end: ms(END_US) }],
  });
  const viewChanges: { atUs: number; leader: HostId }[] = [];
  const firstCommitUs = new Map<number, number>();
  // Replicas are hosts 0..n−1 (src/world/replica-lag-run.test.ts reads them the same way).
  const observer = (host: HostId, e: ModelEvent, t: number) => {
    // Raft's leader of a new term announces it with `leads` (its candidates' elections name no
    // leader); HotStuff's `leads` of every view are no view change.
    if (e.kind === 'view-change' || (c.protocol === 'raft' && e.kind === 'leads')) {
      const v = e as ViewChangeEvent | LeadsEvent;
      if (v.leader === host) viewChanges.push({ atUs: t, leader: v.leader });
    } else if (e.kind === 'commit' && host < c.n && !byzantine.includes(host)) {
      for (const tx of (e as CommitEvent).block.txs) if (!firstCommitUs.has(tx.id)) firstCommitUs.set(tx.id, t);
    }
  };
  const faults = attack === undefined ? undefined : planAttacks(s.attacks, { replicas: c.n, clients: CLIENTS });
  const out = runConsensusWorld(s, 1, { observers: [observer], ...(faults === undefined ? {} : { faults }) });
  let committedAfterWindow = 0;
  for (const t of firstCommitUs.values()) if (t >= END_US) committedAfterWindow++;
  return { out, viewChanges, committedAfterWindow };
}

const value = (r: Run, metric: string): number => {
  const m = r.out.metrics[metric];
  if (m === undefined) throw new Error(`no metric ${metric}`);
  return m.value;
};

const baselines = new Map<Case, Run>();
const baseline = (c: Case): Run => {
  let b = baselines.get(c);
  if (b === undefined) baselines.set(c, (b = run(c, undefined)));
  return b;
};

/** Who leads when the window opens, in the run without the attack: Raft's elected leader, replica 0 elsewhere (PBFT's primary of view 0; one of HotStuff's and Clique's rotating leaders). */
function leaderAtStart(c: Case): number {
  const before = baseline(c).viewChanges.filter((v) => v.atUs < START_US);
  return before.length === 0 ? 0 : before[before.length - 1]!.leader;
}

/** A replica that does not lead when the window opens. */
const follower = (c: Case): number => (leaderAtStart(c) === c.n - 1 ? 0 : c.n - 1);

/** What every attacked run must show: safe, valid, judged live, and committing new work after the window. */
function expectHealthy(c: Case, r: Run): void {
  expect(value(r, 'safety.violations')).toBe(0);
  expect(value(r, 'validity.violations')).toBe(0);
  expect(value(r, 'liveness.violations')).toBe(0);
  // The liveness check could have failed: the run is longer than the bound and nothing was excused.
  expect(r.out.checks.find((x) => x.name === 'liveness')?.couldNotFail).toBeUndefined();
  expect(r.out.checks.filter((x) => !x.passed).map((x) => `${x.name}: ${x.detail}`)).toEqual([]);
  expect(value(r, 'consensus.committed_txs')).toBeGreaterThan(0);
  // The load after the window is the baseline's: a protocol that recovered commits it about as fast.
  expect(r.committedAfterWindow).toBeGreaterThan(0.5 * baseline(c).committedAfterWindow);
  expect(value(r, 'attack.labels')).toBeGreaterThanOrEqual(1);
}

/**
 * A replica down or cut off for the window trails by about the window: it misses every height first
 * committed while it is out and commits them once it is back and fetches them. Less than the window
 * by at most one commit interval (Clique's 500 ms period); more by its catch-up, under 1 s, where one
 * that never caught up would trail to the end of the run (≥ 6 s). The run without it: tens of ms.
 */
function expectTrailsForTheWindow(c: Case, r: Run): void {
  expect(value(baseline(c), 'consensus.replica_lag_ms')).toBeLessThan(100);
  expect(value(r, 'consensus.replica_lag_ms')).toBeGreaterThan((WINDOW_US - 1_000_000) / 1000);
  expect(value(r, 'consensus.replica_lag_ms')).toBeLessThan((WINDOW_US + 1_000_000) / 1000);
}

describe.each(CASES)('$protocol at n = $n under network and engine attacks', (c) => {
  it('runs clean without an attack (the baseline every effect is measured against)', () => {
    const b = baseline(c);
    expect(value(b, 'safety.violations')).toBe(0);
    expect(value(b, 'liveness.violations')).toBe(0);
    expect(value(b, 'consensus.view_changes')).toBe(0);
    expect(b.committedAfterWindow).toBeGreaterThan(50);
  });

  it('silence of the leader at the window start: replaced by a view change, or its heights sealed out of turn', () => {
    const silent = leaderAtStart(c);
    const r = run(c, { type: 'silence', replicas: [silent] }, [silent]);
    expectHealthy(c, r);
    if (c.protocol === 'poa') {
      // Its blocks never reach the others, so each of its in-turn heights is sealed out of turn
      // (difficulty 1) by another signer; without the attack every block is in turn.
      expect(value(baseline(c), 'poa.in_turn_ratio')).toBe(1);
      expect(value(r, 'poa.in_turn_ratio')).toBeLessThan(1);
    } else {
      // PBFT's backups suspect the primary, Raft's followers elect anew, HotStuff's views led by the
      // silent replica time out: each is a view change the run without the attack never has.
      expect(value(r, 'consensus.view_changes')).toBeGreaterThan(0);
      const during = r.viewChanges.filter((v) => v.atUs >= START_US && v.atUs < END_US);
      expect(during.length).toBeGreaterThan(0);
      // PBFT and Raft move the leadership off the silent replica for good (no timed-out view of
      // HotStuff is the silent replica's own: it never announces anything).
      expect(during.every((v) => v.leader !== silent)).toBe(true);
    }
  });

  it('crash of a follower with an end (crash-recovery): it trails for the window, then catches up', () => {
    const r = run(c, { type: 'crash', replicas: [follower(c)] });
    expectHealthy(c, r);
    expectTrailsForTheWindow(c, r);
  });

  it('eclipse of a follower (no attackers, so isolated): it trails for the window, then catches up', () => {
    const r = run(c, { type: 'eclipse', victim: follower(c) });
    expectHealthy(c, r);
    expectTrailsForTheWindow(c, r);
  });

  it(`delay-votes on the leader at the window start (every message it sends held ${DELAY_MS} ms): requests in the window wait longer`, () => {
    const slow = leaderAtStart(c);
    const r = run(c, { type: 'delay-votes', replicas: [slow], delay: `${DELAY_MS}ms` }, [slow]);
    expectHealthy(c, r);
    if (c.protocol === 'poa') {
      // A Clique signer seals one height in n and relays the requests of the client that starts at
      // it (client 0, src/protocols/client/request-target.ts), while the other client sends to
      // another signer and every signer takes a request from its rebroadcast after 1 s, well before
      // its commit (2.3 s at n = 6, 2.8 s at n = 9). The held signer's in-turn blocks reach the
      // others after an out-of-turn signer's wiggle (100 ms) may have run out, so the chain forks,
      // or the requests it holds miss a block and commit later. Which shows depends on the draws
      // (seeds 1-3: at n = 6 the mean latency rises by 28-37 ms and the reorgs by 0-5; at n = 9
      // the latency by 1-7 ms and the reorgs by 6-8); without the delay neither moves.
      const latencyRiseMs = value(r, 'consensus.client_latency_ms.mean') - value(baseline(c), 'consensus.client_latency_ms.mean');
      const reorgsAdded = value(r, 'poa.reorgs') - value(baseline(c), 'poa.reorgs');
      expect(latencyRiseMs > DELAY_MS / 20 || reorgsAdded >= 3).toBe(true);
      return;
    }
    // PBFT's primary orders every request (its pre-prepare is held), Raft's leader appends every
    // entry (append and reply held), and HotStuff's chain of three views runs through replica 0's
    // held proposals and votes: a request in the window waits at least the delay.
    expect(value(r, 'attack.legit_latency_ms.p95')).toBeGreaterThanOrEqual(value(baseline(c), 'consensus.client_latency_ms.p95') + 0.9 * DELAY_MS);
  });

  it(`leader-dos (load ${DOS_LOAD}, tick ${DOS_TICK_MS} ms) floods whoever leads, following it`, () => {
    const r = run(c, { type: 'leader-dos', load: DOS_LOAD, tick: `${DOS_TICK_MS}ms` });
    expectHealthy(c, r);
    // One label per leader flooded: PBFT's primary and Raft's leader stay put through the window;
    // HotStuff's leader changes every view (tens of ms), Clique's in-turn signer every 500 ms height.
    const labels = value(r, 'attack.labels');
    if (c.protocol === 'pbft' || c.protocol === 'raft') expect(labels).toBe(1);
    else if (c.protocol === 'hotstuff') expect(labels).toBeGreaterThan(20);
    else expect(labels).toBeGreaterThanOrEqual(WINDOW_US / 500_000 - 1);
    // The flood's work is charged: the busiest core carries load × window / duration of it, spread
    // over the n replicas where the leader rotates.
    const share = (DOS_LOAD * WINDOW_US) / DURATION_US / (labels === 1 ? 1 : c.n);
    expect(value(r, 'node.cpu_utilization_core_max')).toBeGreaterThan(value(baseline(c), 'node.cpu_utilization_core_max') + 0.5 * share);
    if (c.protocol !== 'poa') {
      // The leader's protocol work waits behind up to load × tick of flood at each message it
      // handles, and every commit goes through the leader (HotStuff's next leader, flooded from
      // when it enters its view, gathers the votes and proposes): the tail of commit latency rises.
      expect(value(r, 'consensus.commit_latency_ms.p99')).toBeGreaterThan(value(baseline(c), 'consensus.commit_latency_ms.p99') + 0.25 * DOS_LOAD * DOS_TICK_MS);
    }
    // A Clique signer's only leader's work is its seal, a timer at the period's end: the flood can
    // hold it for at most load × tick (9.5 ms against a 500 ms period), and on this 10 ms grid the
    // seal runs before the tick's charge at the same instant, so no latency rise is asserted.
  });

});
