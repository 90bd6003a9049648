/**
 * The network model: where hosts are, how long messages take, what gets lost.
 *
 * A message from `a` to `b` of `s` bytes leaves `a` when both `a`'s processor and its uplink are
 * free: the uplink is a FIFO that serializes at a's upload rate, from upStart to upDone. Its first
 * bit reaches b one latency L later (drawn from the distribution of the pair of regions, plus any
 * scheduled extra delay). b's downlink is a second FIFO, serving messages in the order their first
 * bits reach it at b's download rate, cut-through: the message starts down at
 * downStart = max(downlink free, upStart + L), and its last bit arrives at
 * max(upDone + L, downStart + s·8 / down). The downlink is then busy for s·8 / down of that time
 * (its capacity, not the sender's pace, is what the message uses), so a message from a slow sender
 * does not hold it idle. One message on idle links thus arrives latency + s·8 / min(up, down)
 * later, and k messages of s bytes reaching one host together take k·s·8 / down (incast). An
 * unconstrained (infinite) link costs nothing and never queues.
 *
 * `receiveQueueing: false` restores SimBlock's model (Aoki et al. 2019, §III; docs/references.md):
 * each message is serialized at min(upload of a, download of b) on a's uplink and downlinks never
 * queue.
 *
 * Queues may be finite, drop-tail (`queueLimitUs`): a message that would wait longer than the limit
 * for its uplink (behind what its sender already queued) is dropped at the sender, and one whose
 * first bit finds more backlog than the limit on the receiver's downlink is dropped there, as a full
 * buffer drops a datagram. Without a limit (the default) an offered load above a link's rate queues
 * without end, as a reliable stream's sender buffers it: every later message waits behind the
 * backlog, and the simulator holds each queued message as a pending event. Messages are dropped
 * whole, and nothing retransmits them but the protocols themselves (docs/references.md §11).
 *
 * Link times are kept to the nanosecond (a 48-byte message takes 384 ns on a 1 Gbps link, and a
 * thousand of them 384 µs); only the times messages arrive are whole µs, the next after the link
 * time, as the engine keeps processor time.
 *
 * A full uplink queue drops a message at the sender, before it is transmitted. Loss, partitions and
 * link cuts drop it on the way, after it left the sender's uplink (the sender transmits what the
 * network then loses), so it occupies the uplink and never a downlink; one whose receiver is down
 * when its first bit arrives is lost there and does not occupy the downlink either. Every byte is
 * accounted per host: `messagesSent` and `bytesSent` count what the host's actor sent, and
 * `unsentMessagesFrom` and `unsentBytesFrom` those of them that never left its uplink (its queue
 * was full, or the host crashed first), so what left is their difference. The second pair is
 * counted where the loss is found, as drops are (a crashed sender's message where it would have
 * arrived, perhaps in another partition's engine), so totals over every host and partition are
 * exact, and the send path keeps no record of messages still queued (so a crashed sender's message
 * that would have arrived after the run's end is still counted as sent).
 *
 * A message leaves its sender when its first bit does (`departedNs`); one that has not left when its
 * sender crashes is lost with the host's queued work: the engine drops it where it would arrive
 * (`senderCrashed`), and the sender's uplink is free from the crash on.
 *
 * Latency draws come from a per-sender stream named after the sender's own stream ('net:<name>',
 * the role its actor is given: 'replica:3', 'device:42'), so that adding a host, wherever its
 * index falls, does not change the draws of any other host's messages.
 */
import { makeSampler, type DistributionSpec, type Sampler } from './distributions.ts';
import { badArgument } from './errors.ts';
import type { Rng } from './rng.ts';
import type { HostId } from './types.ts';

