import { describe, expect, it } from 'vitest';
import { packedMerkleRoot, verifyMerkleProof, ZERO_CRYPTO_COSTS } from '../ledger/index.ts';
import type { GetLatest, GetReply } from './messages.ts';
import { STATE_READ_US, type NodeHeartbeat, type NodeNotice, type NodeSubscribe } from './node-messages.ts';
import { decodeRecord, encodeRecord, RECORD_BYTES } from './reading.ts';
import { signedRead } from './reader-credential.ts';
import { PERMIT_LIFETIME_US } from './store.ts';
import { batch, decided, DECISIONS, NODE, PATIENT_OF_DEVICE, read, READERS, replies, RING, scripted, STORE, store } from './testing/store-fixtures.ts';

/** Records the store sent: its replies that carry one. */
const recordsSent = <T extends { readonly msg: unknown }>(sent: readonly T[]) => sent.filter((s) => (s.msg as Partial<GetReply>).found !== undefined);

describe('OffChainStore', () => {
  it('serves a record whose inclusion proof verifies against the anchored root', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    const reply = replies(sent)[1] as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(true);
  });

  it("charges building the batch's Merkle tree once, when it stores the batch: a read's proof is a lookup", () => {
    const { ctx, cpu } = scripted();
    const s = store(ctx, { throughputBytesPerSec: Infinity }, { ...ZERO_CRYPTO_COSTS, hashUs: 1 });
    s.onMessage(3, batch());
    // Five leaf hashes and four interior ones.
    expect(cpu()).toBe(5 + 4);
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 2 })).toBe(true);
    expect(cpu()).toBe(5 + 4);
  });

  it("sizes a served record's reply with the payload the record stands for", () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch([20, 1_020, 20, 20, 20]));
    s.serveWithoutPermit(6, { kind: 'get', device: 0, token: 1 });
    s.serveWithoutPermit(6, { kind: 'get', device: 1, token: 2 });
    const [small, large] = sent.slice(-2);
    expect((small!.msg as GetReply).found!.proof.path).toHaveLength((large!.msg as GetReply).found!.proof.path.length);
    expect(large!.bytes - small!.bytes).toBe(1_000);
  });

  it('makes a record altered after anchoring fail its proof, and returns the altered record as served', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    const altered = s.corruptLatest(2);
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    const reply = replies(sent)[1] as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(false);
    expect(reply.found!.record).toEqual(altered);
  });

  it("keeps the batch's tree as written: a record altered beside it leaves an unaltered record's proof valid", () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    expect(s.corruptLatest(2)).toBeDefined();
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 4 })).toBe(true);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 2, token: 5 })).toBe(true);
    const [intact, altered] = replies(sent).slice(-2) as GetReply[];
    expect(verifyMerkleProof(b.root, intact!.found!.record, intact!.found!.proof)).toBe(true);
    expect(verifyMerkleProof(b.root, altered!.found!.record, altered!.found!.proof)).toBe(false);
  });

  it('alters a latest record once: altering it again would flip its bit back, so it is left altered', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    expect(s.corruptLatest(2)).toBeDefined();
    expect(s.corruptLatest(2)).toBeUndefined();
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    const reply = replies(sent)[1] as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(false);
    // A newer record of the device is a new target.
    s.onMessage(3, batch());
    expect(s.corruptLatest(2)).toBeDefined();
  });

  it('answers "not found" for a record older than its retention, though no write has come since', () => {
    const { ctx, clock, sent } = scripted();
    const s = store(ctx, { retainUs: 120_000_000 });
    s.onMessage(3, batch());
    clock.nowUs = 120_000_000;
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 1 })).toBe(true);
    clock.nowUs = 120_000_001;
    // A permit decided now (DECISIONS' are past their lifetime) finds the record expired.
    s.onMessage(NODE, { ...DECISIONS, seq: 1, items: [decided('r9', 'cl_a', 'pt_2', 'permit', clock.nowUs)] });
    s.onMessage(5, read('cl_a', 2, 2, 'r9'));
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 3 })).toBe(false);
    expect(replies(sent).slice(2)).toEqual([{ kind: 'get-reply', token: 2 }, { kind: 'get-reply', token: 3 }]);
    expect(recordsSent(sent)).toHaveLength(1);
  });

  it('refuses a write beyond its capacity and says so in the acknowledgement', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx, { capacityBytes: 100 });
    s.onMessage(3, batch());
    expect(replies(sent)[0]).toEqual({ kind: 'put-ack', batch: 0, stored: false, refused: 'full' });
  });

  it("refuses a batch whose stated root is not its records' root, and holds nothing of it", () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    // The gateway states (and anchors) the root of one batch and sends another's records with it.
    const anchored = batch();
    const other = batch([20, 20, 20, 20, 21]);
    s.onMessage(3, { ...other, root: anchored.root });
    expect(replies(sent)[0]).toEqual({ kind: 'put-ack', batch: 0, stored: false, refused: 'root-mismatch' });
    expect(s.usedBytes).toBe(0);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 4, token: 1 })).toBe(false);
  });

  it("stores a batch whose stated root is its records' root, and says so", () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    expect(replies(sent)[0]).toEqual({ kind: 'put-ack', batch: 0, stored: true });
    expect(s.usedBytes).toBe(b.bytes);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 4, token: 1 })).toBe(true);
  });

  it("subscribes again from the last height it applied when its node's heartbeat numbers a permits notice it never got", () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const subscriptions = () => sent.filter((m) => m.to === NODE).map((m) => m.msg as NodeSubscribe);
    s.onMessage(NODE, { kind: 'node-heartbeat', subscription: 0, topic: 'permits', seq: 0, height: 7 } satisfies NodeHeartbeat);
    expect(subscriptions()).toHaveLength(1);
    // Notice 1 (a decision) was lost and none followed it.
    s.onMessage(NODE, { kind: 'node-heartbeat', subscription: 0, topic: 'permits', seq: 1, height: 7 } satisfies NodeHeartbeat);
    expect(subscriptions().at(-1)).toEqual({ kind: 'node-subscribe', id: 1, topic: 'permits', sinceHeight: 5, patients: PATIENT_OF_DEVICE } satisfies NodeSubscribe);
  });

  it('refuses a read without a permit for that requester and device, and counts it', () => {
    const { ctx, sent, timers } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, { kind: 'get', device: 2, token: 1 });
    // cl_b's own request 'r1' is not cl_a's (ids are their requester's): held for its decision, which never comes.
    s.onMessage(6, read('cl_b', 2, 2, 'r1'));
    s.onMessage(5, read('cl_a', 3, 3, 'r1'));
    s.onMessage(5, read('cl_a', 2, 4, 'r0'));
    s.onTimer(timers.at(-1)!.tag);
    expect(replies(sent).slice(1)).toEqual([1, 3, 4, 2].map((token) => ({ kind: 'get-reply', token, denied: true })));
    expect(s.deniedReads).toBe(4);
  });

  it('charges a refusal the state read of its decision, not the storage read of a record', () => {
    const { ctx, cpu } = scripted();
    const s = store(ctx, { readLatencyUs: 5_000 });
    s.onMessage(5, read('cl_a', 2, 4, 'r0'));
    expect(s.deniedReads).toBe(1);
    expect(cpu()).toBe(STATE_READ_US);
  });

  it("keeps each requester's permits apart: another requester's decision on the same request id neither replaces nor spends it", () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    // cl_b took cl_a's next id 'r5' for its own request; both were permitted, cl_a's heard first.
    s.onMessage(NODE, {
      kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6,
      items: [decided('r5', 'cl_a', 'pt_2', 'permit'), decided('r5', 'cl_b', 'pt_3', 'permit')],
    } satisfies NodeNotice);
    s.onMessage(5, read('cl_a', 2, 1, 'r5'));
    s.onMessage(6, read('cl_b', 3, 2, 'r5'));
    expect(recordsSent(sent).map((r) => r.to)).toEqual([5, 6]);
  });

  it('drops a permit no read used PERMIT_LIFETIME_US after its node decided it: a read naming it then is refused', () => {
    const { ctx, clock, sent, timers } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    // DECISIONS (r1 permit, r0 deny) decided and heard at 0; r7 at 30 s.
    const r7: NodeNotice = { kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6, items: [decided('r7', 'cl_a', 'pt_2', 'permit', 30_000_000)] };
    clock.nowUs = 30_000_000;
    s.onMessage(NODE, r7);
    expect(s.heldPermits).toBe(3);
    clock.nowUs = PERMIT_LIFETIME_US;
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    expect(s.heldPermits).toBe(1);
    s.onTimer(timers.at(-1)!.tag);
    expect(replies(sent)[1]).toEqual({ kind: 'get-reply', token: 1, denied: true });
    // r7 is still within its lifetime, and is served.
    clock.nowUs = 30_000_000 + PERMIT_LIFETIME_US - 1;
    s.onMessage(5, read('cl_a', 2, 2, 'r7'));
    expect((replies(sent)[2] as GetReply).found).toBeDefined();
    expect(s.heldPermits).toBe(0);
    // Nothing is held for a run's length: each notice drops what expired before it.
    for (let i = 0; i < 50; i++) {
      clock.nowUs += PERMIT_LIFETIME_US / 10;
      s.onMessage(NODE, { ...r7, seq: 2 + i, items: [decided(`r${100 + i}`, 'cl_b', 'pt_3', 'permit', clock.nowUs)] });
    }
    expect(s.heldPermits).toBe(10);
  });

  it("withdraws the permits decided under a consent when it hears the consent's revocation: a former grantee holding one is refused at once", () => {
    const { ctx, clock, sent } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    // cl_a holds r1 (under c_cl_a_pt_2, decided at 0) and r8 (under c_cl_a_pt_3); the patient of device 2 revokes c_cl_a_pt_2.
    s.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6, items: [decided('r8', 'cl_a', 'pt_3', 'permit')] } satisfies NodeNotice);
    clock.nowUs = 10_000_000;
    s.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'permits', seq: 2, height: 7, items: [{ kind: 'consent-revoked', consent: 'c_cl_a_pt_2' }] } satisfies NodeNotice);
    clock.nowUs = 50_000_000;
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    s.onMessage(5, read('cl_a', 3, 2, 'r8'));
    expect(replies(sent).slice(1)).toMatchObject([{ token: 1, denied: true }, { token: 2, found: {} }]);
  });

  it("refuses a read under a permit once the permit's consent has expired, however recently the permit was decided", () => {
    const { ctx, clock, sent } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    // r8 and r9 were decided at 0 under consents ending at 20 s and at 40 s; both are read at 30 s.
    s.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6, items: [decided('r8', 'cl_a', 'pt_3', 'permit', 0, 20_000_000), decided('r9', 'cl_a', 'pt_2', 'permit', 0, 40_000_000)] } satisfies NodeNotice);
    clock.nowUs = 30_000_000;
    s.onMessage(5, read('cl_a', 3, 1, 'r8'));
    s.onMessage(5, read('cl_a', 2, 2, 'r9'));
    expect(replies(sent).slice(1)).toMatchObject([{ token: 1, denied: true }, { token: 2, found: {} }]);
  });

  it('keeps the expiry of a permit its node decided before a crash: replayed when the store comes back, it lives PERMIT_LIFETIME_US from its decision, not from its replay', () => {
    const { ctx, clock, sent, timers } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    // Down from 5 s to 50 s; r6 was decided at 10 s, and the subscription made on recovery replays it.
    clock.nowUs = 50_000_000;
    s.onRecover();
    const resubscribed = sent.at(-1)!.msg as { id: number };
    s.onMessage(NODE, { kind: 'node-notice', subscription: resubscribed.id, topic: 'permits', seq: 0, height: 8, items: [decided('r6', 'cl_a', 'pt_2', 'permit', 10_000_000)] } satisfies NodeNotice);
    clock.nowUs = 10_000_000 + PERMIT_LIFETIME_US;
    s.onMessage(5, read('cl_a', 2, 1, 'r6'));
    s.onTimer(timers.at(-1)!.tag);
    expect(replies(sent).at(-1)).toEqual({ kind: 'get-reply', token: 1, denied: true });
    expect(recordsSent(sent)).toEqual([]);
  });

  it('alters only a record a read could still be served: none past retention', () => {
    const { ctx, clock } = scripted();
    const s = store(ctx, { retainUs: 120_000_000 });
    s.onMessage(3, batch());
    clock.nowUs = 120_000_000;
    expect(s.corruptLatest(2)).toBeDefined();
    clock.nowUs = 120_000_001;
    expect(s.corruptLatest(3)).toBeUndefined();
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 1 })).toBe(false);
  });

  it('serves a permit to its grantee only: a read naming the permit and its grantee, not signed by the grantee, is refused', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    // Host 6 copies the permit's id and grantee from the chain, and asks as them: unsigned, ...
    const copied: GetLatest = { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' };
    s.onMessage(6, copied);
    // signed with its own key and certificate, or with its own key under the grantee's certificate,
    const ownSignature = signedRead(READERS.cl_b, RING, STORE, { ...copied, token: 2 });
    s.onMessage(6, ownSignature);
    s.onMessage(6, { ...ownSignature, certificate: READERS.cl_a.certificate });
    // or replaying a read the grantee signed for another store.
    s.onMessage(6, signedRead(READERS.cl_a, RING, STORE + 1, { ...copied, token: 3 }));
    expect(replies(sent).slice(1)).toEqual([1, 2, 2, 3].map((token) => ({ kind: 'get-reply', token, denied: true })));
    // The permit was not spent on them: the grantee's own read is served.
    s.onMessage(5, read('cl_a', 2, 4, 'r1'));
    expect((replies(sent)[5] as GetReply).found).toBeDefined();
  });

  it('serves one read per permit: a second read naming the same request is held, then refused', () => {
    const { ctx, sent, timers } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    s.onMessage(5, read('cl_a', 2, 2, 'r1'));
    expect((replies(sent)[1] as GetReply).found).toBeDefined();
    expect(replies(sent)).toHaveLength(2);
    s.onTimer(timers.at(-1)!.tag);
    expect(replies(sent)[2]).toEqual({ kind: 'get-reply', token: 2, denied: true });
    expect(recordsSent(sent)).toHaveLength(1);
  });

  it('refuses a waiting read whose permit and its consent\'s revocation come in one notice', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, read('cl_a', 2, 1, 'r2'));
    s.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6, items: [decided('r2', 'cl_a', 'pt_2', 'permit'), { kind: 'consent-revoked', consent: 'c_cl_a_pt_2' }] } satisfies NodeNotice);
    expect(replies(sent).at(-1)).toEqual({ kind: 'get-reply', token: 1, denied: true });
  });

  it('holds a read until its node reports the decision, and refuses it when none comes within 5 s', () => {
    const { ctx, sent, timers } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, read('cl_a', 2, 1, 'r2'));
    s.onMessage(5, read('cl_a', 2, 2, 'r3'));
    expect(replies(sent)).toHaveLength(1);
    s.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6, items: [decided('r2', 'cl_a', 'pt_2', 'break-glass')] } satisfies NodeNotice);
    expect((replies(sent)[1] as GetReply).found).toBeDefined();
    const deadline = timers.at(-1)!;
    expect(deadline.delayUs).toBe(5_000_000);
    s.onTimer(deadline.tag);
    expect(replies(sent)[2]).toEqual({ kind: 'get-reply', token: 2, denied: true });
  });

  it('finds each device\'s latest record whatever the device numbers and the order their batches arrive in', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    // Far from 0, walking down then up: the index covers only the span of devices it has seen.
    const devices = [5000, 4990, 5010, 4000, 9000, 4999];
    devices.forEach((d, i) => {
      const records = new Uint8Array(RECORD_BYTES);
      encodeRecord(records, 0, d, i, 1_000_000, 90 + i, 20);
      s.onMessage(3, { kind: 'put', gateway: 3, batch: i, root: packedMerkleRoot(records, RECORD_BYTES, 1), count: 1, records, bytes: RECORD_BYTES });
    });
    for (const d of devices) expect(s.serveWithoutPermit(5, { kind: 'get', device: d, token: d })).toBe(true);
    const served = replies(sent).filter((m) => (m as GetReply).kind === 'get-reply') as GetReply[];
    expect(served.map((r) => decodeRecord(r.found!.record).device)).toEqual(devices);
    for (const d of [0, 4989, 4995, 9001]) expect(s.serveWithoutPermit(5, { kind: 'get', device: d, token: d })).toBe(false);
  });
});
