/**
 * A running 64-bit hash (two 32-bit lanes) over every processed event: time, kind, source and
 * destination. Equal hashes mean the two runs processed the same events in the same order, the
 * cheapest reliable replay check (TigerBeetle's simulator compares a state checksum the same way).
 * Not cryptographic: it detects divergence, it does not resist forgery.
 */
export class TraceHash {
  private a = 0x811c9dc5;
  private b = 0x01000193;
  count = 0;

  mix(timeUs: number, kind: number, from: number, to: number): void {
    const lo = timeUs >>> 0;
    const hi = (timeUs / 4294967296) >>> 0;
    let a = this.a, b = this.b;
    a = Math.imul(a ^ lo, 0x9e3779b1);
    b = Math.imul(b ^ hi, 0x85ebca77);
    a = Math.imul(a ^ (kind | (to << 8)), 0xc2b2ae3d);
    b = Math.imul(b ^ from, 0x27d4eb2f);
    a ^= b >>> 15;
    b ^= a >>> 13;
    this.a = a;
    this.b = b;
    this.count++;
  }

  /** 16 hex digits. */
  digest(): string {
    let a = this.a ^ this.count, b = this.b;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    a ^= b >>> 16;
    b ^= a >>> 15;
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }
}
