import { describe, expect, it } from 'vitest';
import { buildBlock } from '../ledger/block.ts';
import { ZERO_HASH } from '../ledger/hash.ts';
import { txId, type Transaction } from '../ledger/types.ts';
import type { CommitEvent } from '../protocols/types.ts';
import { LivenessChecker, longestWatchedStretch } from './liveness.ts';
import { SafetyChecker } from './safety.ts';
import { StateAgreementChecker } from './state-agreement.ts';
import { ValidityChecker } from './validity.ts';

const tx = (seq: number, digest = 'd'): Transaction => ({ id: txId(9, seq), sender: 9, sizeBytes: 10, payloadDigest: digest, submittedUs: 0 });
const block = (height: number, txs: Transaction[], proposer = 0) => buildBlock({ parentHash: ZERO_HASH, height, proposer, timestampUs: 0, txs });
const commit = (height: number, txs: Transaction[], proposer = 0) => ({ kind: 'commit', block: block(height, txs, proposer) });
/** A block carrying `t` again, which the replica says it did not execute a second time. */
const replayed = (height: number, t: Transaction): CommitEvent => ({ kind: 'commit', block: block(height, [t], 0), alreadyExecutedTxIds: [t.id] });
const submit = (t: Transaction) => ({ kind: 'submit', tx: t });
const timedOut = (t: Transaction) => ({ kind: 'timed-out', tx: t });

describe('SafetyChecker', () => {
  it('records the time, height and both hosts of a conflicting commit', () => {
    const s = new SafetyChecker();
    s.observe(0, commit(1, [tx(0)]), 10);
    s.observe(1, commit(1, [tx(0)]), 11);
    s.observe(2, commit(1, [tx(1)]), 12);
    expect(s.violationCount).toBe(1);
    expect(s.violations[0]).toMatchObject({ timeUs: 12, height: 1, hosts: [0, 2] });
    expect(s.outcome().passed).toBe(false);
  });

  it('keeps a height until every honest replica has committed it, so a conflicting commit by a slow replica is caught', () => {
    // Replicas 0, 1 and 2: 0 and 1 run ahead; 2 commits another block at height 1 much later.
    const s = new SafetyChecker(undefined, [0, 1, 2]);
    for (let h = 1; h <= 50; h++) {
      s.observe(0, commit(h, [tx(h)]), h);
      s.observe(1, commit(h, [tx(h)]), h);
    }
    s.observe(2, commit(1, [tx(99)]), 60);
    expect(s.violations).toMatchObject([{ height: 1, hosts: [0, 2] }]);
    expect(s.outcome().detail).toMatch(/^1 height with conflicting commits, 1 commit unlike the first at it: height 1 /);
  });

  it('says how many heights conflict and how many commits, so the commits it leaves unlisted are counted as commits', () => {
    // Height 1: replicas 1 and 2 each commit a block unlike replica 0's; height 2: replica 1.
    const s = new SafetyChecker();
    for (const [host, h, t] of [[0, 1, 0], [1, 1, 1], [2, 1, 2], [0, 2, 3], [1, 2, 4]] as const) s.observe(host, commit(h, [tx(t)]), 10 * (h + host));
    expect(s.violationCount).toBe(2);
    expect(s.outcome().detail).toMatch(/^2 heights with conflicting commits, 3 commits unlike the first at their height: height 1 .*; height 1 .*; height 2 [^;]*$/);
  });

  it('counts every committed height in its verdict after dropping those all honest replicas passed', () => {
    const s = new SafetyChecker(undefined, [0, 1]);
    for (let h = 1; h <= 20; h++) for (const host of [0, 1]) s.observe(host, commit(h, [tx(h)]), h);
    expect(s.outcome().detail).toBe('20 heights committed, no conflicts');
  });

  it('says it could not fail while no height was committed twice by honest replicas, and not once one was', () => {
    const s = new SafetyChecker();
    s.observe(0, commit(1, [tx(0)]), 10);
    s.observe(0, commit(2, [tx(1)]), 20);
    expect(s.outcome()).toMatchObject({ passed: true, couldNotFail: 'no height was committed twice by honest replicas (2 heights committed once), so no two commits could disagree' });
    s.observe(1, commit(1, [tx(0)]), 30);
    expect(s.outcome().couldNotFail).toBeUndefined();
  });

  it('ignores commits from hosts it was told are Byzantine', () => {
    const s = new SafetyChecker((h) => h !== 2);
    s.observe(0, commit(1, [tx(0)]), 10);
    s.observe(2, commit(1, [tx(1)]), 12);
    expect(s.outcome().passed).toBe(true);
  });
});

