import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent, ModelEventObserver } from '../../../sim/index.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import type { CommitEvent, ConfirmedEvent, SubmitEvent, TimedOutEvent } from '../../protocols/types.ts';
import { GroundTruth } from '../ground-truth.ts';
import type { AttackWorld } from '../types.ts';
import type { AttackWindow } from '../window.ts';
import { AttackOutcomes } from './collector.ts';

/** The collector on a stand-in world: events are fed by hand; `end` sets the clock the metrics read. */
function outcomes(specs: readonly AttackWindow[], truth = new GroundTruth(), reported: readonly string[] = [], others: readonly GroundTruth[] = [], txLifetimeUs?: number) {
  let observer: ModelEventObserver | undefined;
  const engine = { nowUs: 0, observe: (fn: ModelEventObserver) => { observer = fn; } };
  const collector = new AttackOutcomes({ engine, txLifetimeUs } as unknown as AttackWorld, truth, specs, new Set(reported), others);
  const show = (host: HostId, event: ModelEvent, timeUs: number): void => observer!(host, event, timeUs);
  return {
    submit: (t: Transaction): void => {
      const e: SubmitEvent = { kind: 'submit', tx: t };
      show(t.sender, e, t.submittedUs);
    },
    commit: (host: HostId, height: number, hash: string, atUs: number, txs: readonly Transaction[] = []): void => {
      const e: CommitEvent = { kind: 'commit', block: { hash, height, txs } as unknown as Block };
      show(host, e, atUs);
    },
    confirm: (tx: Transaction, atUs: number): void => {
      const e: ConfirmedEvent = { kind: 'confirmed', tx, height: 1 };
      show(0, e, atUs);
    },
    giveUp: (tx: Transaction, atUs: number): void => {
      const e: TimedOutEvent = { kind: 'timed-out', tx };
      show(tx.sender, e, atUs);
    },
    metrics: (endUs: number) => {
      engine.nowUs = endUs;
      return collector.metrics();
    },
  };
}

const tx = (id: number, sender: HostId, submittedUs: number): Transaction => ({ id, sender, sizeBytes: 1, payloadDigest: '', submittedUs });

