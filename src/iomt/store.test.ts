import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type ModelEvent } from '../../sim/index.ts';
import { KeyRing, packedMerkleRoot, verifyMerkleProof, ZERO_CRYPTO_COSTS, type CryptoCosts } from '../ledger/index.ts';
import type { GetLatest, GetReply, PutBatch } from './messages.ts';
import { STATE_READ_US, type NodeHeartbeat, type NodeNotice, type NodeSubscribe, type PermitItem } from './node-messages.ts';
import { decodeRecord, encodeRecord, RECORD_BYTES } from './reading.ts';
import { ENROLMENT_AUTHORITY_SIGNER, enrolReader, signedRead } from './reader-credential.ts';
import { OffChainStore, PERMIT_LIFETIME_US, type StoreOptions } from './store.ts';

const NODE = 1;
const STORE = 9;
const RING = new KeyRing('symbolic', 1);
const AUTHORITY = RING.issue(ENROLMENT_AUTHORITY_SIGNER);
/** Two enrolled readers, on hosts 5 and 6. */
const READERS = { cl_a: enrolReader(RING, AUTHORITY, 'cl_a', 5), cl_b: enrolReader(RING, AUTHORITY, 'cl_b', 6) };

/** `requester`'s read of `device` under `request`, signed by it for the store. */
function read(requester: keyof typeof READERS, device: number, token: number, request: string): GetLatest {
  return signedRead(READERS[requester], RING, STORE, { kind: 'get', device, token, request, requester });
}
const PATIENT_OF_DEVICE = ['pt_0', 'pt_1', 'pt_2', 'pt_3', 'pt_4'];
/** `requester`'s request `request` decided about `patient` at `decidedUs`, under consent `c_<requester>_<patient>` when permitted. */
function decided(request: string, requester: string, patient: string, decision: PermitItem['decision'], decidedUs = 0, consentEndUs = Infinity): PermitItem {
  return { kind: 'access', request, requester, patient, decision, consent: decision === 'permit' ? `c_${requester}_${patient}` : '', decidedUs, consentEndUs };
}
/** Request 'r1' permits 'cl_a' to read device 2's patient; 'r0' was denied; anything else is undecided. */
const DECISIONS: NodeNotice = {
  kind: 'node-notice',
  subscription: 0,
  topic: 'permits',
  seq: 0,
  height: 5,
  items: [decided('r1', 'cl_a', 'pt_2', 'permit'), decided('r0', 'cl_a', 'pt_2', 'deny')],
};

function scripted(): { ctx: ActorContext<unknown>; clock: { nowUs: number }; sent: { to: number; msg: unknown; bytes: number }[]; timers: { delayUs: number; tag: number }[]; emitted: ModelEvent[]; cpu: () => number } {
  let cpuUs = 0;
  const sent: { to: number; msg: unknown; bytes: number }[] = [];
  const emitted: ModelEvent[] = [];
  const timers: { delayUs: number; tag: number }[] = [];
  const clock = { nowUs: 0 };
  const ctx: ActorContext<unknown> = {
    self: STORE,
    get nowUs() {
      return clock.nowUs;
    },
    rng: new Rng(1),
    send: (to, msg, bytes) => void sent.push({ to, msg, bytes }),
    setTimer: (delayUs, tag) => timers.push({ delayUs, tag }),
    cancelTimer: () => {},
    cpu: (us) => void (cpuUs += us),
    cpuParallel: (jobs, us) => void (cpuUs += jobs * us),
    emit: (e) => void emitted.push(e),
    emitFirst: (_key, e) => void emitted.push(e),
  };
  return { ctx, clock, sent, timers, emitted, cpu: () => cpuUs };
}

/** A store that has subscribed to its node's access decisions and heard DECISIONS. */
function store(ctx: ActorContext<unknown>, options: Partial<StoreOptions> = {}, crypto: CryptoCosts = ZERO_CRYPTO_COSTS): OffChainStore {
  const s = new OffChainStore(ctx, {
    options: { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 1e9, retainUs: 1e9, ...options },
    node: { host: NODE, macUs: 0, retryUs: 4_000_000 },
    patientOfDevice: PATIENT_OF_DEVICE,
    patients: PATIENT_OF_DEVICE,
    verifier: RING,
    crypto,
  });
  s.onStart();
  s.onMessage(NODE, DECISIONS);
  return s;
}

const replies = (sent: readonly { to: number; msg: unknown }[]) => sent.filter((s) => s.to !== NODE).map((s) => s.msg);

/** Device d's record in it, for d in 0..4, stands for `payloadBytes[d]` bytes of payload (20 each by default). */
function batch(payloadBytes: readonly number[] = [20, 20, 20, 20, 20]): PutBatch {
  const records = new Uint8Array(5 * RECORD_BYTES);
  for (let d = 0; d < 5; d++) encodeRecord(records, d * RECORD_BYTES, d, 7, 1_000_000 + d, 95.5 + d, payloadBytes[d]!);
  return { kind: 'put', gateway: 3, batch: 0, root: packedMerkleRoot(records, RECORD_BYTES, 5), count: 5, records, bytes: 5 * RECORD_BYTES };
}

