/** The IoMT ledger client driven by a scripted context: when an unanswered request goes out again, what it checks and whom it trusts. */
import { describe, expect, it } from 'vitest';
import { ScriptedContext } from '../../sim/testing/scripted-context.ts';
import type { ReplyMessage, RequestMessage } from '../protocols/types.ts';
import { LedgerClient } from './ledger-client.ts';
import { NodeQueries } from './node-link.ts';

const RETRANSMIT_US = 4_000_000;
const REPLICAS = [0, 1, 2, 3];

function client(requests?: 'primary' | 'any-replica', nodeHost = 0, authenticateUs = 0, replyVerifyUs = 0) {
  const ctx = new ScriptedContext(9);
  const owner = { onLedgerOutcome: () => {} };
  const node = new NodeQueries(ctx, { host: nodeHost, macUs: 0, retryUs: RETRANSMIT_US });
  const ledger = new LedgerClient(ctx, { replicaHosts: REPLICAS, repliesNeeded: 2, replyVerifyUs, retransmitUs: RETRANSMIT_US, authenticateUs, ...(requests === undefined ? {} : { requests }) }, node, owner);
  return { ctx, ledger };
}

const CALL = { contract: 'AuditLog', method: 'record', args: {} };

/** Where a request submitted now goes first. */
function submittedTo(ctx: ScriptedContext, ledger: LedgerClient): number {
  ctx.sent.length = 0;
  ledger.submit(CALL, 1);
  return ctx.sent[0]!.to;
}

/** Times (s) at which a periodic retransmission tick, every RETRANSMIT_US until `untilUs`, re-sent a request to every replica. */
function rebroadcastTimesS(ctx: ScriptedContext, ledger: LedgerClient, untilUs: number): number[] {
  const times: number[] = [];
  for (let t = RETRANSMIT_US; t <= untilUs; t += RETRANSMIT_US) {
    ctx.nowUs = t;
    ctx.sent.length = 0;
    ledger.retransmit();
    const requests = ctx.sent.filter((s) => (s.msg as RequestMessage).kind === 'request');
    if (requests.length > 0) {
      expect(requests.map((s) => s.to)).toEqual(REPLICAS);
      times.push(t / 1e6);
    }
  }
  return times;
}