export interface NetworkConfig {
  /** Region names; hosts are placed in one of them by index. */
  readonly regions: readonly string[];
  /**
   * One-way latency in microseconds: one distribution for every pair, or a square matrix indexed
   * [from region][to region].
   */
  readonly latencyUs: DistributionSpec | readonly (readonly DistributionSpec[])[];
  /** Probability that any message is lost, independently. */
  readonly lossProbability?: number;
  /** Whether receivers' downlinks serialize arriving bytes FIFO (default true); false is SimBlock's model. */
  readonly receiveQueueing?: boolean;
  /** The longest a message may wait in a link's queue before it is dropped, µs (default Infinity: never). */
  readonly queueLimitUs?: number;
}

export interface HostPlacement {
  readonly region: number;
  /** Infinity for an unconstrained link. */
  readonly uploadBitsPerSec: number;
  readonly downloadBitsPerSec: number;
  /** Processor cores of the host (the engine's, not the network's, concern); 1 when absent. */
  readonly cores?: number;
}

/** Why a message was dropped; indexes `Network.droppedByReason`. */
export const DropReason = { loss: 0, partition: 1, linkCut: 2, hostDown: 3, queueFull: 4, senderCrashed: 5 } as const;
export type DropReasonName = keyof typeof DropReason;

/**
 * One number per directed link. Host ids stay below 2^21 so the key stays an exact integer; the
 * previous 2^20 stride collided once ids passed a million.
 */
function linkKey(from: HostId, to: HostId): number {
  return from * 4294967296 + to;
}

/** Returned by `route` for a message that will never arrive. */
export const DROPPED = -1;

export class Network {
  readonly regions: readonly string[];
  private readonly latency: Sampler[]; // flattened [from * R + to]
  private readonly regionCount: number;
  lossProbability: number;
  readonly receiveQueueing: boolean;
  readonly queueLimitUs: number;
  private readonly rng: Rng;

  hostCount = 0;
  private region = new Int32Array(16);
  private uploadBps = new Float64Array(16);
  private downloadBps = new Float64Array(16);
  /** When each host's uplink and downlink are next free, in whole ns (exact as doubles for 104 days). */
  private uplinkFreeNs = new Float64Array(16);
  private downlinkFreeNs = new Float64Array(16);
  /** When the last message each host's uplink took began to leave, ns (what a crash releases). */
  private uplinkLastStartNs = new Float64Array(16);
  private extraDelayUs = new Float64Array(16);
  private partitionGroup = new Int32Array(16);
  private senderRng: Rng[] = [];
  /**
   * Cut directed links, each with how many cuts hold it: attacks that overlap in time may cut one
   * link each (a partition and an eclipse), and it reopens only when the last of them restores it.
   */
  private readonly cutLinks = new Map<number, number>();

  /** When the first bit of the message last routed left its sender, ns (set by `route`, unless it was dropped at the sender). */
  departedNs = 0;

  bytesSent = new Float64Array(16);
  bytesReceived = new Float64Array(16);
  messagesSent = new Float64Array(16);
  messagesReceived = new Float64Array(16);
  /** Messages each host sent that were lost on the way, for whatever reason (counted where the drop happened). */
  droppedFrom = new Float64Array(16);
  /** Of the messages each host sent, those that never left its uplink, and their bytes (see the header). */
  unsentMessagesFrom = new Float64Array(16);
  unsentBytesFrom = new Float64Array(16);
  readonly droppedByReason = new Float64Array(Object.keys(DropReason).length);

