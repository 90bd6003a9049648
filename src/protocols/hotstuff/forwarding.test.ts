/**
 * Transactions a replica forwards to the next leader on its vote (replica.ts, takeForForwarding).
 * The client sends every transaction to replica 0 only, so whatever another replica forwarded it
 * had received forwarded. A leader proposes on a quorum of votes, so a forwarding vote may arrive
 * after it proposed: at n = 3 (quorum 2) with a fixed one-way delay δ, the vote a leader does not
 * wait for is always that of the leader after it, and a view takes δ (the proposer's vote and the
 * next leader's own make the quorum as the proposal arrives).
 */
import { describe, expect, it } from 'vitest';
import type { DistributionSpec } from '../../../sim/index.ts';
import type { Mempool } from '../../ledger/mempool.ts';
import type { Transaction } from '../../ledger/types.ts';
import { forwardedTransactionsOf } from '../definition.ts';
import { TestCluster } from '../testing/cluster.ts';
import { hotstuff, type HotStuffReplica } from './index.ts';

const DELTA_US = 10_000;
const FIXED: DistributionSpec = { kind: 'fixed', value: DELTA_US };
/** The consortium scenarios' spread: a flight rarely exceeds 16 ms (three standard deviations). */
const NORMAL: DistributionSpec = { kind: 'normal', mean: DELTA_US, sd: 2_000, min: 4_000 };
const FLIGHT_MAX_US = 16_000;
/** One transaction every 10 ms (100 tx/s, as consortium.yaml), off the view boundaries, for 3 s. */
const COUNT = 300;

interface Run {
  /** Per transaction, in submission order: submission to its first commit at any replica, µs (Infinity: never). */
  readonly latenciesUs: number[];
  /** Transactions forwarded by a replica other than the one the client sent them to. */
  readonly forwardedOn: number;
  /** Replica 0 committed every transaction, each once. */
  readonly committedOnce: boolean;
}

function run(n: number, latencyUs: DistributionSpec, forwardMax?: number): Run {
  let forwardedOn = 0;
  const c = new TestCluster({
    module: hotstuff,
    n,
    latencyUs,
    batchSize: 10,
    ...(forwardMax === undefined ? {} : { params: { forwardMax } }),
    dropWhen: (from, _to, msg) => {
      const txs = (msg as { txs?: readonly Transaction[] }).txs;
      if (from !== 0 && txs !== undefined) forwardedOn += txs.length;
      return false;
    },
  });
  const submitted: Transaction[] = [];
  for (let k = 0; k < COUNT; k++) c.engine.at(1_234 + k * 10_000, () => submitted.push(c.submit([0])));
  c.run(1_234 + COUNT * 10_000 + 2_000_000);
  expect(c.conflicts()).toEqual([]);
  const firstCommitUs = new Map<number, number>();
  for (const list of c.commits) {
    for (const rec of list) for (const tx of rec.block.txs) firstCommitUs.set(tx.id, Math.min(firstCommitUs.get(tx.id) ?? Infinity, rec.timeUs));
  }
  const ids = c.committedTxIds(0);
  return {
    latenciesUs: submitted.map((tx) => (firstCommitUs.get(tx.id) ?? Infinity) - tx.submittedUs),
    forwardedOn,
    committedOnce: ids.length === COUNT && new Set(ids).size === COUNT,
  };
}

describe('HotStuff forwards a transaction once, and its forwarder takes back what the next leader proposed without', () => {
  it('n = 3, fixed δ: every transaction commits within 7δ (δ to its replica, ≤ 3 views of δ until that replica leads, 3δ to the first commit)', () => {
    const r = run(3, FIXED);
    expect(r.committedOnce).toBe(true);
    // When the late leader forwarded them on, some went round the replicas, each time late, for
    // longer than the 2 s this run leaves them.
    expect(Math.max(...r.latenciesUs)).toBeLessThanOrEqual(7 * DELTA_US);
  });

  it('n = 3 to 7, fixed δ: forwarding makes no transaction commit later than without it (forwardMax 0)', () => {
    // With a fixed δ and links without a bandwidth limit the views run on the same schedule
    // either way, so the two runs compare transaction by transaction.
    for (let n = 3; n <= 7; n++) {
      const forwarding = run(n, FIXED).latenciesUs;
      const not = run(n, FIXED, 0).latenciesUs;
      const later = forwarding.filter((l, i) => l > not[i]!).length;
      expect({ n, later }).toEqual({ n, later: 0 });
    }
  });

  it('n = 3 to 7, normal δ: no replica forwards a transaction it received forwarded', () => {
    for (let n = 3; n <= 7; n++) expect({ n, forwardedOn: run(n, NORMAL).forwardedOn }).toEqual({ n, forwardedOn: 0 });
  });

  it('n = 3 to 7, normal δ: every transaction commits once, within 2n + 9 flights', () => {
    // A view takes at most two flights; a forwarded transaction is proposed by its replica's own
    // next view as leader at the latest (n + 1 views after it arrives), then three views to the
    // first commit: one flight in, 2(n + 4) for the views.
    for (let n = 3; n <= 7; n++) {
      const r = run(n, NORMAL);
      expect({ n, committedOnce: r.committedOnce }).toEqual({ n, committedOnce: true });
      expect({ n, within: Math.max(...r.latenciesUs) <= (2 * n + 9) * FLIGHT_MAX_US }).toEqual({ n, within: true });
    }
  });
});

describe("HotStuff tells which forwarded transactions it would take (forwardedTaken, for a censor's labels)", () => {
  it('names exactly those a vote or new-view puts into its pool, and none of those on a vote that comes after its leader proposed', () => {
    let taken = 0;
    let ignored = 0;
    const watched: typeof hotstuff = {
      ...hotstuff,
      createReplica(ctx, config, app) {
        const replica = hotstuff.createReplica(ctx, config, app) as HotStuffReplica;
        const pool = (replica as unknown as { readonly mempool: Mempool }).mempool;
        const deliver = replica.onMessage.bind(replica);
        replica.onMessage = (from, msg) => {
          const txs = forwardedTransactionsOf(hotstuff.forwardedTransactions, msg) ?? [];
          const named = new Set(replica.forwardedTaken(from, msg).map((tx) => tx.id));
          const knownBefore = new Set(txs.filter((tx) => pool.isKnown(tx.id)).map((tx) => tx.id));
          deliver(from, msg);
          for (const tx of txs) {
            // Taken: new to the pool, waiting or (the message completed a quorum) proposed at once.
            // The client sends to replica 0 only, so no replica hears of one it forwarded itself.
            const added = pool.isKnown(tx.id) && !knownBefore.has(tx.id);
            expect({ tx: tx.id, named: named.has(tx.id) }).toEqual({ tx: tx.id, named: added });
            if (added) taken++;
            else ignored++;
          }
        };
        return replica;
      },
    };
    // n = 4, normal δ: some forwarding votes reach their leader before it proposes, some after
    // (146 taken, 87 ignored at seed 1).
    const c = new TestCluster({ module: watched, n: 4, latencyUs: NORMAL, batchSize: 10 });
    for (let k = 0; k < COUNT; k++) c.engine.at(1_234 + k * 10_000, () => c.submit([0]));
    c.run(1_234 + COUNT * 10_000 + 2_000_000);
    expect(taken).toBeGreaterThan(0);
    expect(ignored).toBeGreaterThan(0);
  });
});