describe('LivenessChecker', () => {
  it('reports a stall longer than the bound while work waits', () => {
    const l = new LivenessChecker(1_000);
    l.observe(5, submit(tx(0)), 0);
    l.observe(0, commit(1, [tx(0)]), 500);
    l.observe(5, submit(tx(1)), 600);
    l.observe(0, commit(2, [tx(1)]), 2_000);
    expect(l.violations).toEqual([{ fromUs: 600, toUs: 2_000, pendingTxs: 1 }]);
  });

  it('reports work still waiting at the end, and excuses declared fault intervals', () => {
    const l = new LivenessChecker(1_000);
    l.observe(5, submit(tx(0)), 0);
    expect(l.outcome(5_000).passed).toBe(false);
    const excused = new LivenessChecker(1_000);
    excused.excuse(100, 4_500);
    excused.observe(5, submit(tx(0)), 0);
    expect(excused.outcome(5_000).passed).toBe(true);
    expect(excused.outcome(5_600).passed).toBe(false);
  });

  it('owes no progress on a transaction past its lifetime uncommitted, and judges the wait it ended', () => {
    const at = (seq: number, submittedUs: number) => ({ ...tx(seq), submittedUs });
    // Lifetime 300 µs: tx 0 expires uncommitted at 300, leaving nothing to wait for by the end.
    const l = new LivenessChecker(1_000, undefined, { lifetimeUs: 300 });
    l.observe(5, submit(at(0, 0)), 0);
    expect(l.outcome(5_000)).toMatchObject({ passed: true });
    // Without a lifetime the same run stalls from 0 to the end.
    const forever = new LivenessChecker(1_000);
    forever.observe(5, submit(at(0, 0)), 0);
    expect(forever.outcome(5_000)).toMatchObject({ passed: false });
    // A lifetime longer than the bound: the wait until the deadline outlasted the bound, a stall.
    const long = new LivenessChecker(1_000, undefined, { lifetimeUs: 2_500 });
    long.observe(5, submit(at(0, 0)), 0);
    expect(long.outcome(5_000)).toMatchObject({ passed: false });
    expect(long.violations).toEqual([{ fromUs: 0, toUs: 2_500, pendingTxs: 1 }]);
  });

  it('still counts a transaction committed after its deadline (proposed in time) once, and the work behind it', () => {
    const at = (seq: number, submittedUs: number) => ({ ...tx(seq), submittedUs });
    const l = new LivenessChecker(1_000, undefined, { lifetimeUs: 300 });
    l.observe(5, submit(at(0, 0)), 0);
    l.observe(5, submit(at(1, 400)), 400);
    l.observe(0, commit(1, [at(0, 0)]), 500);
    // tx 1 waits from 500 (the last progress) and expires at 700: no stall; nothing waits after.
    expect(l.outcome(5_000)).toMatchObject({ passed: true });
  });

  it('reports a stall before an excused interval that a commit after the interval ends', () => {
    const l = new LivenessChecker(1_000);
    // A partition from 3 000 to 3 100 µs: the wait from 0 outlasted the bound before it began.
    l.excuse(3_000, 3_100);
    l.observe(5, submit(tx(0)), 0);
    l.observe(0, commit(1, [tx(0)]), 3_500);
    expect(l.violations).toEqual([{ fromUs: 0, toUs: 3_000, pendingTxs: 1 }]);
  });

  it('counts a block once however many replicas commit it, before and after all have passed its height', () => {
    const l = new LivenessChecker(1_000, undefined, { honestReplicas: [0, 1] });
    l.observe(5, submit(tx(0)), 0);
    l.observe(5, submit(tx(1)), 0);
    l.observe(0, commit(1, [tx(0)]), 500);
    l.observe(1, commit(1, [tx(0)]), 1_800);
    // Replica 1's commit of height 1 is no progress: tx 1 has waited since 500 µs, past the bound.
    l.observe(0, commit(2, [tx(1)]), 2_000);
    expect(l.violations).toEqual([{ fromUs: 500, toUs: 2_000, pendingTxs: 1 }]);
  });

  it('takes a wait exactly as long as the bound for no stall, before or after an excused interval, and one a microsecond longer for one', () => {
    const wait = (commitUs: number, excuse?: readonly [number, number]) => {
      const l = new LivenessChecker(1_000);
      if (excuse !== undefined) l.excuse(excuse[0], excuse[1]);
      l.observe(5, submit(tx(0)), 0);
      l.observe(0, commit(1, [tx(0)]), commitUs);
      return l.violations.length;
    };
    expect([wait(1_000), wait(1_001)]).toEqual([0, 1]);
    // Excused 1 000-1 500 µs: the 1 000 µs before it and the part after it are judged each on its own.
    expect([wait(2_500, [1_000, 1_500]), wait(2_501, [1_000, 1_500]), wait(2_000, [1_001, 1_500])]).toEqual([0, 1, 1]);
  });

  it('needs no progress while nothing waits', () => {
    const l = new LivenessChecker(1_000);
    l.observe(5, submit(tx(0)), 0);
    l.observe(0, commit(1, [tx(0)]), 10);
    expect(l.outcome(100_000).passed).toBe(true);
  });

  it('counts a block once as many honest replicas committed it as a client needs replies from', () => {
    // Two of the replicas commit each block at once; the third, whose reply a client needs, only at 3 000 µs.
    const l = new LivenessChecker(1_000, (h) => h !== 9, { repliesNeeded: 3 });
    l.observe(5, submit(tx(0)), 0);
    for (let k = 1; k <= 4; k++) {
      l.observe(0, commit(k, [tx(k - 1)]), k * 500);
      l.observe(1, commit(k, [tx(k - 1)]), k * 500);
      l.observe(9, commit(k, [tx(k - 1)]), k * 500);
      l.observe(5, submit(tx(k)), k * 500 + 1);
    }
    expect(l.outcome(2_500)).toMatchObject({ passed: false, detail: '1 stalls longer than 0.001 s (a block counts once 3 honest replicas, the replies a client needs, committed it): 0–0.0025 s with 5 txs waiting' });
    l.observe(2, commit(1, [tx(0)]), 3_000);
    expect(l.violations).toEqual([{ fromUs: 0, toUs: 3_000, pendingTxs: 5 }]);
    expect(l.countAt(3_000)).toBe(1);
  });

  it('says it could not fail in a run no longer than its bound, and not in a longer one', () => {
    const l = new LivenessChecker(30_000_000);
    l.observe(5, submit(tx(0)), 0);
    expect(l.outcome(20_000_000)).toMatchObject({ passed: true, couldNotFail: 'the run, 20 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)' });
    // Nothing committed: a 31 s run shows the stall the 20 s one could not.
    expect(l.outcome(31_000_000)).toMatchObject({ passed: false });
    expect(l.outcome(31_000_000).couldNotFail).toBeUndefined();
  });

  it('says it could not fail where no stretch outside the excused intervals is longer than its bound', () => {
    const l = new LivenessChecker(6_000_000);
    l.excuse(2_000_000, 4_000_000);
    l.observe(5, submit(tx(0)), 0);
    expect(l.outcome(8_000_000)).toMatchObject({ passed: true, couldNotFail: 'the longest stretch the fault model does not excuse, 4 s (4–8 s), is no longer than the liveness bound, 6 s (consensus.livenessBound)' });
    // Four seconds more: the stretch after the excuse, 4–12 s, holds a stall the 8 s run could not.
    expect(l.outcome(12_000_000)).toMatchObject({ passed: false });
    expect(l.outcome(12_000_000).couldNotFail).toBeUndefined();
  });

  it('says it could not fail where the fault model excuses the whole run', () => {
    const l = new LivenessChecker(1_000_000);
    l.excuse(0, 4_000_000);
    l.observe(5, submit(tx(0)), 0);
    expect(l.outcome(4_000_000)).toMatchObject({ passed: true, couldNotFail: 'the fault model excuses the whole run (0–4 s)' });
  });

  it('finds the longest stretch outside excused intervals, overlapping or out of order', () => {
    expect(longestWatchedStretch([[5, 9], [2, 4]], 10)).toEqual([0, 2]);
    expect(longestWatchedStretch([[1, 6], [3, 4]], 10)).toEqual([6, 10]);
    expect(longestWatchedStretch([[0, 3], [8, 12]], 10)).toEqual([3, 8]);
    expect(longestWatchedStretch([[0, 10]], 10)).toBeUndefined();
  });

  it('with one reply needed, takes the first honest commit of a block as progress', () => {
    const l = new LivenessChecker(1_000, undefined, { repliesNeeded: 1 });
    l.observe(5, submit(tx(0)), 0);
    l.observe(0, commit(1, [tx(0)]), 900);
    expect(l.outcome(100_000)).toMatchObject({ passed: true, detail: 'a waiting transaction committed within 0.001 s whenever work waited' });
  });

  it('takes no empty block, nor one of transactions already committed, as progress while a transaction waits', () => {
    // A chain that keeps growing (a HotStuff node each view, a Clique seal each period) while tx 1 is never committed.
    const l = new LivenessChecker(1_000);
    l.observe(5, submit(tx(0)), 0);
    l.observe(0, commit(1, [tx(0)]), 100);
    l.observe(5, submit(tx(1)), 200);
    for (let h = 2; h <= 50; h++) l.observe(0, commit(h, h === 20 ? [tx(0)] : []), h * 100);
    expect(l.outcome(5_000)).toMatchObject({ passed: false, detail: '1 stalls longer than 0.001 s: 0.0002–0.005 s with 1 txs waiting' });
    // Its commit is the progress the empty blocks were not: the wait ends there.
    l.observe(0, commit(51, [tx(1)]), 5_100);
    expect(l.violations).toEqual([{ fromUs: 200, toUs: 5_100, pendingTxs: 1 }]);
    expect(l.outcome(100_000).passed).toBe(false);
    expect(l.countAt(100_000)).toBe(1);
  });

  it('owes nothing for a transaction its client gave up on, yet takes giving up for no progress', () => {
    // Every replica's full mempool dropped tx 1; its client gave up at 3 s; the ledger then idled.
    const idle = new LivenessChecker(1_000_000);
    idle.observe(5, submit(tx(0)), 0);
    idle.observe(5, submit(tx(1)), 0);
    idle.observe(0, commit(1, [tx(0)]), 100_000);
    idle.observe(5, timedOut(tx(1)), 3_000_000);
    expect(idle.outcome(60_000_000)).toMatchObject({ passed: false, detail: expect.stringContaining('0.1–3 s with 1 txs waiting') });
    // Given up within the bound: nothing is owed after it.
    const quick = new LivenessChecker(5_000_000);
    quick.observe(5, submit(tx(0)), 0);
    quick.observe(5, submit(tx(1)), 0);
    quick.observe(0, commit(1, [tx(0)]), 100_000);
    quick.observe(5, timedOut(tx(1)), 3_000_000);
    expect(quick.outcome(60_000_000).passed).toBe(true);
    // Transactions given up one after another while nothing commits are a stall, not progress.
    const stalled = new LivenessChecker(1_000_000);
    for (let k = 0; k < 10; k++) {
      stalled.observe(5, submit(tx(k)), k * 1_000_000);
      if (k >= 3) stalled.observe(5, timedOut(tx(k - 3)), k * 1_000_000);
    }
    expect(stalled.outcome(10_000_000).passed).toBe(false);
    // Replicas working through a backlog after an outage commit transactions whose clients gave up,
    // in order, while the ones behind them wait: each such first commit is progress.
    const backlog = new LivenessChecker(1_000_000);
    for (let k = 0; k < 6; k++) backlog.observe(5, submit(tx(k)), 0);
    backlog.observe(5, timedOut(tx(0)), 500_000);
    backlog.observe(5, timedOut(tx(1)), 500_000);
    for (let k = 0; k < 6; k++) backlog.observe(0, commit(k + 1, [tx(k)]), 900_000 * (k + 1));
    expect(backlog.outcome(10_000_000).passed).toBe(true);
    // A given-up transaction committed while nothing waits ends no wait: nothing was owed meanwhile.
    const late = new LivenessChecker(1_000_000);
    late.observe(5, submit(tx(0)), 0);
    late.observe(5, timedOut(tx(0)), 500_000);
    late.observe(0, commit(1, [tx(0)]), 5_000_000);
    expect(late.outcome(10_000_000).passed).toBe(true);
  });

  it('owes nothing for empty blocks while nothing waits, and counts a block that settles one of several waiting as progress', () => {
    const l = new LivenessChecker(1_000);
    for (let h = 1; h <= 30; h++) l.observe(0, commit(h, []), h * 100);
    l.observe(5, submit(tx(0)), 3_000);
    l.observe(5, submit(tx(1)), 3_000);
    for (let k = 0; k < 2; k++) l.observe(0, commit(31 + k, [tx(k)]), 3_900 + k * 900);
    expect(l.outcome(100_000)).toMatchObject({ passed: true });
    expect(l.violations).toEqual([]);
  });
});