describe('OffChainStore', () => {
  it('reports every record it serves, with the request and reader, and none it refuses', () => {
    const { ctx, emitted } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    s.onMessage(5, read('cl_a', 2, 2, 'r0'));
    s.onMessage(6, { kind: 'get', device: 3, token: 3 });
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 4 })).toBe(true);
    expect(emitted).toEqual([
      { kind: 'iomt-record-served', store: 9, serial: 0, request: 'r1', requester: 'cl_a', device: 2, patient: 'pt_2', altered: false },
      { kind: 'iomt-record-served', store: 9, serial: 1, request: '', requester: '', device: 3, patient: 'pt_3', altered: false },
    ]);
  });

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

  it('makes a record altered after anchoring fail its proof', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    expect(s.corruptLatest(2)).toBe(true);
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    const reply = replies(sent)[1] as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(false);
  });

  it("keeps the batch's tree as written: a record altered beside it leaves an unaltered record's proof valid", () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    expect(s.corruptLatest(2)).toBe(true);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 4 })).toBe(true);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 2, token: 5 })).toBe(true);
    const [intact, altered] = replies(sent).slice(-2) as GetReply[];
    expect(verifyMerkleProof(b.root, intact!.found!.record, intact!.found!.proof)).toBe(true);
    expect(verifyMerkleProof(b.root, altered!.found!.record, altered!.found!.proof)).toBe(false);
  });

  it('reports a record served as altered while its alteration stands, and its replacement as not', () => {
    const { ctx, emitted } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    expect(s.corruptLatest(2)).toBe(true);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 2, token: 1 })).toBe(true);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 2 })).toBe(true);
    s.onMessage(3, batch());
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 2, token: 3 })).toBe(true);
    expect(emitted).toMatchObject([{ device: 2, altered: true }, { device: 3, altered: false }, { device: 2, altered: false }]);
  });

  it('alters a latest record once: altering it again would flip its bit back, so it is left altered', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    expect(s.corruptLatest(2)).toBe(true);
    expect(s.corruptLatest(2)).toBe(false);
    s.onMessage(5, read('cl_a', 2, 1, 'r1'));
    const reply = replies(sent)[1] as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(false);
    // A newer record of the device is a new target.
    s.onMessage(3, batch());
    expect(s.corruptLatest(2)).toBe(true);
  });

  it('answers "not found" for a record older than its retention, though no write has come since', () => {
    const { ctx, clock, sent, emitted } = scripted();
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
    expect(emitted.filter((e) => e.kind === 'iomt-record-served')).toHaveLength(1);
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
    const { ctx, sent, emitted } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    // cl_b took cl_a's next id 'r5' for its own request; both were permitted, cl_a's heard first.
    s.onMessage(NODE, {
      kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6,
      items: [decided('r5', 'cl_a', 'pt_2', 'permit'), decided('r5', 'cl_b', 'pt_3', 'permit')],
    } satisfies NodeNotice);
    s.onMessage(5, read('cl_a', 2, 1, 'r5'));
    s.onMessage(6, read('cl_b', 3, 2, 'r5'));
    expect(replies(sent).slice(1).map((r) => (r as GetReply).found !== undefined)).toEqual([true, true]);
    expect(emitted.map((e) => (e as { requester?: string }).requester)).toEqual(['cl_a', 'cl_b']);
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
    const { ctx, clock, sent, emitted } = scripted();
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
    expect(emitted).toMatchObject([{ kind: 'iomt-record-served', request: 'r8' }]);
  });

  it("refuses a read under a permit once the permit's consent has expired, however recently the permit was decided", () => {
    const { ctx, clock, sent, emitted } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    // r8 and r9 were decided at 0 under consents ending at 20 s and at 40 s; both are read at 30 s.
    s.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6, items: [decided('r8', 'cl_a', 'pt_3', 'permit', 0, 20_000_000), decided('r9', 'cl_a', 'pt_2', 'permit', 0, 40_000_000)] } satisfies NodeNotice);
    clock.nowUs = 30_000_000;
    s.onMessage(5, read('cl_a', 3, 1, 'r8'));
    s.onMessage(5, read('cl_a', 2, 2, 'r9'));
    expect(replies(sent).slice(1)).toMatchObject([{ token: 1, denied: true }, { token: 2, found: {} }]);
    expect(emitted).toMatchObject([{ kind: 'iomt-record-served', request: 'r9' }]);
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
    expect(s.servedRecords).toBe(0);
  });

  it('alters only a record a read could still be served: none past retention', () => {
    const { ctx, clock } = scripted();
    const s = store(ctx, { retainUs: 120_000_000 });
    s.onMessage(3, batch());
    clock.nowUs = 120_000_000;
    expect(s.corruptLatest(2)).toBe(true);
    clock.nowUs = 120_000_001;
    expect(s.corruptLatest(3)).toBe(false);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 1 })).toBe(false);
  });

  it('serves a permit to its grantee only: a read naming the permit and its grantee, not signed by the grantee, is refused', () => {
    const { ctx, sent, emitted } = scripted();
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
    expect(emitted).toEqual([]);
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
    expect(s.servedRecords).toBe(1);
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