describe('LedgerClient', () => {
  it('charges its host the authentication of each transaction it submits, once: a retransmission sends the signed transaction again', () => {
    const { ctx, ledger } = client(undefined, 0, 59);
    ledger.submit(CALL, 1);
    ledger.submit(CALL, 2);
    expect(ctx.cpuUs).toBe(2 * 59);
    ctx.nowUs = RETRANSMIT_US;
    ledger.retransmit();
    expect(ctx.sent.filter((s) => (s.msg as RequestMessage).kind === 'request')).toHaveLength(2 + 2 * REPLICAS.length);
    expect(ctx.cpuUs).toBe(2 * 59);
  });

  it('checks each reply it counts on its own host, and none it drops: duplicates, forged senders, replies after confirmation, replies to others', () => {
    const { ctx, ledger } = client(undefined, 0, 0, 154);
    const tx = ledger.submit(CALL, 1);
    const reply = (replica: number, blockHash = 'a'): ReplyMessage => ({ kind: 'reply', txId: tx.id, height: 1, blockHash, replica });
    ledger.onReply(0, reply(0));
    ledger.onReply(0, reply(0));
    ledger.onReply(0, reply(0, 'b'));
    // Replica 1 answers in replica 2's name: forged, neither counted nor checked.
    ledger.onReply(1, reply(2));
    expect(ledger.pendingCount).toBe(1);
    ledger.onReply(2, reply(2, 'b'));
    ledger.onReply(9, { kind: 'reply', txId: tx.id + 1, height: 1, blockHash: 'a', replica: 9 });
    ledger.onReply(3, reply(3));
    expect(ledger.pendingCount).toBe(0);
    ledger.onReply(1, reply(1));
    // Replicas 0, 2 (a mismatching reply, checked before it can be told apart) and 3.
    expect(ctx.cpuUs).toBe(3 * 154);
  });

  it('checks a reply it does not count only where the leader it names would move the client, and then moves there', () => {
    const { ctx, ledger } = client('primary', 0, 0, 154);
    const tx = ledger.submit(CALL, 1);
    const reply = (replica: number, leader: number, view: number): ReplyMessage => ({ kind: 'reply', txId: tx.id, height: 1, blockHash: 'a', replica, leader, view });
    ledger.onReply(1, reply(1, 0, 1));
    // A duplicate naming the target: unchecked.
    ledger.onReply(1, reply(1, 0, 1));
    expect(ctx.cpuUs).toBe(154);
    expect(submittedTo(ctx, ledger)).toBe(0);
    ledger.onReply(2, reply(2, 0, 1));
    expect(ledger.pendingCount).toBe(1);
    // After confirmation, replica 3 names itself in a newer view: checked, and the client follows it.
    ledger.onReply(3, reply(3, 3, 2));
    expect(ctx.cpuUs).toBe(3 * 154);
    expect(submittedTo(ctx, ledger)).toBe(3);
    // An older view's hint arriving late is stale: unchecked, and it moves nothing.
    ledger.onReply(1, reply(1, 1, 1));
    expect(ctx.cpuUs).toBe(3 * 154);
    expect(submittedTo(ctx, ledger)).toBe(3);
  });

  it('re-sends an unanswered request to every replica after the retransmission time, then after waits doubling', () => {
    const { ctx, ledger } = client();
    ledger.submit({ contract: 'AuditLog', method: 'record', args: {} }, 1);
    // Waits 4, 8, 16, 32 s, then the 60 s ceiling.
    expect(rebroadcastTimesS(ctx, ledger, 200_000_000)).toEqual([4, 12, 28, 60, 120, 180]);
  });

  it('stops re-sending a request once f + 1 replicas confirmed it', () => {
    const { ctx, ledger } = client();
    const tx = ledger.submit({ contract: 'AuditLog', method: 'record', args: {} }, 1);
    const reply = (replica: number): ReplyMessage => ({ kind: 'reply', txId: tx.id, height: 1, blockHash: 'a', replica, leader: 0 });
    ctx.nowUs = 5_000_000;
    ledger.onReply(1, reply(1));
    ledger.onReply(2, reply(2));
    expect(ledger.pendingCount).toBe(0);
    expect(rebroadcastTimesS(ctx, ledger, 60_000_000)).toEqual([]);
  });

  it("where any replica takes requests, sends to its own organisation's node, and to the next replica once a request sent there times out unanswered by it and answered by another", () => {
    const { ctx, ledger } = client('any-replica', 2);
    expect(submittedTo(ctx, ledger)).toBe(2);
    const first = (ctx.sent[0]!.msg as RequestMessage).tx;
    ctx.nowUs = 1_000_000;
    expect(submittedTo(ctx, ledger)).toBe(2);
    // Replica 1 answers (a reply to the first request, one of the two needed); replica 2 stays silent.
    ctx.nowUs = 2_000_000;
    ledger.onReply(1, { kind: 'reply', txId: first.id, height: 1, blockHash: 'a', replica: 1 });
    ctx.nowUs = RETRANSMIT_US;
    ledger.retransmit();
    expect(submittedTo(ctx, ledger)).toBe(3);
    // The second request sent to replica 2 times out too: the client stays with replica 3.
    ctx.nowUs = RETRANSMIT_US + 1_000_000;
    ledger.retransmit();
    expect(submittedTo(ctx, ledger)).toBe(3);
  });

  it('that addresses the primary sends to replica 0 whatever its node, and stays there after a timeout', () => {
    const { ctx, ledger } = client('primary', 2);
    expect(submittedTo(ctx, ledger)).toBe(0);
    ctx.nowUs = RETRANSMIT_US;
    ledger.retransmit();
    expect(submittedTo(ctx, ledger)).toBe(0);
  });
});