describe('ValidityChecker', () => {
  it('says it could not fail where no honest replica committed a transaction, and not once one did', () => {
    const v = new ValidityChecker((h) => h !== 2);
    v.observe(5, submit(tx(0)), 0);
    v.observe(2, commit(1, [tx(0)]), 1);
    expect(v.outcome()).toMatchObject({ passed: true, couldNotFail: 'no honest replica committed a transaction, so none could be invalid' });
    v.observe(0, commit(1, [tx(0)]), 2);
    expect(v.outcome().couldNotFail).toBeUndefined();
  });

  it('flags unsubmitted, altered and twice-committed transactions', () => {
    const v = new ValidityChecker();
    v.observe(5, submit(tx(0)), 0);
    v.observe(5, submit(tx(1)), 0);
    v.observe(0, commit(1, [tx(0)]), 1);
    v.observe(1, commit(1, [tx(0)]), 1);
    v.observe(0, commit(2, [tx(7)]), 2);
    v.observe(0, commit(3, [tx(1, 'evil')]), 3);
    v.observe(0, commit(4, [tx(0)]), 4);
    expect(v.violations.map((x) => x.reason)).toEqual(['never-submitted', 'altered', 'committed-twice']);
  });

  it('accepts a request ordered again that the replica says it did not execute twice, and only if it executed before', () => {
    const v = new ValidityChecker();
    v.observe(5, submit(tx(0)), 0);
    v.observe(5, submit(tx(1)), 0);
    v.observe(0, commit(1, [tx(0)]), 1);
    v.observe(0, replayed(2, tx(0)), 2);
    expect(v.violations).toEqual([]);
    // A replica claiming it executed a request it never did hides a lost transaction.
    v.observe(0, replayed(3, tx(1)), 3);
    expect(v.violations.map((x) => x.reason)).toEqual(['skipped-unexecuted']);
  });

  it('keeps only the id of a transaction every honest replica has passed: committing it again is committed-twice', () => {
    const v = new ValidityChecker(undefined, [0, 1]);
    v.observe(5, submit(tx(0)), 0);
    v.observe(5, submit(tx(1)), 0);
    v.observe(0, commit(1, [tx(0)]), 1);
    v.observe(1, commit(1, [tx(0)]), 1);
    v.observe(0, commit(2, [tx(1)]), 2);
    // Height 2 is above the frontier for replica 1: tx 1 keeps its full checks there.
    v.observe(1, commit(2, [tx(1, 'evil')]), 2);
    v.observe(0, commit(3, [tx(0)]), 3);
    v.observe(0, replayed(4, tx(0)), 4);
    expect(v.violations.map((x) => [x.txId, x.reason])).toEqual([[tx(1).id, 'altered'], [tx(0).id, 'committed-twice']]);
    expect(v.outcome().detail).toMatch(/^2 invalid commits/);
  });

  it('counts retired transactions among the committed ones', () => {
    const v = new ValidityChecker(undefined, [0]);
    for (let k = 0; k < 5; k++) {
      v.observe(5, submit(tx(k)), 0);
      v.observe(0, commit(k + 1, [tx(k)]), k + 1);
    }
    expect(v.outcome().detail).toBe('5 committed transactions, all submitted, unaltered, once');
  });

  const grant = (args: Record<string, unknown>): Transaction => ({ ...tx(0), call: { contract: 'Consent', method: 'grant', args } });

  it('flags a transaction committed with its digest but another argument of its call', () => {
    const v = new ValidityChecker();
    v.observe(5, submit(grant({ patient: 'p1', grantee: 'lab', scope: ['vitals'] })), 0);
    v.observe(0, commit(1, [grant({ patient: 'p1', grantee: 'insurer', scope: ['vitals'] })]), 1);
    expect(v.violations.map((x) => x.reason)).toEqual(['altered-call']);
    expect(v.outcome().detail).toMatch(/altered-call/);
  });

  it('flags a call whose nested argument changed or gained a key', () => {
    const v = new ValidityChecker();
    v.observe(5, submit(grant({ patient: 'p1', scope: ['vitals'] })), 0);
    v.observe(0, commit(1, [grant({ patient: 'p1', scope: ['vitals', 'notes'] })]), 1);
    v.observe(1, commit(1, [grant({ patient: 'p1', scope: ['vitals'], extra: true })]), 1);
    expect(v.violations.map((x) => x.reason)).toEqual(['altered-call', 'altered-call']);
  });

  it('accepts a copy of the submitted call, whatever the order of its arguments', () => {
    const v = new ValidityChecker();
    v.observe(5, submit(grant({ patient: 'p1', grantee: 'lab', scope: ['vitals'] })), 0);
    v.observe(0, commit(1, [grant({ scope: ['vitals'], grantee: 'lab', patient: 'p1' })]), 1);
    expect(v.violations).toEqual([]);
  });
});

