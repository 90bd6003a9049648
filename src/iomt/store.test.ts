import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type ModelEvent } from '../../sim/index.ts';
import { packedMerkleRoot, verifyMerkleProof } from '../ledger/index.ts';
import type { GetReply, PutBatch } from './messages.ts';
import type { NodeNotice } from './node-messages.ts';
import { decodeRecord, encodeRecord, RECORD_BYTES } from './reading.ts';
import { OffChainStore, type StoreOptions } from './store.ts';

const NODE = 1;
const PATIENT_OF_DEVICE = ['pt_0', 'pt_1', 'pt_2', 'pt_3', 'pt_4'];
/** Request 'r1' permits 'cl_a' to read device 2's patient; 'r0' was denied; anything else is undecided. */
const DECISIONS: NodeNotice = {
  kind: 'node-notice',
  subscription: 0,
  topic: 'permits',
  seq: 0,
  height: 5,
  items: [
    { request: 'r1', requester: 'cl_a', patient: 'pt_2', decision: 'permit' },
    { request: 'r0', requester: 'cl_a', patient: 'pt_2', decision: 'deny' },
  ],
};

function scripted(): { ctx: ActorContext<unknown>; sent: { to: number; msg: unknown }[]; timers: { delayUs: number; tag: number }[]; emitted: ModelEvent[] } {
  const sent: { to: number; msg: unknown }[] = [];
  const emitted: ModelEvent[] = [];
  const timers: { delayUs: number; tag: number }[] = [];
  const ctx: ActorContext<unknown> = {
    self: 9,
    nowUs: 0,
    rng: new Rng(1),
    send: (to, msg) => void sent.push({ to, msg }),
    setTimer: (delayUs, tag) => timers.push({ delayUs, tag }),
    cancelTimer: () => {},
    cpu: () => {},
    cpuParallel: () => {},
    emit: (e) => void emitted.push(e),
    emitFirst: (_key, e) => void emitted.push(e),
  };
  return { ctx, sent, timers, emitted };
}

/** A store that has subscribed to its node's access decisions and heard DECISIONS. */
function store(ctx: ActorContext<unknown>, options: Partial<StoreOptions> = {}): OffChainStore {
  const s = new OffChainStore(ctx, {
    options: { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 1e9, retainUs: 1e9, ...options },
    node: { host: NODE, macUs: 0, retryUs: 4_000_000 },
    patientOfDevice: PATIENT_OF_DEVICE,
    patients: PATIENT_OF_DEVICE,
  });
  s.onStart();
  s.onMessage(NODE, DECISIONS);
  return s;
}

const replies = (sent: readonly { to: number; msg: unknown }[]) => sent.filter((s) => s.to !== NODE).map((s) => s.msg);

function batch(): PutBatch {
  const records = new Uint8Array(5 * RECORD_BYTES);
  for (let d = 0; d < 5; d++) encodeRecord(records, d * RECORD_BYTES, d, 7, 1_000_000 + d, 95.5 + d, 20);
  return { kind: 'put', gateway: 3, batch: 0, root: packedMerkleRoot(records, RECORD_BYTES, 5), count: 5, records, devices: Int32Array.from([0, 1, 2, 3, 4]), bytes: 5 * RECORD_BYTES };
}