  constructor(config: NetworkConfig, rng: Rng) {
    this.regions = config.regions;
    const r = config.regions.length;
    if (r < 1) throw badArgument('network.regions', 'at least one region', 'none');
    this.regionCount = r;
    this.rng = rng;
    this.lossProbability = config.lossProbability ?? 0;
    this.receiveQueueing = config.receiveQueueing ?? true;
    this.queueLimitUs = config.queueLimitUs ?? Infinity;
    if (!(this.queueLimitUs >= 0)) throw badArgument('network.queueLimitUs', 'a number of µs ≥ 0 (Infinity: no limit)', this.queueLimitUs);
    if (!(this.lossProbability >= 0 && this.lossProbability <= 1)) {
      throw badArgument('network.lossProbability', 'a probability in [0, 1]', this.lossProbability);
    }
    this.latency = new Array<Sampler>(r * r);
    const lat = config.latencyUs;
    if (Array.isArray(lat)) {
      if (lat.length !== r) throw badArgument('network.latencyUs', `a ${r}×${r} matrix`, `${lat.length} rows`);
      for (let i = 0; i < r; i++) {
        const row = lat[i]!;
        if (row.length !== r) throw badArgument(`network.latencyUs[${i}]`, `${r} columns`, row.length);
        for (let j = 0; j < r; j++) this.latency[i * r + j] = makeSampler(row[j]!);
      }
    } else {
      const s = makeSampler(lat as DistributionSpec);
      for (let i = 0; i < r * r; i++) this.latency[i] = s;
    }
  }

  /** Place a host; `streamName` names its latency stream (its actor's stream; by default its index). */
  addHost(p: HostPlacement, streamName?: string): HostId {
    if (!(Number.isInteger(p.region) && p.region >= 0 && p.region < this.regionCount)) {
      throw badArgument('host.region', `an index in 0..${this.regionCount - 1}`, p.region);
    }
    if (!(p.uploadBitsPerSec > 0)) throw badArgument('host.uploadBitsPerSec', 'a positive number', p.uploadBitsPerSec);
    if (!(p.downloadBitsPerSec > 0)) throw badArgument('host.downloadBitsPerSec', 'a positive number', p.downloadBitsPerSec);
    const h = this.hostCount++;
    if (h === this.region.length) this.grow();
    this.region[h] = p.region;
    this.uploadBps[h] = p.uploadBitsPerSec;
    this.downloadBps[h] = p.downloadBitsPerSec;
    this.senderRng.push(this.rng.stream(`net:${streamName ?? `host:${h}`}`));
    return h;
  }

  /**
   * The least latency a message from region `fromRegion` to region `toRegion` can have, in whole µs:
   * the floor of the pair's distribution, rounded as samples are (extra delays only add). A
   * partitioned run takes its lookahead from it (sim/partition.ts).
   */
  minLatencyUs(fromRegion: number, toRegion: number): number {
    const least = Math.round(this.latency[fromRegion * this.regionCount + toRegion]!.minimum);
    return least > 0 ? least : 0;
  }

  get regionTotal(): number {
    return this.regionCount;
  }

  regionOf(h: HostId): number {
    return this.region[h]!;
  }

  /** Whether messages to `to` pass its downlink queue (`receive`) before they are delivered. */
  queuesAt(to: HostId): boolean {
    return this.receiveQueueing && this.downloadBps[to] !== Infinity;
  }

