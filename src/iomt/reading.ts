/**
 * A signed device reading as it crosses the radio hop to its gateway, and its canonical forms:
 * the term the device signs (symbolic Dolev–Yao signature, src/ledger/crypto.ts) and the record
 * bytes that become a Merkle leaf and the off-chain record. Only the summary fields are encoded;
 * a waveform's samples are represented by their size (`payloadBytes`) on the wire.
 */
import type { Signature } from '../ledger/index.ts';

export interface ReadingMessage {
  readonly kind: 'reading';
  readonly device: number;
  readonly seq: number;
  /** Device clock at sampling (drifts from true time), µs. */
  readonly timestampUs: number;
  readonly value: number;
  readonly payloadBytes: number;
  /** Key the device signed with (a KeyRing signer id). */
  readonly keyId: number;
  readonly sig: Signature;
  /** Ground truth for measurement only, never read by the gateway's checks: true sampling time. */
  readonly trueUs: number;
}

/** Bytes of the header sent alongside the payload: ids, sequence, timestamp, value, signature (Ed25519: 64 B). */
export const READING_HEADER_BYTES = 4 + 4 + 8 + 8 + 4 + 64;

/** The signed content; recomputed from the message by the verifier, so any edit breaks the signature. */
export function readingTerm(device: number, seq: number, timestampUs: number, value: number, payloadBytes: number): string {
  return `rd|${device}|${seq}|${timestampUs}|${value}|${payloadBytes}`;
}

export const RECORD_BYTES = 32;

// One reusable scratch record: encoding a reading allocates only its own 32 bytes.
const SCRATCH = new ArrayBuffer(RECORD_BYTES);
const SCRATCH_U32 = new Uint32Array(SCRATCH);
const SCRATCH_F64 = new Float64Array(SCRATCH);
const SCRATCH_U8 = new Uint8Array(SCRATCH);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The record as stored off chain and hashed as a Merkle leaf (little-endian fixed layout). */
export function encodeRecord(out: Uint8Array, device: number, seq: number, timestampUs: number, value: number, payloadBytes: number): Uint8Array {
  if (!LITTLE_ENDIAN) return encodeRecordPortable(out, device, seq, timestampUs, value, payloadBytes);
  SCRATCH_U32[0] = device;
  SCRATCH_U32[1] = seq;
  SCRATCH_F64[1] = timestampUs;
  SCRATCH_F64[2] = value;
  SCRATCH_U32[6] = payloadBytes;
  SCRATCH_U32[7] = 0;
  out.set(SCRATCH_U8);
  return out;
}

function encodeRecordPortable(out: Uint8Array, device: number, seq: number, timestampUs: number, value: number, payloadBytes: number): Uint8Array {
  const v = new DataView(out.buffer, out.byteOffset, RECORD_BYTES);
  v.setUint32(0, device, true);
  v.setUint32(4, seq, true);
  v.setFloat64(8, timestampUs, true);
  v.setFloat64(16, value, true);
  v.setUint32(24, payloadBytes, true);
  v.setUint32(28, 0, true);
  return out;
}

export interface DecodedRecord {
  readonly device: number;
  readonly seq: number;
  readonly timestampUs: number;
  readonly value: number;
  readonly payloadBytes: number;
}

export function decodeRecord(b: Uint8Array): DecodedRecord {
  const v = new DataView(b.buffer, b.byteOffset, RECORD_BYTES);
  return { device: v.getUint32(0, true), seq: v.getUint32(4, true), timestampUs: v.getFloat64(8, true), value: v.getFloat64(16, true), payloadBytes: v.getUint32(24, true) };
}
