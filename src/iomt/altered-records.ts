/**
 * The ground truth of which records attacks altered in the record stores: the bytes each
 * alteration left, recorded by the attack as it acts (record-tamper), never by the store's code.
 * The served-record tap (served-record-tap.ts) judges a record leaving a store host altered when
 * its bytes are ones an alteration left, so a store path that builds its own reply (a read cache,
 * an insider, a plug-in) cannot hide an altered record it serves, nor pass off a copy kept from
 * before the alteration as altered.
 *
 * Kept by the bytes rather than by the (gateway, batch, leaf index) the reply names, which is the
 * store's claim: an altered record differs from the record written at its place, and a record
 * written elsewhere with the same bytes would be a reading of the same device with the same
 * sequence number and timestamp (reading.ts) whose value differs from the altered one's original
 * in a single bit, which no world writes. Only altered records are kept, 32 bytes each
 * (RECORD_BYTES): an honest copy of every batch would double the stores' memory.
 */
export class AlteredRecords {
  /** The bytes of each altered record, one character per byte. */
  private readonly left = new Set<string>();

  /** Record that an alteration left `record` (its bytes as they now stand in a store). */
  add(record: Uint8Array): void {
    this.left.add(keyOf(record));
  }

  /** Whether `record` is one an alteration left. */
  has(record: Uint8Array): boolean {
    // Honest runs alter nothing: their reads cost no key.
    return this.left.size > 0 && this.left.has(keyOf(record));
  }
}

function keyOf(record: Uint8Array): string {
  return String.fromCharCode(...record);
}