describe('StateAgreementChecker', () => {
  it('says it could not fail while no compared height was read from two honest replicas', () => {
    const c = new StateAgreementChecker(() => ({ execute: () => {}, stateDigest: () => 'a' }), undefined, 2);
    c.observe(0, commit(2, [tx(0)]), 1);
    c.observe(1, commit(1, [tx(0)]), 1);
    expect(c.outcome()).toMatchObject({ passed: true, couldNotFail: "no compared height's state was read from two honest replicas (1 heights read once, one height in 2 compared)" });
    c.observe(1, commit(2, [tx(0)]), 2);
    expect(c.outcome().couldNotFail).toBeUndefined();
  });

  it('compares nothing, and says so, for replicas without an application', () => {
    const c = new StateAgreementChecker(() => undefined);
    for (const host of [0, 1, 2]) c.observe(host, commit(1, [tx(0)]), 1);
    expect(c.outcome().couldNotFail).toMatch(/^no compared height's state was read from two honest replicas \(0 heights/);
  });

  it('counts a height once however many honest replicas differ there, as the metric counts heights', () => {
    const digests = new Map([[0, 'a'], [1, 'b'], [2, 'c'], [3, 'b']]);
    const c = new StateAgreementChecker((h) => ({ execute: () => {}, stateDigest: () => digests.get(h)! }));
    const e = commit(1, [tx(0)]);
    for (const host of [0, 1, 2, 3]) c.observe(host, e, 1);
    expect(c.violationCount).toBe(1);
  });

  it('leaves out a Byzantine replica, whose state may differ', () => {
    const digests = new Map([[0, 'a'], [1, 'a'], [2, 'b']]);
    const c = new StateAgreementChecker((h) => ({ execute: () => {}, stateDigest: () => digests.get(h)! }), (h) => h !== 2);
    for (const host of [2, 0, 1]) c.observe(host, commit(1, [tx(0)]), 1);
    expect(c.violationCount).toBe(0);
  });

  it('flags replicas whose application state differs at the same height', () => {
    const digests = new Map([[0, 'a'], [1, 'a'], [2, 'b']]);
    const c = new StateAgreementChecker((h) => ({ execute: () => {}, stateDigest: () => digests.get(h)! }));
    const e = commit(1, [tx(0)]);
    c.observe(0, e, 1);
    c.observe(1, e, 1);
    expect(c.violationCount).toBe(0);
    c.observe(2, e, 1);
    expect(c.violations).toEqual([{ timeUs: 1, height: 1, hosts: [0, 2] }]);
  });

  it('compares the state of a slow replica with the first digest at a height the others have passed', () => {
    const digests = new Map([[0, 'a'], [1, 'a'], [2, 'b']]);
    const c = new StateAgreementChecker((h) => ({ execute: () => {}, stateDigest: () => digests.get(h)! }), undefined, 1, [0, 1, 2]);
    for (let h = 1; h <= 5; h++) for (const host of [0, 1]) c.observe(host, commit(h, [tx(h)]), h);
    c.observe(2, commit(1, [tx(1)]), 9);
    expect(c.violations).toEqual([{ timeUs: 9, height: 1, hosts: [0, 2] }]);
  });
  it('in a split run, compares the digests the partitions read and carried, not the coordinator\'s applications', () => {
    const digests = new Map([[0, 'a'], [1, 'a'], [2, 'b']]);
    // Each partition's checker reads its own replica; the coordinator's has no executed application.
    const partition = new StateAgreementChecker((h) => ({ execute: () => {}, stateDigest: () => digests.get(h)! }));
    const coordinator = new StateAgreementChecker(() => undefined);
    for (const host of [0, 1, 2]) coordinator.observe(host, partition.annotate(host, commit(1, [tx(0)])), 1);
    expect(coordinator.violations).toEqual([{ timeUs: 1, height: 1, hosts: [0, 2] }]);
    expect(coordinator.outcome().passed).toBe(false);
  });

  it('carries no digest where it compares nothing: other events, dishonest hosts, skipped heights', () => {
    const c = new StateAgreementChecker(() => ({ execute: () => {}, stateDigest: () => 'a' }), (h) => h !== 1, 2);
    expect(c.annotate(0, commit(2, [tx(0)]))).toMatchObject({ stateDigest: 'a' });
    for (const [host, e] of [[0, commit(1, [tx(0)])], [1, commit(2, [tx(0)])], [0, submit(tx(0))]] as const) expect(c.annotate(host, e)).toBe(e);
  });
});
