/**
 * The off-chain, content-addressed record store (one per hospital): batches are addressed by their
 * Merkle root. A write takes `writeLatencyUs` plus size / throughput of the store's processor, so
 * writes queue when the store is loaded (its capacity in throughput); `capacityBytes` bounds what
 * it holds, and a full store refuses writes.
 *
 * Clinicians read a device's latest record. The simulator keeps record bytes for `retainUs` after a
 * write (one contiguous buffer per batch); older batches stay accounted in `usedBytes`, but a read
 * whose latest record is older than that is answered "not found" (a simulation bound on memory, not
 * a property of the modelled store).
 *
 * Reads need a permit. In the framework AccessControl releases the record key only when consent
 * holds at the committed state (the AccessControl contract, src/contracts/access.ts); the store models that release by serving a
 * record only to the requester of a request its hospital's node has committed as permit or
 * break-glass for that device's patient. A request not yet executed at that node is re-checked
 * every NODE_POLL_US (its node may lag the replicas that confirmed it) for up to PERMIT_WAIT_US;
 * a read without a permit is refused (`denied`) and counted.
 */
import type { Actor, ActorContext, HostId } from '../../sim/index.ts';
import { merkleProof } from '../ledger/index.ts';
import type { GetLatest, GetReply, PutAck, PutBatch } from './messages.ts';
import { RECORD_BYTES } from './reading.ts';
import { NODE_POLL_US } from './ledger-client.ts';

/**
 * The permit check at the store's node's committed state: true when `request` permits `requester`
 * to read `device`'s patient, false when it does not, undefined while the node has not decided it.
 */
export type PermitCheck = (request: string, requester: string, device: number) => boolean | undefined;

/** How long a read waits for its request's decision to reach the store's node before it is refused. */
const PERMIT_WAIT_US = 5_000_000;

export interface StoreOptions {
  readonly writeLatencyUs: number;
  readonly readLatencyUs: number;
  readonly throughputBytesPerSec: number;
  readonly capacityBytes: number;
  readonly retainUs: number;
}

interface HeldBatch {
  readonly gateway: number;
  readonly batch: number;
  readonly storedUs: number;
  /** Records, RECORD_BYTES each, in leaf order; undefined once past retention. */
  data: Uint8Array | undefined;
}

const ACK_BYTES = 48;

export class OffChainStore implements Actor<unknown> {
  usedBytes = 0;
  refusedWrites = 0;
  /** Latest batch and leaf index of each device (indexed by global device number). */
  private readonly latestBatch: (HeldBatch | undefined)[] = [];
  private latestIndex = new Int32Array(1024);
  private readonly retained: HeldBatch[] = [];
  private retainedHead = 0;
  /** Reads refused for want of a permit. */
  deniedReads = 0;
  /** Reads waiting for their request's decision at the store's node. */
  private waiting: { from: HostId; m: GetLatest; untilUs: number }[] = [];
  private pollScheduled = false;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly o: StoreOptions,
    private readonly permits: PermitCheck,
  ) {}

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as PutBatch | GetLatest;
    if (m.kind === 'put') this.put(from, m);
    else if (m.kind === 'get') this.authorize(from, m, this.ctx.nowUs + PERMIT_WAIT_US);
  }

  onTimer(): void {
    this.pollScheduled = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) this.authorize(w.from, w.m, w.untilUs);
  }

  private authorize(from: HostId, m: GetLatest, untilUs: number): void {
    const ok = m.request === undefined || m.requester === undefined ? false : this.permits(m.request, m.requester, m.device);
    if (ok === true) return this.get(from, m);
    if (ok === undefined && this.ctx.nowUs < untilUs) {
      this.waiting.push({ from, m, untilUs });
      if (!this.pollScheduled) {
        this.pollScheduled = true;
        this.ctx.setTimer(NODE_POLL_US, 0);
      }
      return;
    }
    this.ctx.cpu(this.o.readLatencyUs);
    this.deniedReads++;
    this.ctx.send(from, { kind: 'get-reply', token: m.token, denied: true } satisfies GetReply, ACK_BYTES);
  }

  private put(from: HostId, m: PutBatch): void {
    const ctx = this.ctx;
    ctx.cpu(this.o.writeLatencyUs + (m.bytes * 1e6) / this.o.throughputBytesPerSec);
    const stored = this.usedBytes + m.bytes <= this.o.capacityBytes;
    if (stored) {
      this.usedBytes += m.bytes;
      // The batch's records arrive packed in a buffer the gateway gave up: kept as they are.
      const held: HeldBatch = { gateway: m.gateway, batch: m.batch, storedUs: ctx.nowUs, data: m.records.subarray(0, m.count * RECORD_BYTES) };
      this.retained.push(held);
      for (let i = 0; i < m.count; i++) {
        const d = m.devices[i]!;
        if (d >= this.latestIndex.length) this.growIndex(d);
        this.latestBatch[d] = held;
        this.latestIndex[d] = i;
      }
      this.expire();
    } else {
      this.refusedWrites++;
    }
    ctx.send(from, { kind: 'put-ack', batch: m.batch, stored } satisfies PutAck, ACK_BYTES);
  }

  private get(from: HostId, m: GetLatest): void {
    const ctx = this.ctx;
    ctx.cpu(this.o.readLatencyUs);
    const held = this.latestBatch[m.device];
    if (held === undefined || held.data === undefined) {
      ctx.send(from, { kind: 'get-reply', token: m.token } satisfies GetReply, ACK_BYTES);
      return;
    }
    const index = this.latestIndex[m.device]!;
    const leaves = this.leaves(held.data);
    const proof = merkleProof(leaves, index);
    const reply: GetReply = { kind: 'get-reply', token: m.token, found: { gateway: held.gateway, batch: held.batch, record: leaves[index]!.slice(), proof } };
    ctx.send(from, reply, ACK_BYTES + RECORD_BYTES + 32 * proof.path.length);
  }

  /** Storage fault (or insider edit) for tests and attacks: flip one bit of a device's latest record. */
  corruptLatest(device: number): boolean {
    const held = this.latestBatch[device];
    if (held === undefined || held.data === undefined) return false;
    held.data[this.latestIndex[device]! * RECORD_BYTES + 16]! ^= 0x01;
    return true;
  }

  private leaves(data: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let off = 0; off < data.length; off += RECORD_BYTES) out.push(data.subarray(off, off + RECORD_BYTES));
    return out;
  }

  private expire(): void {
    const cutoff = this.ctx.nowUs - this.o.retainUs;
    const r = this.retained;
    while (this.retainedHead < r.length && r[this.retainedHead]!.storedUs < cutoff) {
      r[this.retainedHead]!.data = undefined;
      this.retainedHead++;
    }
    if (this.retainedHead > 1024 && this.retainedHead * 2 > r.length) {
      r.splice(0, this.retainedHead);
      this.retainedHead = 0;
    }
  }

  private growIndex(device: number): void {
    let cap = this.latestIndex.length;
    while (cap <= device) cap *= 2;
    const b = new Int32Array(cap);
    b.set(this.latestIndex);
    this.latestIndex = b;
  }
}
