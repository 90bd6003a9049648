/**
 * A running 64-bit hash (two 32-bit lanes) over every processed event: time, kind, source and
 * destination. Equal hashes mean the two runs processed the same events in the same order, the
 * cheapest reliable replay check (TigerBeetle's simulator compares a state checksum the same way).
 * Not cryptographic: it detects divergence, it does not resist forgery.
 *
 * One hash per destination (each host, and the control callbacks), folded in destination order by
 * `digest`. A host's behaviour follows from the events it handles, in order, so the per-host hashes
 * say as much as one hash over the global order; unlike it, they can be computed by whichever
 * thread runs the host and combined without knowing how the hosts' events interleaved.
 */
export class TraceHash {
  // Stream s (0: control callbacks, h + 1: host h) keeps its lanes at 2s, 2s + 1.
  private lanes = initialLanes(16);
  private counts = new Float64Array(16);

  /** Mix one handled event into its destination's stream (`to` = -1 for a control callback). */
  mix(timeUs: number, kind: number, from: number, to: number): void {
    const s = to + 1;
    if (s >= this.counts.length) this.grow(s + 1);
    const lanes = this.lanes;
    const lo = timeUs >>> 0;
    const hi = (timeUs / 4294967296) >>> 0;
    let a = lanes[2 * s]!;
    let b = lanes[2 * s + 1]!;
    a = Math.imul(a ^ lo, 0x9e3779b1);
    b = Math.imul(b ^ hi, 0x85ebca77);
    a = Math.imul(a ^ (kind | (to << 8)), 0xc2b2ae3d);
    b = Math.imul(b ^ from, 0x27d4eb2f);
    a ^= b >>> 15;
    b ^= a >>> 13;
    lanes[2 * s] = a;
    lanes[2 * s + 1] = b;
    this.counts[s]! += 1;
  }

  /** Events mixed so far, over all streams. */
  get count(): number {
    let n = 0;
    for (let s = 0; s < this.counts.length; s++) n += this.counts[s]!;
    return n;
  }

  /** The state of destination `to`'s stream, to hand to another TraceHash's `absorb`. */
  stream(to: number): readonly [number, number, number] {
    const s = to + 1;
    if (s >= this.counts.length) return [0, 0, 0];
    return [this.lanes[2 * s]!, this.lanes[2 * s + 1]!, this.counts[s]!];
  }

  /** Take over destination `to`'s stream as another TraceHash computed it. */
  absorb(to: number, state: readonly [number, number, number]): void {
    const s = to + 1;
    if (s >= this.counts.length) this.grow(s + 1);
    this.lanes[2 * s] = state[0];
    this.lanes[2 * s + 1] = state[1];
    this.counts[s] = state[2];
  }

  /** 16 hex digits: the streams that saw an event, folded in destination order. */
  digest(): string {
    let a = LANE_A_START, b = LANE_B_START;
    for (let s = 0; s < this.counts.length; s++) {
      const count = this.counts[s]!;
      if (count === 0) continue;
      let sa = this.lanes[2 * s]! ^ count, sb = this.lanes[2 * s + 1]!;
      sa = Math.imul(sa ^ (sa >>> 16), 0x85ebca6b);
      sb = Math.imul(sb ^ (sb >>> 13), 0xc2b2ae35);
      a = Math.imul(a ^ sa ^ s, 0x9e3779b1);
      b = Math.imul(b ^ sb, 0x85ebca77);
      a ^= b >>> 15;
      b ^= a >>> 13;
    }
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    a ^= b >>> 16;
    b ^= a >>> 15;
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }

  private grow(streams: number): void {
    let cap = this.counts.length * 2;
    while (cap < streams) cap *= 2;
    const lanes = initialLanes(cap); lanes.set(this.lanes); this.lanes = lanes;
    const counts = new Float64Array(cap); counts.set(this.counts); this.counts = counts;
  }
}

const LANE_A_START = 0x811c9dc5;
const LANE_B_START = 0x01000193;

function initialLanes(streams: number): Int32Array {
  const lanes = new Int32Array(2 * streams);
  for (let s = 0; s < streams; s++) {
    lanes[2 * s] = LANE_A_START;
    lanes[2 * s + 1] = LANE_B_START;
  }
  return lanes;
}
