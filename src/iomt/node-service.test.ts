import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type ModelEvent } from '../../sim/index.ts';
import { IomtLedgerApp } from '../contracts/index.ts';
import { ZERO_CRYPTO_COSTS, type Block, type CryptoCosts, type ContractCall, type Transaction } from '../ledger/index.ts';
import { HEARTBEAT_BYTES, NODE_MESSAGE_BASE_BYTES, STATE_READ_US, type NodeAnswer, type NodeHeartbeat, type NodeNotice, type NodeQuery, type NodeSubscribe } from './node-messages.ts';
import { NodeQueryService } from './node-service.ts';

const GATEWAY = 50;
const STORE = 60;
const CLIENT = 70;
/** The hospital's administration, which manages GATEWAY's devices (DeviceAdministrators). */
const ADMIN = 80;
const MAC_US = 1;

let txSeq = 0;
function tx(call: ContractCall, sender = CLIENT): Transaction {
  return { id: txSeq++, sender, sizeBytes: 100, payloadDigest: '', submittedUs: 0, call };
}
function block(height: number, txs: Transaction[]): Block {
  return { hash: `h${height}`, parentHash: `h${height - 1}`, height, proposer: 0, timestampUs: height * 1_000_000, merkleRoot: '', txs, sizeBytes: 0 };
}
const request = (id: string, requester = 'cl_a', sender = CLIENT) => tx({ contract: 'AccessControl', method: 'request', args: { request: id, requester, patient: 'pt_0', purpose: 'TREAT', breakGlass: false } }, sender);
/** Another reader's host (cl_b, bound at genesis, with no consent). */
const OTHER_CLIENT = 71;
/** The patient's portal, which acts for pt_0 (PatientRegistry). */
const PORTAL = 90;

function node(costs: CryptoCosts = { ...ZERO_CRYPTO_COSTS, macUs: MAC_US }) {
  const sent: { to: number; msg: unknown }[] = [];
  const events: ModelEvent[] = [];
  let cpuUs = 0;
  const clock = { nowUs: 0 };
  const ctx: ActorContext<unknown> = {
    self: 0, rng: new Rng(1),
    get nowUs() {
      return clock.nowUs;
    },
    send: (to, msg) => void sent.push({ to, msg }),
    setTimer: () => 0, cancelTimer: () => {},
    cpu: (us) => void (cpuUs += us), cpuParallel: (jobs, us) => void (cpuUs += jobs * us),
    emit: (e) => void events.push(e),
    emitFirst: (_key, e) => void events.push(e),
  };
  const app = new IomtLedgerApp({ gateways: [GATEWAY], alertRules: ['spo2-low'] });
  app.applyGenesis(
    [
      tx({ contract: 'DeviceRegistry', method: 'enrol', args: { device: 'dev_0', keyId: '1000', deviceType: 'pulseOximeter', patient: 'pt_0', gateway: GATEWAY } }, -1),
      tx({ contract: 'ReaderRegistry', method: 'enrol', args: { requester: 'cl_a', host: CLIENT } }, -1),
      tx({ contract: 'ReaderRegistry', method: 'enrol', args: { requester: 'cl_b', host: OTHER_CLIENT } }, -1),
      tx({ contract: 'DeviceAdministrators', method: 'enrol', args: { host: ADMIN, gateway: GATEWAY, authority: 'admin' } }, -1),
      tx({ contract: 'PatientRegistry', method: 'enrol', args: { patient: 'pt_0', host: PORTAL } }, -1),
      tx({ contract: 'Consent', method: 'grant', args: { consent: 'c0', patient: 'pt_0', grantee: 'cl_a', scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: 1e12, provision: 'permit' } }, -1),
    ],
    block(0, []),
  );
  const service = new NodeQueryService(ctx, app, costs);
  /** The replica executes a block, then the service looks at it (what ConsortiumNode does after each replica event). */
  const commit = (b: Block) => {
    for (const t of b.txs) app.execute(t, b);
    service.afterReplicaEvent();
  };
  return { sent, events, service, commit, clock, cpu: () => cpuUs };
}