describe('AttackOutcomes', () => {
  it('counts heights at which honest replicas committed different blocks, and not what a Byzantine replica reports', () => {
    const truth = new GroundTruth();
    truth.label('host', 3, 'equivocation', 'byzantine-replica', 0);
    truth.label('host', 2, 'equivocation', 'byzantine-replica', 0);
    const o = outcomes([{ start: 0 }], truth);
    o.commit(0, 1, 'a', 1_000);
    o.commit(1, 1, 'a', 1_100);
    o.commit(3, 1, 'evil', 1_200);
    o.commit(0, 2, 'b', 2_000);
    o.commit(1, 2, 'c', 2_100);
    o.commit(1, 2, 'c', 2_200);
    o.commit(0, 3, 'd', 3_000);
    o.commit(1, 3, 'd', 3_100);
    const m = o.metrics(10_000);
    expect(m['attack.conflicting_commits']!.value).toBe(1);
    expect(m['attack.byzantine_replicas']!.value).toBe(2);
    expect(m['attack.labels']!.value).toBe(2);
  });

  it('counts a height once however many honest replicas committed a block other than the first one seen there', () => {
    const o = outcomes([{ start: 0 }]);
    o.commit(0, 1, 'a', 1_000);
    o.commit(1, 1, 'b', 1_100);
    o.commit(2, 1, 'c', 1_200);
    o.commit(3, 1, 'b', 1_300);
    expect(o.metrics(10_000)['attack.conflicting_commits']!.value).toBe(1);
  });

  it('takes the longest time transactions waited without a commit of one of them from the first attack on, up to the end of the run', () => {
    const o = outcomes([{ start: 10_000_000, end: 15_000_000 }, { start: 11_000_000 }]);
    const t = [tx(1, 7, 4_000_000), tx(2, 7, 6_000_000), tx(3, 7, 19_500_000), tx(4, 7, 20_000_000)];
    o.submit(t[0]!);
    o.commit(0, 1, 'a', 5_000_000, [t[0]!]);
    o.submit(t[1]!);
    o.commit(0, 2, 'b', 18_000_000, [t[1]!]);
    o.commit(1, 2, 'b', 19_000_000, [t[1]!]);
    o.submit(t[2]!);
    o.commit(0, 3, 'c', 20_000_000, [t[2]!]);
    o.submit(t[3]!);
    // Waits: 10 s (the first attack starts; tx 2 waits since 6 s) → 18 s, 19.5 → 20 s, 20 s → 25 s (the end, tx 4 still waiting).
    expect(o.metrics(25_000_000)['attack.max_commit_gap_ms']!.value).toBe(8_000);
    expect(o.metrics(40_000_000)['attack.max_commit_gap_ms']!.value).toBe(20_000);
  });

  it('takes no empty block, nor a block of transactions already committed, nor a Byzantine replica\'s commit, for a commit that ends a wait', () => {
    const truth = new GroundTruth();
    truth.label('host', 3, 'silence', 'byzantine-replica', 0);
    const o = outcomes([{ start: 0 }], truth);
    const [a, b] = [tx(1, 7, 500_000), tx(2, 7, 1_000_000)];
    o.submit(a);
    o.commit(0, 1, 'a', 600_000, [a]);
    o.submit(b);
    // The chain grows every second (HotStuff's nodes, Clique's seals) while tx 2 waits.
    for (let h = 2; h <= 11; h++) o.commit(0, h, `e${h}`, h * 1_000_000, h === 5 ? [a] : []);
    o.commit(3, 12, 'evil', 11_500_000, [b]);
    expect(o.metrics(12_000_000)['attack.max_commit_gap_ms']!.value).toBe(11_000);
    o.commit(0, 12, 'f', 13_000_000, [b]);
    expect(o.metrics(30_000_000)['attack.max_commit_gap_ms']!.value).toBe(12_000);
  });

  it('owes no commit while nothing waits, nor for a transaction past its lifetime', () => {
    const idle = outcomes([{ start: 0 }]);
    for (let h = 1; h <= 20; h++) idle.commit(0, h, `e${h}`, h * 1_000_000);
    expect(idle.metrics(60_000_000)['attack.max_commit_gap_ms']!.value).toBe(0);
    // Lifetime 2 s: tx 1 waits from 1 s to its deadline at 3 s, and then no more.
    const expiring = outcomes([{ start: 0 }], new GroundTruth(), [], [], 2_000_000);
    expiring.submit(tx(1, 7, 1_000_000));
    expect(expiring.metrics(10_000_000)['attack.max_commit_gap_ms']!.value).toBe(2_000);
    const forever = outcomes([{ start: 0 }]);
    forever.submit(tx(1, 7, 1_000_000));
    expect(forever.metrics(10_000_000)['attack.max_commit_gap_ms']!.value).toBe(9_000);
    // Its client gives up at 4 s (every mempool dropped it): it waits from 1 s to 4 s, and then no more.
    const abandoned = outcomes([{ start: 0 }]);
    abandoned.submit(tx(1, 7, 1_000_000));
    abandoned.giveUp(tx(1, 7, 1_000_000), 4_000_000);
    expect(abandoned.metrics(10_000_000)['attack.max_commit_gap_ms']!.value).toBe(3_000);
    // Committed long after, while nothing waits: no wait ends there.
    abandoned.commit(0, 1, 'b1', 30_000_000, [tx(1, 7, 1_000_000)]);
    expect(abandoned.metrics(40_000_000)['attack.max_commit_gap_ms']!.value).toBe(3_000);
  });

  it('ends a wait at the deadline of its last transaction as the run goes, so the next submission starts a wait of its own', () => {
    // Lifetime 5 s: tx 1 waits from 1 s to its deadline at 6 s; tx 2, submitted at 30 s, commits at 31 s.
    const o = outcomes([{ start: 0 }], new GroundTruth(), [], [], 5_000_000);
    o.submit(tx(1, 7, 1_000_000));
    o.submit(tx(2, 7, 30_000_000));
    o.commit(0, 1, 'a', 31_000_000, [tx(2, 7, 30_000_000)]);
    expect(o.metrics(40_000_000)['attack.max_commit_gap_ms']!.value).toBe(5_000);
  });

  it('reports no commit gap in a run without an attack window', () => {
    const o = outcomes([]);
    o.commit(0, 1, 'a', 5_000_000);
    expect(o.metrics(60_000_000)['attack.max_commit_gap_ms']!.value).toBe(0);
  });

  it('measures censorship delay from submission to first commit for transactions a censored client sent while censored', () => {
    const truth = new GroundTruth();
    truth.label('host', 7, 'censorship', 'censored-client', 1_000_000, 5_000_000);
    truth.label('tx', 71, 'censorship', 'censored', 2_000_000);
    truth.label('tx', 72, 'censorship', 'censored', 3_000_000);
    truth.label('tx', 73, 'censorship', 'censored', 4_000_000);
    const o = outcomes([{ start: 1_000_000, end: 5_000_000 }], truth, ['attack.censored_uncommitted']);
    o.commit(0, 1, 'a', 2_500_000, [tx(71, 7, 2_000_000), tx(80, 8, 2_000_000)]);
    o.commit(1, 1, 'a', 2_900_000, [tx(71, 7, 2_000_000)]);
    o.commit(0, 2, 'b', 4_000_000, [tx(72, 7, 3_000_000), tx(74, 7, 6_000_000)]);
    const m = o.metrics(10_000_000);
    expect(m['attack.censorship_delay_ms.mean']!.value).toBe(750);
    // Type 7, as every other .p95: 500 + 0.95 × (1,000 − 500).
    expect(m['attack.censorship_delay_ms.p95']!.value).toBe(975);
    expect(m['attack.censored_uncommitted']).toEqual({ unit: 'tx', value: 1 });
  });

  it("takes no censorship delay for a transaction submitted at the end of its client's censored window (the window is half-open)", () => {
    const truth = new GroundTruth();
    truth.label('host', 7, 'censorship', 'censored-client', 1_000_000, 5_000_000);
    const o = outcomes([{ start: 1_000_000, end: 5_000_000 }], truth, ['attack.censored_uncommitted']);
    o.commit(0, 1, 'a', 5_500_000, [tx(71, 7, 4_000_000), tx(72, 7, 5_000_000)]);
    const m = o.metrics(10_000_000);
    expect(m['attack.censorship_delay_ms.mean']!.value).toBe(1_500);
    expect(m['attack.censorship_delay_ms.p95']!.value).toBe(1_500);
  });

  it('leaves the censorship metrics out unless the run declares them, and the delays out without a sample', () => {
    const truth = new GroundTruth();
    truth.label('tx', 71, 'censorship', 'censored', 2_000_000);
    expect(outcomes([{ start: 0 }], truth).metrics(1_000)['attack.censored_uncommitted']).toBeUndefined();
    const declared = outcomes([{ start: 0 }], truth, ['attack.censored_uncommitted']).metrics(1_000);
    expect(declared['attack.censored_uncommitted']!.value).toBe(1);
    expect(declared['attack.censorship_delay_ms.mean']).toBeUndefined();
  });

  it('takes legitimate latency from confirmations of unlabelled transactions submitted while an attack was active', () => {
    const truth = new GroundTruth();
    truth.label('host', 9, 'flood', 'attacker', 0);
    truth.label('tx', 5, 'replay', 'replayed', 0);
    const o = outcomes([{ start: 1_000_000, end: 2_000_000 }], truth);
    o.confirm(tx(1, 4, 1_000_000), 1_100_000);
    o.confirm(tx(2, 4, 1_500_000), 1_800_000);
    o.confirm(tx(3, 4, 2_000_000), 2_900_000);
    o.confirm(tx(4, 9, 1_200_000), 1_900_000);
    o.confirm(tx(5, 4, 1_200_000), 1_900_000);
    // Judged by when it was submitted, not when it was confirmed.
    o.confirm(tx(6, 4, 1_900_000), 2_500_000);
    o.confirm(tx(7, 4, 500_000), 1_500_000);
    // 100, 300 and 600 ms: type 7 puts the 95th percentile at 300 + 0.9 × 300.
    expect(o.metrics(3_000_000)['attack.legit_latency_ms.p95']!.value).toBeCloseTo(570, 9);
    expect(outcomes([{ start: 5_000_000 }]).metrics(3_000_000)['attack.legit_latency_ms.p95']).toBeUndefined();
  });

  it("leaves out of legitimate latency the hosts and transactions the device attacks' own ground truth labels, and those labelled only after their confirmation", () => {
    const truth = new GroundTruth();
    const devices = new GroundTruth();
    devices.label('host', 9, 'compromised-gateway', 'compromised-gateway', 0);
    const o = outcomes([{ start: 0 }], truth, [], [devices]);
    o.confirm(tx(1, 4, 1_000_000), 1_100_000);
    o.confirm(tx(2, 9, 1_000_000), 1_900_000);
    o.confirm(tx(3, 8, 1_000_000), 1_800_000);
    o.confirm(tx(4, 4, 1_000_000), 1_700_000);
    // Host 8 turns out to be an attacker's once its first transaction was confirmed; transaction 4 too.
    truth.label('host', 8, 'consent-misuse', 'former-grantee', 0);
    devices.label('tx', 4, 'insider', 'insider-request', 1_000_000);
    expect(o.metrics(3_000_000)['attack.legit_latency_ms.p95']!.value).toBe(100);
  });
});