  /**
   * Account a message and compute when it reaches `to`, or DROPPED. `readyUs` is when the sender
   * is ready to transmit (now, or later if its processor is still busy). Where `queuesAt(to)`, the
   * time returned is when the first bit reaches the downlink, to be passed to `receive` then;
   * otherwise it is the arrival of the last bit.
   */
  route(from: HostId, to: HostId, sizeBytes: number, readyUs: number): number {
    this.bytesSent[from]! += sizeBytes;
    this.messagesSent[from]! += 1;
    // Transmission starts when the sender and its uplink are free; a full uplink queue drops it.
    const readyNs = readyUs * 1_000;
    let startNs = this.uplinkFreeNs[from]!;
    if (startNs < readyNs) startNs = readyNs;
    else if (startNs - readyNs > this.queueLimitUs * 1_000) {
      this.drop(from, DropReason.queueFull);
      this.unsent(from, sizeBytes);
      return DROPPED;
    }
    const queued = this.queuesAt(to);
    const up = this.uploadBps[from]!;
    const down = queued || this.receiveQueueing ? Infinity : this.downloadBps[to]!;
    const bps = up < down ? up : down;
    const doneNs = bps === Infinity ? startNs : startNs + this.serializationNs(sizeBytes, bps);
    if (bps !== Infinity) {
      this.uplinkFreeNs[from] = doneNs;
      this.uplinkLastStartNs[from] = startNs;
    }
    this.departedNs = startNs;
    // Lost on the way: it was transmitted all the same.
    if (this.partitionGroup[from] !== this.partitionGroup[to]) {
      this.drop(from, DropReason.partition);
      return DROPPED;
    }
    if (this.cutLinks.size > 0 && this.cutLinks.has(linkKey(from, to))) {
      this.drop(from, DropReason.linkCut);
      return DROPPED;
    }
    const rng = this.senderRng[from]!;
    if (this.lossProbability > 0 && rng.float() < this.lossProbability) {
      this.drop(from, DropReason.loss);
      return DROPPED;
    }
    let latencyUs = Math.round(this.latency[this.region[from]! * this.regionCount + this.region[to]!]!.sample(rng));
    if (latencyUs < 0) latencyUs = 0;
    latencyUs += this.extraDelayUs[from]! + this.extraDelayUs[to]!;
    // Where the receiver queues, the first bit's arrival (its link time is the receiver's to add).
    return Math.ceil((queued ? startNs : doneNs) / 1_000) + latencyUs;
  }

  /**
   * The first bit of a message routed from `from` reaches `to`'s downlink at `firstBitUs` (now):
   * queue it there and return when its last bit arrives (cut-through, see the header), or DROPPED
   * where the queue holds more than the limit.
   */
  receive(from: HostId, to: HostId, sizeBytes: number, firstBitUs: number): number {
    const firstBitNs = firstBitUs * 1_000;
    let startNs = this.downlinkFreeNs[to]!;
    if (startNs < firstBitNs) startNs = firstBitNs;
    else if (startNs - firstBitNs > this.queueLimitUs * 1_000) {
      this.drop(from, DropReason.queueFull);
      return DROPPED;
    }
    const downNs = startNs + this.serializationNs(sizeBytes, this.downloadBps[to]!);
    this.downlinkFreeNs[to] = downNs;
    // The sender's last bit left one upload serialization after its first: it cannot arrive sooner.
    const upNs = firstBitNs + this.serializationNs(sizeBytes, this.uploadBps[from]!);
    return Math.ceil((upNs > downNs ? upNs : downNs) / 1_000);
  }

  /** Whole ns to put `sizeBytes` on a link of `bitsPerSec` (0 on an unconstrained link). */
  private serializationNs(sizeBytes: number, bitsPerSec: number): number {
    return bitsPerSec === Infinity ? 0 : Math.round((sizeBytes * 8e9) / bitsPerSec);
  }

  /** Account a message that reached its destination. */
  delivered(to: HostId, sizeBytes: number): void {
    this.bytesReceived[to]! += sizeBytes;
    this.messagesReceived[to]! += 1;
  }

  /** A message from `from` lost because its destination was down when it arrived. */
  dropHostDown(from: HostId): void {
    this.drop(from, DropReason.hostDown);
  }

  /** A message of `sizeBytes` from `from` lost because `from` crashed before it left (`senderCrashed`). */
  dropSenderCrashed(from: HostId, sizeBytes: number): void {
    this.drop(from, DropReason.senderCrashed);
    this.unsent(from, sizeBytes);
  }

  private unsent(from: HostId, sizeBytes: number): void {
    this.unsentMessagesFrom[from]! += 1;
    this.unsentBytesFrom[from]! += sizeBytes;
  }