describe('NodeQueryService', () => {
  it('holds a query until the node has executed the asker\'s height, then answers from its state, charging MACs and a state read', () => {
    const n = node();
    n.service.onMessage(CLIENT, { kind: 'node-query', id: 7, afterHeight: 2, body: { q: 'access-decision', request: 'r1' } } satisfies NodeQuery);
    n.commit(block(1, [request('r1')]));
    expect(n.sent).toEqual([]);
    n.commit(block(2, [request('r2')]));
    expect(n.sent).toEqual([{ to: CLIENT, msg: { kind: 'node-answer', id: 7, height: 2, body: { q: 'access-decision', decision: 'permit' } } satisfies NodeAnswer }]);
    expect(n.cpu()).toBe(MAC_US + STATE_READ_US + MAC_US);
  });

  it('charges a MAC as two hashes where the cost table states no MAC, as the protocols do (macCostUs)', () => {
    const { macUs: _stated, ...noMac } = ZERO_CRYPTO_COSTS;
    const n = node({ ...noMac, hashUs: 3 });
    n.service.onMessage(CLIENT, { kind: 'node-query', id: 7, afterHeight: 0, body: { q: 'access-decision', request: 'r1' } } satisfies NodeQuery);
    expect(n.cpu()).toBe(2 * 3 + STATE_READ_US + 2 * 3);
  });

  it("answers a request's decision to its requester's host only: another reader's request of the same id is not the asker's", () => {
    const n = node();
    // cl_b squats cl_a's next id (denied: no consent), then cl_a's own request of that id is permitted.
    n.commit(block(1, [request('req_70_0', 'cl_b', OTHER_CLIENT)]));
    n.commit(block(2, [request('req_70_0')]));
    n.service.onMessage(CLIENT, { kind: 'node-query', id: 1, afterHeight: 2, body: { q: 'access-decision', request: 'req_70_0' } } satisfies NodeQuery);
    n.service.onMessage(OTHER_CLIENT, { kind: 'node-query', id: 2, afterHeight: 2, body: { q: 'access-decision', request: 'req_70_0' } } satisfies NodeQuery);
    n.service.onMessage(GATEWAY, { kind: 'node-query', id: 3, afterHeight: 2, body: { q: 'access-decision', request: 'req_70_0' } } satisfies NodeQuery);
    expect(n.sent.map((s) => `${s.to}:${JSON.stringify((s.msg as NodeAnswer).body)}`)).toEqual([
      `${CLIENT}:{"q":"access-decision","decision":"permit"}`,
      `${OTHER_CLIENT}:{"q":"access-decision","decision":"deny"}`,
      `${GATEWAY}:{"q":"access-decision"}`,
    ]);
  });

  it('answers at once a query for a height it has executed (the anchored root is absent until anchored)', () => {
    const n = node();
    n.service.onMessage(CLIENT, { kind: 'node-query', id: 1, afterHeight: 0, body: { q: 'anchor-root', gateway: GATEWAY, batch: 0 } } satisfies NodeQuery);
    expect(n.sent.map((s) => s.msg)).toEqual([{ kind: 'node-answer', id: 1, height: 0, body: { q: 'anchor-root', root: undefined } }]);
  });

  it('pushes numbered notices to each subscriber for what concerns it, and replays what a resubscriber missed', () => {
    const n = node();
    n.service.onMessage(GATEWAY, { kind: 'node-subscribe', id: 4, topic: 'registry', sinceHeight: 0 } satisfies NodeSubscribe);
    n.service.onMessage(STORE, { kind: 'node-subscribe', id: 0, topic: 'permits', sinceHeight: 0, patients: ['pt_0'] } satisfies NodeSubscribe);
    n.commit(block(1, [request('r1')]));
    n.commit(block(2, [tx({ contract: 'DeviceRegistry', method: 'revoke', args: { device: 'dev_0', status: 'revoked' } }, ADMIN)]));
    const notices = (to: number) => n.sent.filter((s) => s.to === to).map((s) => s.msg as NodeNotice);
    expect(notices(GATEWAY)).toEqual([
      { kind: 'node-notice', subscription: 4, seq: 0, height: 0, topic: 'registry', items: [] },
      { kind: 'node-notice', subscription: 4, seq: 1, height: 2, topic: 'registry', items: [{ device: 'dev_0', keyId: '1000', active: false }] },
    ]);
    expect(notices(STORE)).toEqual([
      { kind: 'node-notice', subscription: 0, seq: 0, height: 0, topic: 'permits', items: [] },
      { kind: 'node-notice', subscription: 0, seq: 1, height: 1, topic: 'permits', items: [{ kind: 'access', request: 'r1', requester: 'cl_a', patient: 'pt_0', decision: 'permit', consent: 'c0', decidedUs: 0, consentEndUs: 1e12 }] },
    ]);
    // The store missed notice 1: it subscribes again from height 0 and gets the decision replayed.
    n.service.onMessage(STORE, { kind: 'node-subscribe', id: 1, topic: 'permits', sinceHeight: 0, patients: ['pt_0'] } satisfies NodeSubscribe);
    expect(notices(STORE).at(-1)).toEqual({ kind: 'node-notice', subscription: 1, seq: 0, height: 2, topic: 'permits', items: [{ kind: 'access', request: 'r1', requester: 'cl_a', patient: 'pt_0', decision: 'permit', consent: 'c0', decidedUs: 0, consentEndUs: 1e12 }] });
  });

  it("pushes a consent's revocation to the stores of its patient after the decisions before it, with each decision's consent and time, and replays both in commit order", () => {
    const n = node();
    n.service.onMessage(STORE, { kind: 'node-subscribe', id: 0, topic: 'permits', sinceHeight: 0, patients: ['pt_0'] } satisfies NodeSubscribe);
    n.service.onMessage(STORE + 1, { kind: 'node-subscribe', id: 0, topic: 'permits', sinceHeight: 0, patients: ['pt_1'] } satisfies NodeSubscribe);
    n.clock.nowUs = 7_000_000;
    n.commit(block(1, [request('r1')]));
    n.clock.nowUs = 9_000_000;
    n.commit(block(2, [tx({ contract: 'Consent', method: 'revoke', args: { consent: 'c0', patient: 'pt_0' } }, PORTAL)]));
    const items = (to: number) => n.sent.filter((s) => s.to === to).flatMap((s) => (s.msg as NodeNotice & { topic: 'permits' }).items);
    const committed = [
      { kind: 'access', request: 'r1', requester: 'cl_a', patient: 'pt_0', decision: 'permit', consent: 'c0', decidedUs: 7_000_000, consentEndUs: 1e12 },
      { kind: 'consent-revoked', consent: 'c0' },
    ];
    expect(items(STORE)).toEqual(committed);
    expect(items(STORE + 1)).toEqual([]);
    n.service.onMessage(STORE, { kind: 'node-subscribe', id: 1, topic: 'permits', sinceHeight: 0, patients: ['pt_0'] } satisfies NodeSubscribe);
    expect((n.sent.at(-1)!.msg as NodeNotice).items).toEqual(committed);
    expect(n.service.consentRevokedUs).toEqual(new Map([['c0', 9_000_000]]));
  });

  it('heartbeats each subscription that has had a notice with the number of its last one, for one MAC and no state read', () => {
    const n = node();
    n.service.onMessage(GATEWAY, { kind: 'node-subscribe', id: 4, topic: 'registry', sinceHeight: 0 } satisfies NodeSubscribe);
    n.service.onMessage(STORE, { kind: 'node-subscribe', id: 0, topic: 'permits', sinceHeight: 0, patients: ['pt_0'] } satisfies NodeSubscribe);
    n.commit(block(1, [tx({ contract: 'DeviceRegistry', method: 'revoke', args: { device: 'dev_0', status: 'revoked' } }, ADMIN)]));
    n.commit(block(2, [request('r1')]));
    const sentBefore = n.sent.length;
    const cpuBefore = n.cpu();
    n.service.heartbeat();
    expect(n.sent.slice(sentBefore)).toEqual([
      { to: GATEWAY, msg: { kind: 'node-heartbeat', subscription: 4, topic: 'registry', seq: 1, height: 2 } satisfies NodeHeartbeat },
      { to: STORE, msg: { kind: 'node-heartbeat', subscription: 0, topic: 'permits', seq: 1, height: 2 } satisfies NodeHeartbeat },
    ]);
    expect(n.cpu() - cpuBefore).toBe(2 * MAC_US);
    expect(HEARTBEAT_BYTES).toBe(NODE_MESSAGE_BASE_BYTES + 1);
  });

  it('sends no heartbeat to a subscription with no notice since its acknowledgement (its subscriber re-subscribes if that was lost)', () => {
    const n = node();
    n.service.onMessage(GATEWAY, { kind: 'node-subscribe', id: 4, topic: 'registry', sinceHeight: 0 } satisfies NodeSubscribe);
    n.commit(block(1, [request('r1')]));
    const sentBefore = n.sent.length;
    n.service.heartbeat();
    expect(n.sent.slice(sentBefore)).toEqual([]);
  });

  it('replays the audit log from the subscriber\'s height and reports every contract outcome as a model event', () => {
    const n = node();
    n.commit(block(1, [request('r1')]));
    n.commit(block(2, [request('r2')]));
    n.service.onMessage(CLIENT, { kind: 'node-subscribe', id: 0, topic: 'audit', sinceHeight: 1 } satisfies NodeSubscribe);
    const ack = n.sent.at(-1)!.msg as NodeNotice;
    expect(ack.topic === 'audit' && ack.items.map((e) => e.ref)).toEqual(['r2']);
    expect(n.events.map((e) => e.kind)).toEqual(['iomt-contract-outcome', 'iomt-contract-outcome']);
  });

  it('answers which transaction revoked a device: the one that took effect, not a later revocation the registry refused in the same block', () => {
    const n = node();
    const revoke = () => tx({ contract: 'DeviceRegistry', method: 'revoke', args: { device: 'dev_0', status: 'revoked' } }, ADMIN);
    const first = revoke();
    const second = revoke();
    n.commit(block(1, [first, second]));
    for (const t of [first, second]) n.service.onMessage(ADMIN, { kind: 'node-query', id: t.id, afterHeight: 1, body: { q: 'revoked-by', device: 'dev_0', tx: t.id } } satisfies NodeQuery);
    expect(n.sent.map((s) => (s.msg as NodeAnswer).body)).toEqual([{ q: 'revoked-by', revokedBy: true }, { q: 'revoked-by', revokedBy: false }]);
  });
});
