/**
 * The ideal-network specs of src/validation/checks/protocols.ts can fail: each PBFT and HotStuff
 * check (and Raft's latency checks; its message counts are covered in ideal-network.test.ts) is run
 * as `iomtsim validate` runs it, once as shipped and once with the protocol or the network broken
 * from outside: replicas that send every message to another replica twice, or a network on which
 * every hop takes 2δ instead of δ. The ideal network is deterministic, so the verdicts are exact.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DROPPED, Network, type HostId } from '../../../sim/index.ts';
import { IDEAL_DELTA_US, idealNetworkChecks, type IdealProtocolSpec } from './ideal-network.ts';
import { IDEAL_PROTOCOLS } from './protocols.ts';
import { chatty } from './testing/chatty.ts';

const spec = (name: string): IdealProtocolSpec => {
  const s = IDEAL_PROTOCOLS.find((p) => p.module.name === name);
  if (s === undefined) throw new Error(`no ideal-network spec for ${name}`);
  return s;
};

const verdicts = (s: IdealProtocolSpec, key: string) =>
  idealNetworkChecks(s).filter((c) => c.id.startsWith(`ideal.${s.module.name}.${key}`)).map((c) => ({ id: c.id, ...c.run() }));

/** Every message arrives one δ later than the fixed latency says: each hop takes 2δ. */
function slowNetwork(): void {
  const route = Network.prototype.route;
  vi.spyOn(Network.prototype, 'route').mockImplementation(function (this: Network, from: HostId, to: HostId, sizeBytes: number, readyUs: number) {
    const t = route.call(this, from, to, sizeBytes, readyUs);
    return t === DROPPED ? t : t + IDEAL_DELTA_US;
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ideal-network protocol specs', () => {
  it('PBFT and HotStuff meet every closed form of their specs exactly as shipped', () => {
    const failed = [spec('pbft'), spec('hotstuff')].flatMap((s) => idealNetworkChecks(s)).map((c) => ({ id: c.id, ...c.run() })).filter((r) => !r.passed);
    expect(failed).toEqual([]);
  });

  it('PBFT: the message-count check fails at every n when replicas send each message twice (more than 2n² − n + 1)', () => {
    const rs = verdicts({ ...spec('pbft'), module: chatty(spec('pbft').module) }, 'messages');
    expect(rs.map((r) => r.id)).toEqual(['ideal.pbft.messages.n4', 'ideal.pbft.messages.n7', 'ideal.pbft.messages.n10']);
    for (const r of rs) {
      expect(r.passed, r.id).toBe(false);
      expect(r.simulated, r.id).toBeGreaterThan(r.expected);
    }
  });

  it('HotStuff: the messages-per-view check fails at every n when replicas send each message twice (more than 2(n−1))', () => {
    const rs = verdicts({ ...spec('hotstuff'), module: chatty(spec('hotstuff').module) }, 'messages');
    expect(rs).toHaveLength(3);
    for (const r of rs) {
      expect(r.passed, r.id).toBe(false);
      expect(r.simulated, r.id).toBeGreaterThan(r.expected);
    }
  });

  it('PBFT: the commit (3δ) and client (5δ) checks fail when every hop takes 2δ', () => {
    slowNetwork();
    const rs = [...verdicts(spec('pbft'), 'commit'), ...verdicts(spec('pbft'), 'client')];
    // Commit is timed from the request's arrival at the leader, which the model takes to be δ after
    // submission: three 2δ hops after a 2δ request read as 7δ. The client sees five 2δ hops.
    expect(rs.map((r) => [r.id, r.passed, r.simulated])).toEqual([['ideal.pbft.commit', false, 7], ['ideal.pbft.client', false, 10]]);
  });

  it('HotStuff: the commit (7δ) and proposal-interval (2δ) checks fail when every hop takes 2δ', () => {
    slowNetwork();
    // Both are timed from the block's proposal, so they double exactly: 14δ and 4δ. At 14δ, two of
    // the five requests' blocks are not committed at every replica within their 20δ windows; those
    // decisions have no commit time (NaN), which the check, judging every decision, reports.
    const rs = [...verdicts(spec('hotstuff'), 'commit'), ...verdicts(spec('hotstuff'), 'interval')];
    expect(rs.map((r) => [r.id, r.passed, r.simulated])).toEqual([['ideal.hotstuff.commit', false, NaN], ['ideal.hotstuff.interval', false, 4]]);
    expect(rs[0]!.detail).toContain('each: NaN, 14, 14, 14, NaN');
  });

  it('Raft: the commit (2δ) and client (4δ) checks fail when every hop takes 2δ', () => {
    slowNetwork();
    const rs = [...verdicts(spec('raft'), 'commit'), ...verdicts(spec('raft'), 'client')];
    // As for PBFT, commit is timed from δ after submission: two 2δ hops after a 2δ request read as 5δ.
    expect(rs.map((r) => [r.id, r.passed, r.simulated])).toEqual([['ideal.raft.commit', false, 5], ['ideal.raft.client', false, 8]]);
  });
});
