import { describe, expect, it } from 'vitest';
import { runIdealNetwork, type IdealDecision } from '../models/ideal-network.ts';
import { IDEAL_DECISIONS, IDEAL_DELTA_US, IDEAL_WINDOW_US, idealNetworkChecks, judgeEveryDecision, type IdealProtocolSpec } from './ideal-network.ts';
import { IDEAL_PROTOCOLS } from './protocols.ts';
import { chatty } from './testing/chatty.ts';
import { slowReplica } from './testing/slow-replica.ts';

const spec = (name: string): IdealProtocolSpec => IDEAL_PROTOCOLS.find((p) => p.module.name === name)!;
const raftSpec = spec('raft');
const pbftSpec = spec('pbft');

/** The check's own run of a spec at n, as idealNetworkChecks makes it. */
const decisionsOf = (s: IdealProtocolSpec, n: number) =>
  runIdealNetwork({ module: s.module, electedLeader: s.electedLeader, n, deltaUs: IDEAL_DELTA_US, params: s.params, settleUs: s.settleUs, decisions: IDEAL_DECISIONS, windowUs: IDEAL_WINDOW_US });

/** The third decision's window, [start, end), of a spec's run. */
const thirdWindow = (s: IdealProtocolSpec): [number, number] => [s.settleUs + 2 * IDEAL_WINDOW_US, s.settleUs + 3 * IDEAL_WINDOW_US];

const run = (s: IdealProtocolSpec, id: string) => idealNetworkChecks(s).find((c) => c.id === id)!.run();

describe('ideal-network checks', () => {
  it('Raft meets its closed forms exactly: commit 2δ, client 4δ, 2(n−1) messages', () => {
    const results = idealNetworkChecks(raftSpec).map((c) => [c.id, c.run().passed]);
    expect(results.every(([, ok]) => ok)).toBe(true);
  });

  it('catches a protocol that sends each message twice: Raft\'s message check fails at every n', () => {
    const checks = idealNetworkChecks({ ...raftSpec, module: chatty(raftSpec.module) }).filter((c) => c.id.startsWith('ideal.raft.messages.'));
    expect(checks.map((c) => c.id)).toEqual(['ideal.raft.messages.n3', 'ideal.raft.messages.n5', 'ideal.raft.messages.n7']);
    for (const c of checks) {
      const r = c.run();
      expect(r.passed, c.id).toBe(false);
      expect(r.simulated, c.id).toBeGreaterThan(r.expected);
    }
  });

  it('judges every decision: one replica slow during one decision of five fails the PBFT commit check (3δ at every replica)', () => {
    const [from, to] = thirdWindow(pbftSpec);
    const slow = { ...pbftSpec, module: slowReplica(pbftSpec.module, 3, IDEAL_DELTA_US, from, to) };
    // The other four decisions are exact, so a median over the five would have passed.
    const commits = decisionsOf(slow, 4).map((d) => d.allCommitUs / IDEAL_DELTA_US);
    expect(commits.filter((x) => x === 3)).toHaveLength(4);
    expect(commits[2]).toBeGreaterThan(3);
    const r = run(slow, 'ideal.pbft.commit');
    expect(r.passed).toBe(false);
    expect(r.simulated).toBe(commits[2]);
  });

  it('judges every window: messages sent twice during one decision of five fail the PBFT message check at n = 4', () => {
    const [from, to] = thirdWindow(pbftSpec);
    const broken = { ...pbftSpec, module: chatty(pbftSpec.module, from, to) };
    // The other four windows hold exactly 2n² − n + 1 = 29 messages, so the fewest would have passed.
    const counts = decisionsOf(broken, 4).map((d) => d.allMessages);
    expect(counts.filter((x) => x === 29)).toHaveLength(4);
    const r = run(broken, 'ideal.pbft.messages.n4');
    expect(r.passed).toBe(false);
    expect(r.simulated).toBeGreaterThan(29);
  });

  it('leaves out only windows with timer-driven traffic, and fails when too few are left: Raft with a heartbeat every 50 ms', () => {
    const chattyTimers = { ...raftSpec, params: { ...raftSpec.params, heartbeatInterval: 50_000 } };
    expect(decisionsOf(chattyTimers, 3).every((d) => d.timerDrivenMessages > 0)).toBe(true);
    const r = run(chattyTimers, 'ideal.raft.messages.n3');
    expect(r.passed).toBe(false);
    expect(r.samples).toBe(0);
  });

  it('the verdict: every latency must match; a message window is left out only for timer-driven traffic', () => {
    const d = (x: number, timerDrivenMessages = 0) => ({ leaderCommitUs: x, allMessages: x, timerDrivenMessages }) as unknown as IdealDecision;
    const latency = { kind: 'latency' as const, unit: 'δ' as const, measure: (x: IdealDecision) => x.leaderCommitUs };
    const messages = { kind: 'messages' as const, unit: 'messages' as const, measure: (x: IdealDecision) => x.allMessages };
    expect(judgeEveryDecision(latency, 2, [d(2), d(2), d(5), d(2), d(2)])).toMatchObject({ passed: false, simulated: 5, samples: 5 });
    expect(judgeEveryDecision(latency, 2, [d(2), d(2), d(2), d(2), d(NaN)]).passed).toBe(false);
    expect(judgeEveryDecision(latency, 2, [d(2, 4), d(2), d(2), d(2), d(2)]).passed).toBe(true);
    expect(judgeEveryDecision(messages, 4, [d(8, 4), d(4), d(4), d(8, 2), d(4)])).toMatchObject({ passed: true, simulated: 4, samples: 3 });
    expect(judgeEveryDecision(messages, 4, [d(8, 4), d(4), d(5), d(4), d(4)]).passed).toBe(false);
    expect(judgeEveryDecision(messages, 4, [d(8, 4), d(4), d(8, 2), d(4), d(8, 1)]).passed).toBe(false);
  });
});