describe('OffChainStore', () => {
  it('reports every record it serves, with the request and reader, and none it refuses', () => {
    const { ctx, emitted } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' });
    s.onMessage(5, { kind: 'get', device: 2, token: 2, request: 'r0', requester: 'cl_a' });
    s.onMessage(6, { kind: 'get', device: 3, token: 3 });
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 4 })).toBe(true);
    expect(emitted).toEqual([
      { kind: 'iomt-record-served', store: 9, serial: 0, request: 'r1', requester: 'cl_a', device: 2, patient: 'pt_2' },
      { kind: 'iomt-record-served', store: 9, serial: 1, request: '', requester: '', device: 3, patient: 'pt_3' },
    ]);
  });

  it('serves a record whose inclusion proof verifies against the anchored root', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    s.onMessage(5, { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' });
    const reply = replies(sent)[1] as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(true);
  });

  it('makes a record altered after anchoring fail its proof', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    expect(s.corruptLatest(2)).toBe(true);
    s.onMessage(5, { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' });
    const reply = replies(sent)[1] as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(false);
  });

  it('alters a latest record once: altering it again would flip its bit back, so it is left altered', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    const b = batch();
    s.onMessage(3, b);
    expect(s.corruptLatest(2)).toBe(true);
    expect(s.corruptLatest(2)).toBe(false);
    s.onMessage(5, { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' });
    const reply = replies(sent)[1] as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(false);
    // A newer record of the device is a new target.
    s.onMessage(3, batch());
    expect(s.corruptLatest(2)).toBe(true);
  });

  it('refuses a write beyond its capacity and says so in the acknowledgement', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx, { capacityBytes: 100 });
    s.onMessage(3, batch());
    expect(replies(sent)[0]).toEqual({ kind: 'put-ack', batch: 0, stored: false });
  });

  it('refuses a read without a permit for that requester and device, and counts it', () => {
    const { ctx, sent } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, { kind: 'get', device: 2, token: 1 });
    s.onMessage(5, { kind: 'get', device: 2, token: 2, request: 'r1', requester: 'cl_b' });
    s.onMessage(5, { kind: 'get', device: 3, token: 3, request: 'r1', requester: 'cl_a' });
    s.onMessage(5, { kind: 'get', device: 2, token: 4, request: 'r0', requester: 'cl_a' });
    expect(replies(sent).slice(1)).toEqual([1, 2, 3, 4].map((token) => ({ kind: 'get-reply', token, denied: true })));
    expect(s.deniedReads).toBe(4);
  });

  it('serves one read per permit: a second read naming the same request is held, then refused', () => {
    const { ctx, sent, timers } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' });
    s.onMessage(5, { kind: 'get', device: 2, token: 2, request: 'r1', requester: 'cl_a' });
    expect((replies(sent)[1] as GetReply).found).toBeDefined();
    expect(replies(sent)).toHaveLength(2);
    s.onTimer(timers.at(-1)!.tag);
    expect(replies(sent)[2]).toEqual({ kind: 'get-reply', token: 2, denied: true });
    expect(s.servedRecords).toBe(1);
  });

  it('holds a read until its node reports the decision, and refuses it when none comes within 5 s', () => {
    const { ctx, sent, timers } = scripted();
    const s = store(ctx);
    s.onMessage(3, batch());
    s.onMessage(5, { kind: 'get', device: 2, token: 1, request: 'r2', requester: 'cl_a' });
    s.onMessage(5, { kind: 'get', device: 2, token: 2, request: 'r3', requester: 'cl_a' });
    expect(replies(sent)).toHaveLength(1);
    s.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'permits', seq: 1, height: 6, items: [{ request: 'r2', requester: 'cl_a', patient: 'pt_2', decision: 'break-glass' }] } satisfies NodeNotice);
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
      s.onMessage(3, { kind: 'put', gateway: 3, batch: i, root: packedMerkleRoot(records, RECORD_BYTES, 1), count: 1, records, devices: Int32Array.from([d]), bytes: RECORD_BYTES });
    });
    for (const d of devices) expect(s.serveWithoutPermit(5, { kind: 'get', device: d, token: d })).toBe(true);
    const served = replies(sent).filter((m) => (m as GetReply).kind === 'get-reply') as GetReply[];
    expect(served.map((r) => decodeRecord(r.found!.record).device)).toEqual(devices);
    for (const d of [0, 4989, 4995, 9001]) expect(s.serveWithoutPermit(5, { kind: 'get', device: d, token: d })).toBe(false);
  });
});
