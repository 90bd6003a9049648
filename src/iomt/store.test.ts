import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext } from '../../sim/index.ts';
import { packedMerkleRoot, verifyMerkleProof } from '../ledger/index.ts';
import type { GetReply, PutBatch } from './messages.ts';
import { encodeRecord, RECORD_BYTES } from './reading.ts';
import { OffChainStore, type PermitCheck } from './store.ts';

/** Request 'r1' permits 'cl_a' to read device 2; 'r0' was denied; anything else is undecided. */
const PERMITS: PermitCheck = (request, requester, device) => (request === 'r1' ? requester === 'cl_a' && device === 2 : request === 'r0' ? false : undefined);

function scripted(): { ctx: ActorContext<unknown>; sent: { to: number; msg: unknown }[] } {
  const sent: { to: number; msg: unknown }[] = [];
  const ctx: ActorContext<unknown> = {
    self: 9,
    nowUs: 0,
    rng: new Rng(1),
    send: (to, msg) => void sent.push({ to, msg }),
    setTimer: () => 0,
    cancelTimer: () => {},
    cpu: () => {},
    cpuParallel: () => {},
    emit: () => {},
  };
  return { ctx, sent };
}

function batch(): PutBatch {
  const records = new Uint8Array(5 * RECORD_BYTES);
  for (let d = 0; d < 5; d++) encodeRecord(records, d * RECORD_BYTES, d, 7, 1_000_000 + d, 95.5 + d, 20);
  return { kind: 'put', gateway: 3, batch: 0, root: packedMerkleRoot(records, RECORD_BYTES, 5), count: 5, records, devices: Int32Array.from([0, 1, 2, 3, 4]), bytes: 5 * RECORD_BYTES };
}

describe('OffChainStore', () => {
  it('serves a record whose inclusion proof verifies against the anchored root', () => {
    const { ctx, sent } = scripted();
    const store = new OffChainStore(ctx, { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 1e9, retainUs: 1e9 }, PERMITS);
    const b = batch();
    store.onMessage(3, b);
    store.onMessage(5, { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' });
    const reply = sent[1]!.msg as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(true);
  });

  it('makes a record altered after anchoring fail its proof', () => {
    const { ctx, sent } = scripted();
    const store = new OffChainStore(ctx, { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 1e9, retainUs: 1e9 }, PERMITS);
    const b = batch();
    store.onMessage(3, b);
    expect(store.corruptLatest(2)).toBe(true);
    store.onMessage(5, { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' });
    const reply = sent[1]!.msg as GetReply;
    expect(verifyMerkleProof(b.root, reply.found!.record, reply.found!.proof)).toBe(false);
  });

  it('refuses a write beyond its capacity and says so in the acknowledgement', () => {
    const { ctx, sent } = scripted();
    const store = new OffChainStore(ctx, { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 100, retainUs: 1e9 }, PERMITS);
    store.onMessage(3, batch());
    expect(sent[0]!.msg).toEqual({ kind: 'put-ack', batch: 0, stored: false });
  });

  it('refuses a read without a permit for that requester and device, and counts it', () => {
    const { ctx, sent } = scripted();
    const store = new OffChainStore(ctx, { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 1e9, retainUs: 1e9 }, PERMITS);
    store.onMessage(3, batch());
    store.onMessage(5, { kind: 'get', device: 2, token: 1 });
    store.onMessage(5, { kind: 'get', device: 2, token: 2, request: 'r1', requester: 'cl_b' });
    store.onMessage(5, { kind: 'get', device: 3, token: 3, request: 'r1', requester: 'cl_a' });
    store.onMessage(5, { kind: 'get', device: 2, token: 4, request: 'r0', requester: 'cl_a' });
    expect(sent.slice(1).map((s) => s.msg)).toEqual([1, 2, 3, 4].map((token) => ({ kind: 'get-reply', token, denied: true })));
    expect(store.deniedReads).toBe(4);
  });
});
