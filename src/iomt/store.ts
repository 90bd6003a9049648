/**
 * The off-chain, content-addressed record store (one per hospital): batches are addressed by their
 * Merkle root. A write takes `writeLatencyUs` plus size / throughput of the store's processor, so
 * writes queue when the store is loaded (its capacity in throughput); `capacityBytes` bounds what
 * it holds, and a full store refuses writes.
 *
 * Clinicians read a device's latest record, so the simulator keeps in memory only the batches that
 * still hold some device's latest record; older batches stay accounted in `usedBytes`.
 */
import type { Actor, ActorContext, HostId } from '../../sim/index.ts';
import { merkleProof } from '../ledger/index.ts';
import type { GetLatest, GetReply, PutAck, PutBatch } from './messages.ts';
import { RECORD_BYTES } from './reading.ts';

export interface StoreOptions {
  readonly writeLatencyUs: number;
  readonly readLatencyUs: number;
  readonly throughputBytesPerSec: number;
  readonly capacityBytes: number;
}

interface HeldBatch {
  readonly gateway: number;
  readonly batch: number;
  readonly records: readonly Uint8Array[];
}

const ACK_BYTES = 48;

export class OffChainStore implements Actor<unknown> {
  usedBytes = 0;
  refusedWrites = 0;
  /** Latest (batch, index) of each device, for "latest reading" reads. */
  private readonly latest = new Map<number, { held: HeldBatch; index: number }>();

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly o: StoreOptions,
  ) {}

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as PutBatch | GetLatest;
    if (m.kind === 'put') this.put(from, m);
    else if (m.kind === 'get') this.get(from, m);
  }

  onTimer(): void {}

  private put(from: HostId, m: PutBatch): void {
    const ctx = this.ctx;
    ctx.cpu(this.o.writeLatencyUs + (m.bytes * 1e6) / this.o.throughputBytesPerSec);
    const stored = this.usedBytes + m.bytes <= this.o.capacityBytes;
    if (stored) {
      this.usedBytes += m.bytes;
      const held: HeldBatch = { gateway: m.gateway, batch: m.batch, records: m.records };
      for (let i = 0; i < m.devices.length; i++) this.latest.set(m.devices[i]!, { held, index: i });
    } else {
      this.refusedWrites++;
    }
    ctx.send(from, { kind: 'put-ack', batch: m.batch, stored } satisfies PutAck, ACK_BYTES);
  }

  private get(from: HostId, m: GetLatest): void {
    const ctx = this.ctx;
    ctx.cpu(this.o.readLatencyUs);
    const at = this.latest.get(m.device);
    if (at === undefined) {
      ctx.send(from, { kind: 'get-reply', token: m.token } satisfies GetReply, ACK_BYTES);
      return;
    }
    const { held, index } = at;
    const proof = merkleProof(held.records, index);
    const reply: GetReply = { kind: 'get-reply', token: m.token, found: { gateway: held.gateway, batch: held.batch, record: held.records[index]!, proof } };
    ctx.send(from, reply, ACK_BYTES + RECORD_BYTES + 32 * proof.path.length);
  }

  /** Storage fault (or insider edit) for tests and attacks: flip one byte of a held record. */
  corruptLatest(device: number): boolean {
    const at = this.latest.get(device);
    if (at === undefined) return false;
    at.held.records[at.index]![16]! ^= 0x01;
    return true;
  }
}
