/**
 * A signed device reading as it crosses the radio hop to its gateway, and its canonical forms:
 * the term the device signs (symbolic Dolev–Yao signature, src/ledger/crypto.ts) and the record
 * bytes that become a Merkle leaf and the off-chain record. Only the summary fields are encoded;
 * a waveform's samples are represented by their size (`payloadBytes`) on the wire.
 */
import type { Signature, Verifier } from '../ledger/index.ts';

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

export const RECORD_BYTES = 32;

/** First character of a reading's term: a control character no other signed term (all printable text) starts with. */
const READING_TERM_TAG = 0x01;
const TERM_RECORD = new Uint8Array(RECORD_BYTES);

/**
 * The signed content: a tag and the record's bytes, one character per byte. Injective like the
 * record (so any edit of a signed field breaks the signature) and about six times cheaper than
 * printing the numbers in decimal, which mattered at one term per reading at the device and one
 * more at the gateway's check. Characters stay below 0x100, so the `real` mode's UTF-8 hashing of
 * the term is injective too.
 */
export function readingTerm(device: number, seq: number, timestampUs: number, value: number, payloadBytes: number): string {
  const b = encodeRecord(TERM_RECORD, 0, device, seq, timestampUs, value, payloadBytes);
  return String.fromCharCode(
    READING_TERM_TAG,
    b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!, b[6]!, b[7]!, b[8]!, b[9]!, b[10]!, b[11]!, b[12]!, b[13]!, b[14]!, b[15]!,
    b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!,
  );
}

/**
 * Whether `m.sig` is `signer`'s signature over the reading's content as received. In symbolic mode
 * the digest is the term itself, so it is compared with the received fields in place rather than
 * by printing a second term: the same verdict, one string fewer per reading at the gateway.
 */
export function readingSignedBy(verifier: Verifier, m: ReadingMessage, signer: number): boolean {
  const sig = m.sig;
  if (verifier.mode !== 'symbolic') return verifier.verify(sig, signer, verifier.digest(readingTerm(m.device, m.seq, m.timestampUs, m.value, m.payloadBytes)));
  return sig !== undefined && termMatches(sig.digest, m) && verifier.verify(sig, signer, sig.digest);
}

function termMatches(term: string, m: ReadingMessage): boolean {
  if (term.length !== RECORD_BYTES + 1 || term.charCodeAt(0) !== READING_TERM_TAG) return false;
  const b = encodeRecord(TERM_RECORD, 0, m.device, m.seq, m.timestampUs, m.value, m.payloadBytes);
  for (let i = 0; i < RECORD_BYTES; i++) if (term.charCodeAt(i + 1) !== b[i]) return false;
  return true;
}

// One reusable scratch record: encoding a reading allocates only its own 32 bytes.
const SCRATCH = new ArrayBuffer(RECORD_BYTES);
const SCRATCH_U32 = new Uint32Array(SCRATCH);
const SCRATCH_F64 = new Float64Array(SCRATCH);
const SCRATCH_U8 = new Uint8Array(SCRATCH);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The record as stored off chain and hashed as a Merkle leaf (little-endian fixed layout), written
 * at `out[offset]` (gateways pack a batch's records end to end in one buffer).
 */
export function encodeRecord(out: Uint8Array, offset: number, device: number, seq: number, timestampUs: number, value: number, payloadBytes: number): Uint8Array {
  if (!LITTLE_ENDIAN) return encodeRecordPortable(out, offset, device, seq, timestampUs, value, payloadBytes);
  SCRATCH_U32[0] = device;
  SCRATCH_U32[1] = seq;
  SCRATCH_F64[1] = timestampUs;
  SCRATCH_F64[2] = value;
  SCRATCH_U32[6] = payloadBytes;
  SCRATCH_U32[7] = 0;
  // A byte loop: TypedArray.prototype.set is a runtime call, dearer than 32 stores.
  for (let i = 0; i < RECORD_BYTES; i++) out[offset + i] = SCRATCH_U8[i]!;
  return out;
}

function encodeRecordPortable(out: Uint8Array, offset: number, device: number, seq: number, timestampUs: number, value: number, payloadBytes: number): Uint8Array {
  const v = new DataView(out.buffer, out.byteOffset + offset, RECORD_BYTES);
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

/** The device a record at `offset` names (its first field), read where a store files it: no view per record. */
export function recordDevice(b: Uint8Array, offset: number): number {
  return (b[offset]! | (b[offset + 1]! << 8) | (b[offset + 2]! << 16)) + b[offset + 3]! * 0x1000000;
}

/** A record's payload size alone, read where a store serves it: no view or decoded record per read. */
export function recordPayloadBytes(b: Uint8Array): number {
  return (b[24]! | (b[25]! << 8) | (b[26]! << 16)) + b[27]! * 0x1000000;
}

export function decodeRecord(b: Uint8Array): DecodedRecord {
  const v = new DataView(b.buffer, b.byteOffset, RECORD_BYTES);
  return { device: v.getUint32(0, true), seq: v.getUint32(4, true), timestampUs: v.getFloat64(8, true), value: v.getFloat64(16, true), payloadBytes: v.getUint32(24, true) };
}