  /**
   * `h` crashed at `atUs`: what its uplink had queued but not begun to send is lost, so the link is
   * free from the crash on. The message it was sending then, if any, is delivered whole, but the
   * rest of its transmission is not held against the host: that would need the start of every
   * message still queued, and matters only to a host that recovers before that one message's last
   * bit would have left.
   */
  senderCrashed(h: HostId, atUs: number): void {
    const atNs = atUs * 1_000;
    if (this.uplinkLastStartNs[h]! > atNs) this.uplinkFreeNs[h] = atNs;
  }

  private drop(from: HostId, reason: (typeof DropReason)[DropReasonName]): void {
    this.droppedByReason[reason]! += 1;
    this.droppedFrom[from]! += 1;
  }

  /** Split hosts into groups that cannot reach each other; hosts not listed form one more group. */
  setPartition(groups: readonly (readonly HostId[])[]): void {
    this.partitionGroup.fill(0);
    groups.forEach((g, i) => {
      for (const h of g) this.partitionGroup[this.check(h)] = i + 1;
    });
  }

  healPartition(): void {
    this.partitionGroup.fill(0);
  }

  /** Cut the directed link a → b (both directions with `bothWays`), once more if already cut. */
  cutLink(a: HostId, b: HostId, bothWays = true): void {
    this.cut(linkKey(this.check(a), this.check(b)), 1);
    if (bothWays) this.cut(linkKey(b, a), 1);
  }

  /** Undo one `cutLink`: the link reopens once every cut of it is restored. */
  restoreLink(a: HostId, b: HostId, bothWays = true): void {
    this.cut(linkKey(a, b), -1);
    if (bothWays) this.cut(linkKey(b, a), -1);
  }

  private cut(key: number, by: number): void {
    const n = (this.cutLinks.get(key) ?? 0) + by;
    if (n > 0) this.cutLinks.set(key, n);
    else this.cutLinks.delete(key);
  }

  /**
   * Add `delayUs` of one-way delay to every message to or from `h` (targeted delay attacks);
   * delays added by attacks that overlap in time add up, and each removes only its own.
   */
  addExtraDelay(h: HostId, delayUs: number): void {
    if (!(delayUs >= 0)) throw badArgument('extra delay', 'a number of µs ≥ 0', delayUs);
    this.extraDelayUs[this.check(h)]! += Math.round(delayUs);
  }

  /** Take back a delay `addExtraDelay` added. */
  removeExtraDelay(h: HostId, delayUs: number): void {
    const left = this.extraDelayUs[this.check(h)]! - Math.round(delayUs);
    if (!(left >= 0)) throw badArgument('extra delay removed', `at most the ${this.extraDelayUs[h]} µs added to host ${h}`, delayUs);
    this.extraDelayUs[h] = left;
  }

  get droppedTotal(): number {
    let total = 0;
    for (const n of this.droppedByReason) total += n;
    return total;
  }

  private check(h: HostId): HostId {
    if (!(Number.isInteger(h) && h >= 0 && h < this.hostCount)) {
      throw badArgument('host', `an index in 0..${this.hostCount - 1}`, h);
    }
    return h;
  }

  private grow(): void {
    const cap = this.region.length * 2;
    const i32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    const f64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    this.region = i32(this.region);
    this.partitionGroup = i32(this.partitionGroup);
    this.uploadBps = f64(this.uploadBps);
    this.downloadBps = f64(this.downloadBps);
    this.uplinkFreeNs = f64(this.uplinkFreeNs);
    this.downlinkFreeNs = f64(this.downlinkFreeNs);
    this.uplinkLastStartNs = f64(this.uplinkLastStartNs);
    this.extraDelayUs = f64(this.extraDelayUs);
    this.bytesSent = f64(this.bytesSent);
    this.bytesReceived = f64(this.bytesReceived);
    this.messagesSent = f64(this.messagesSent);
    this.messagesReceived = f64(this.messagesReceived);
    this.droppedFrom = f64(this.droppedFrom);
    this.unsentMessagesFrom = f64(this.unsentMessagesFrom);
    this.unsentBytesFrom = f64(this.unsentBytesFrom);
  }
}
