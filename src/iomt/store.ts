/**
 * The off-chain, content-addressed record store (one per hospital): batches are addressed by their
 * Merkle root. A write takes `writeLatencyUs` plus size / throughput of the store's processor, so
 * writes queue when the store is loaded (its capacity in throughput), plus building the batch's
 * Merkle tree, which the store keeps to serve proofs; `capacityBytes` bounds what it holds, and a
 * full store refuses writes, as it refuses a batch whose stated root is not its records' root.
 *
 * Clinicians read a device's latest record. The simulator keeps record bytes for `retainUs` after a
 * write (one contiguous buffer per batch); older batches stay accounted in `usedBytes`, but a read
 * whose latest record is older than that is answered "not found" (a simulation bound on memory, not
 * a property of the modelled store).
 *
 * Reads need a permit. In the framework AccessControl releases the record key only when consent
 * holds at the committed state (the AccessControl contract, src/contracts/access.ts); the store models that release by serving a
 * record only to the requester of a request its hospital's node has committed as permit or
 * break-glass for that device's patient. A read names its requester and is signed by the
 * requester's certified key (reader-credential.ts), so a host that copies a permit's id and
 * grantee from the chain reads nothing: the store checks the certificate and the signature (two
 * signature verifications, charged from the crypto cost table) before it looks for the permit.
 * The store learns those decisions from its node by subscription (node-messages.ts, topic
 * 'permits', for its hospital's patients); a read whose request it has not heard of yet waits for
 * the notice (its node may lag the replicas that confirmed it to the client) for up to
 * PERMIT_WAIT_US; a read without a permit is refused (`denied`) and counted. The same subscription
 * brings the revocations of those patients' consents, in commit order with the decisions: a permit
 * decided under a consent before its revocation is withdrawn when the store hears the revocation,
 * as access granted under a FHIR Consent ends when its status turns inactive (docs/references.md
 * §1), so a former grantee holding permits cannot read on them after the revocation. The store
 * reports nothing of what it serves: the records that leave its host are reported where they are
 * sent (served-record-tap.ts), so audit and consent are judged on what was actually served,
 * whatever let it out.
 */
import type { Actor, ActorContext, HostId, TimerId, TimerTag } from '../../sim/index.ts';
import { requestKey } from '../contracts/index.ts';
import { merkleLeafHash, merkleProof, merkleProofOfHashes, merkleTreeCostUs, packedMerkleRoot, type CryptoCosts, type Verifier } from '../ledger/index.ts';
import type { GetLatest, GetReply, PutAck, PutBatch, PutRefusal } from './messages.ts';
import { RECORD_BYTES, recordDevice, recordPayloadBytes } from './reading.ts';
import { NodeSubscription, type NodeEndpoint } from './node-link.ts';
import { STATE_READ_US, type NodeHeartbeat, type NodeNotice, type PermitItem } from './node-messages.ts';
import { signedByRequester } from './reader-credential.ts';

/** How long a read waits for its request's decision to reach the store from its node before it is refused. */
export const PERMIT_WAIT_US = 5_000_000;

/**
 * How long the store keeps a permit no read has used, from when its node decided it (executed the
 * block; a decision the store hears late, replayed after a crash, keeps its expiry): then it is
 * dropped, and a read naming it later waits for a decision that never comes again and is refused.
 * A real store treats a released record key as a short-lived access token (an OAuth 2 / SMART on
 * FHIR access token lives minutes, not for ever): kept unused, a permit would serve its grantee long
 * after the consent it was decided under was revoked, and a store would hold every permit whose
 * read never came (its reader gave up, crashed, or lost the answer) for the whole run. Its reader
 * reads as soon as its own node answers the decision and gives up 10 s after sending the read
 * (READ_DEADLINE_US, access-requester.ts), so a minute serves every read whose reader's node lags
 * the store's by less than about 50 s, far beyond what a live node lags.
 */
export const PERMIT_LIFETIME_US = 60_000_000;

export interface StoreOptions {
  readonly writeLatencyUs: number;
  readonly readLatencyUs: number;
  readonly throughputBytesPerSec: number;
  readonly capacityBytes: number;
  readonly retainUs: number;
}

/** What one store is built from: its options, its node, and the patients whose records it holds. */
export interface StoreConfig {
  readonly options: StoreOptions;
  readonly node: NodeEndpoint;
  /** Pseudonym of the patient of each device (indexed by device number), whose permits open its records. */
  readonly patientOfDevice: readonly string[];
  /** The patients whose access decisions the store subscribes to (its hospital's). */
  readonly patients: readonly string[];
  /** Checks readers' certificates and signatures. */
  readonly verifier: Verifier;
  readonly crypto: CryptoCosts;
}

interface HeldBatch {
  readonly gateway: number;
  readonly batch: number;
  readonly storedUs: number;
  /** Records, RECORD_BYTES each, in leaf order; undefined once past retention. */
  data: Uint8Array | undefined;
  /**
   * The batch's Merkle leaf hashes as written, kept from the first alteration of one of its records
   * on: the store keeps its tree as written (as an RFC 9162 log does), so an altered record fails
   * its own proof and its neighbours' still verify. Until then the tree equals one rebuilt from the
   * records, and the simulator rebuilds it at each read instead of holding it: the modelled store
   * holds it, built and charged once when it stored the batch (put), so a read's proof is a lookup.
   */
  leafHashes?: readonly Uint8Array[] | undefined;
}

/** A read that names a request and its requester. */
type PermitRead = GetLatest & { readonly request: string; readonly requester: string };

/** A decision the store holds for a read to come; `withdrawn` once the consent it was decided under is revoked. */
interface HeldDecision {
  readonly item: PermitItem;
  withdrawn: boolean;
}

const ACK_BYTES = 48;
const TIMER_RETRY = 0;
const TIMER_FIRST_DEADLINE = 1;

export class OffChainStore implements Actor<unknown> {
  usedBytes = 0;
  refusedWrites = 0;
  /**
   * Latest batch and leaf index of each device, indexed by device number less `firstDevice`: the
   * span of devices this store has records of (its hospital's, contiguous in the topology), packed,
   * so that a store of the tenth hospital neither holds a slot for every device before its own nor
   * turns its array sparse (a dictionary lookup per record).
   */
  private latestBatch: (HeldBatch | undefined)[] = [];
  private latestIndex = new Int32Array(0);
  /** Whether each device's latest record has been altered (corruptLatest), in the same slots: not to alter it twice. */
  private latestAltered = new Uint8Array(0);
  private firstDevice = 0;
  private readonly retained: HeldBatch[] = [];
  private retainedHead = 0;
  /** Reads refused for want of a permit. */
  deniedReads = 0;
  /** Access decisions heard from the node, by requester and request (requestKey: ids are their requester's own). */
  private readonly decisions = new Map<string, HeldDecision>();
  /** The decisions in the order heard, each with the time it expires (PERMIT_LIFETIME_US after its node decided it), from `expiryHead` on. */
  private readonly expiry: { readonly key: string; readonly held: HeldDecision; readonly untilUs: number }[] = [];
  private expiryHead = 0;
  /** Reads from their requester waiting for their request's decision, keyed as `decisions`, each with the tag of its deadline timer. */
  private readonly waiting = new Map<string, { readonly from: HostId; readonly m: PermitRead; readonly tag: number; readonly timer: TimerId }[]>();
  private readonly deadlineOf = new Map<number, string>();
  private nextTag = TIMER_FIRST_DEADLINE;
  private readonly permits: NodeSubscription;
  private readonly o: StoreOptions;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly config: StoreConfig,
  ) {
    this.o = config.options;
    this.permits = new NodeSubscription(ctx, config.node, 'permits', 0, config.patients);
  }

  onStart(): void {
    this.permits.subscribe();
    this.ctx.setTimer(this.config.node.retryUs, TIMER_RETRY);
  }

  /** Back from a crash: reads in memory were lost with their timers, and notices may have been missed. */
  onRecover(): void {
    this.waiting.clear();
    this.deadlineOf.clear();
    this.permits.subscribe();
    this.ctx.setTimer(this.config.node.retryUs, TIMER_RETRY);
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as PutBatch | GetLatest | NodeNotice | NodeHeartbeat;
    if (m.kind === 'put') this.put(from, m);
    else if (m.kind === 'get') this.authorize(from, m);
    else if (m.kind === 'node-heartbeat' && m.topic === 'permits') this.permits.heartbeat(m);
    else if (m.kind === 'node-notice' && m.topic === 'permits' && this.permits.accept(m)) {
      this.expirePermits();
      // The reads waiting on a decision of this notice are served once all of it is applied: a
      // revocation later in the same notice (a permit and its consent's revocation in one batch)
      // withdraws the permit before its read is decided.
      let decided: string[] | undefined;
      for (const p of m.items) {
        if (p.kind === 'consent-revoked') {
          this.withdraw(p.consent);
          continue;
        }
        const untilUs = p.decidedUs + PERMIT_LIFETIME_US;
        // Expired before it arrived (replayed to a store back from a crash): a read naming it waits, then is refused.
        if (untilUs <= this.ctx.nowUs) continue;
        const key = requestKey(p.requester, p.request);
        const held: HeldDecision = { item: p, withdrawn: false };
        this.decisions.set(key, held);
        this.expiry.push({ key, held, untilUs });
        if (this.waiting.has(key)) (decided ??= []).push(key);
      }
      if (decided !== undefined) for (const key of decided) this.serveWaiting(key);
    }
  }

  /** Decide the reads that waited for `key`'s decision, in the order they came. */
  private serveWaiting(key: string): void {
    const reads = this.waiting.get(key);
    if (reads === undefined) return;
    this.waiting.delete(key);
    for (const r of reads) {
      this.deadlineOf.delete(r.tag);
      this.ctx.cancelTimer(r.timer);
      this.decide(r.from, r.m);
    }
  }

  onTimer(tag: TimerTag): void {
    if (tag === TIMER_RETRY) {
      this.permits.retry();
      this.ctx.setTimer(this.config.node.retryUs, TIMER_RETRY);
      return;
    }
    // A read's deadline: its decision never came, so it is refused.
    const key = this.deadlineOf.get(tag);
    if (key === undefined) return;
    this.deadlineOf.delete(tag);
    const reads = this.waiting.get(key) ?? [];
    const i = reads.findIndex((r) => r.tag === tag);
    if (i < 0) return;
    const [r] = reads.splice(i, 1);
    if (reads.length === 0) this.waiting.delete(key);
    this.deny(r!.from, r!.m);
  }

  private authorize(from: HostId, m: GetLatest): void {
    if (m.request === undefined || m.requester === undefined) return this.deny(from, m);
    // The reader's certificate, then its signature on the read.
    this.ctx.cpu(2 * this.config.crypto.verifyUs);
    if (!signedByRequester(this.config.verifier, this.ctx.self, m)) return this.deny(from, m);
    this.decide(from, m as PermitRead);
  }

  /** A read from its requester: served under its request's permit, held until the decision comes, or refused. */
  private decide(from: HostId, m: PermitRead): void {
    const key = requestKey(m.requester, m.request);
    this.expirePermits();
    const held = this.decisions.get(key);
    if (held === undefined) {
      const tag = this.nextTag++;
      let reads = this.waiting.get(key);
      if (reads === undefined) this.waiting.set(key, (reads = []));
      reads.push({ from, m, tag, timer: this.ctx.setTimer(PERMIT_WAIT_US, tag) });
      this.deadlineOf.set(tag, key);
      return;
    }
    const d = held.item;
    if (d.decision !== 'deny' && !held.withdrawn && this.withinConsent(d) && d.requester === m.requester && d.patient === this.config.patientOfDevice[m.device]) {
      // A permit serves one read, the one its request was made for: kept, it would serve its
      // grantee again long after the consent it was decided under was revoked. A later read
      // naming it waits for a decision that never comes again and is refused. Nor does it serve
      // once its consent's period has ended: an expired consent lets nothing more be read.
      this.decisions.delete(key);
      this.get(from, m);
    } else this.deny(from, m);
  }

  /** Whether the consent that permitted `d` has not yet ended (a store's check, beside its node's AccessControl's). */
  private withinConsent(d: PermitItem): boolean {
    return this.ctx.nowUs < d.consentEndUs;
  }

  /**
   * The permits held under `consent`, which its patient revoked: each refuses its read from now on.
   * Kept until it expires, so that its read is refused at once rather than held for a decision
   * that never comes again.
   */
  private withdraw(consent: string): void {
    for (const held of this.decisions.values()) if (held.item.consent === consent) held.withdrawn = true;
  }

  private deny(from: HostId, m: GetLatest): void {
    // A refusal reads the decision it rests on, not the stored records: a state read, not a storage read.
    this.ctx.cpu(STATE_READ_US);
    this.deniedReads++;
    this.ctx.send(from, { kind: 'get-reply', token: m.token, denied: true } satisfies GetReply, ACK_BYTES);
  }

  private put(from: HostId, m: PutBatch): void {
    const ctx = this.ctx;
    ctx.cpu(this.o.writeLatencyUs + (m.bytes * 1e6) / this.o.throughputBytesPerSec);
    const refused = this.refusal(m);
    if (refused !== undefined) {
      this.refusedWrites++;
      ctx.send(from, { kind: 'put-ack', batch: m.batch, stored: false, refused } satisfies PutAck, ACK_BYTES);
      return;
    }
    this.usedBytes += m.bytes;
    // The batch's records arrive packed in a buffer the gateway gave up: kept as they are.
    const held: HeldBatch = { gateway: m.gateway, batch: m.batch, storedUs: ctx.nowUs, data: m.records.subarray(0, m.count * RECORD_BYTES) };
    this.retained.push(held);
    // Each record is filed under the device it names, which the root covers, not under a list beside it.
    for (let i = 0; i < m.count; i++) {
      const device = recordDevice(m.records, i * RECORD_BYTES);
      let slot = device - this.firstDevice;
      if (slot < 0 || slot >= this.latestIndex.length) slot = this.cover(device);
      this.latestBatch[slot] = held;
      this.latestIndex[slot] = i;
      this.latestAltered[slot] = 0;
    }
    this.expire();
    ctx.send(from, { kind: 'put-ack', batch: m.batch, stored: true } satisfies PutAck, ACK_BYTES);
  }

  /**
   * Why the store refuses batch `m`, if it does: no room for it, or a stated root that is not the
   * root of its records. The store builds the batch's tree and keeps it (its address is the root),
   * as a Certificate Transparency log keeps its tree (RFC 9162 §2.1), so a read's proof is a lookup
   * within the storage read of the record, not a rebuild. Built, the tree's root is checked against
   * the root the gateway states, which is the one it anchors: a content-addressed store computes
   * an address from the content, never takes it on trust, or a compromised gateway could anchor one
   * root and store other records under it, found out only when a reader checks one of them against
   * the anchor.
   */
  private refusal(m: PutBatch): PutRefusal | undefined {
    if (this.usedBytes + m.bytes > this.o.capacityBytes) return 'full';
    this.ctx.cpu(merkleTreeCostUs(this.config.crypto, m.count, RECORD_BYTES));
    return m.records.length >= m.count * RECORD_BYTES && packedMerkleRoot(m.records, RECORD_BYTES, m.count) === m.root ? undefined : 'root-mismatch';
  }

  /**
   * What an insider with the store's own access does (attacks, and tests of a store that skips its
   * permit check): serve the read without looking for a permit. Returns whether a record was served.
   */
  serveWithoutPermit(from: HostId, m: GetLatest): boolean {
    return this.get(from, m);
  }

  private get(from: HostId, m: GetLatest): boolean {
    const ctx = this.ctx;
    ctx.cpu(this.o.readLatencyUs);
    // Retention is due at every read too: a store that receives no writes must not serve records
    // older than retainUs.
    this.expire();
    const slot = m.device - this.firstDevice;
    const held = this.latestBatch[slot];
    if (held === undefined || held.data === undefined) {
      ctx.send(from, { kind: 'get-reply', token: m.token } satisfies GetReply, ACK_BYTES);
      return false;
    }
    const index = this.latestIndex[slot]!;
    const leaves = this.leaves(held.data);
    const proof = held.leafHashes === undefined ? merkleProof(leaves, index) : merkleProofOfHashes(held.leafHashes, index);
    const record = leaves[index]!.slice();
    const reply: GetReply = { kind: 'get-reply', token: m.token, found: { gateway: held.gateway, batch: held.batch, record, proof } };
    // The record as the reader gets it: its summary, the payload it stands for (a waveform's
    // samples, held in the store's usedBytes since the write) and the proof's path.
    ctx.send(from, reply, ACK_BYTES + RECORD_BYTES + recordPayloadBytes(record) + 32 * proof.path.length);
    return true;
  }

  /**
   * Storage fault (or insider edit) for tests and attacks: flip one bit of a device's latest record.
   * Returns the altered record (a copy of its bytes as they now stand), which an attack records in
   * the ground truth (altered-records.ts), or undefined where nothing was altered: the device has
   * no record a read could be served (none held, or its latest past retention, which a read would
   * find expired), or its latest record is altered already (flipping the bit again would restore it).
   */
  corruptLatest(device: number): Uint8Array | undefined {
    this.expire();
    const slot = device - this.firstDevice;
    const held = this.latestBatch[slot];
    if (held === undefined || held.data === undefined || this.latestAltered[slot] === 1) return undefined;
    held.leafHashes ??= this.leaves(held.data).map(merkleLeafHash);
    const at = this.latestIndex[slot]! * RECORD_BYTES;
    held.data[at + 16]! ^= 0x01;
    this.latestAltered[slot] = 1;
    return held.data.slice(at, at + RECORD_BYTES);
  }

  private leaves(data: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let off = 0; off < data.length; off += RECORD_BYTES) out.push(data.subarray(off, off + RECORD_BYTES));
    return out;
  }

  /**
   * Drop the decisions their node made PERMIT_LIFETIME_US ago or more that no read used (a used or
   * replaced one is gone from `decisions` already). Their node decides in commit order, so expiry
   * times come in the order heard.
   */
  private expirePermits(): void {
    const now = this.ctx.nowUs;
    const q = this.expiry;
    while (this.expiryHead < q.length && q[this.expiryHead]!.untilUs <= now) {
      const e = q[this.expiryHead++]!;
      if (this.decisions.get(e.key) === e.held) this.decisions.delete(e.key);
    }
    if (this.expiryHead > 1024 && this.expiryHead * 2 > q.length) {
      q.splice(0, this.expiryHead);
      this.expiryHead = 0;
    }
  }

  /** Permits held for reads to come (tests: that unused ones are dropped). */
  get heldPermits(): number {
    return this.decisions.size;
  }

  /** Drop the bytes of the batches stored more than retainUs ago: at every write, read and alteration. */
  private expire(): void {
    const cutoff = this.ctx.nowUs - this.o.retainUs;
    const r = this.retained;
    while (this.retainedHead < r.length && r[this.retainedHead]!.storedUs < cutoff) {
      const past = r[this.retainedHead]!;
      past.data = undefined;
      past.leafHashes = undefined;
      this.retainedHead++;
    }
    if (this.retainedHead > 1024 && this.retainedHead * 2 > r.length) {
      r.splice(0, this.retainedHead);
      this.retainedHead = 0;
    }
  }

  /** Widen the indexed span to take `device`, at least doubling it on that side; returns the device's slot. */
  private cover(device: number): number {
    const held = this.latestIndex.length;
    let first = this.firstDevice;
    let end = this.firstDevice + held;
    if (held === 0) {
      first = device;
      end = device + 1;
    } else if (device < first) {
      first = Math.max(0, Math.min(device, first - held));
    } else {
      end = Math.max(device + 1, first + 2 * held);
    }
    const size = end - first;
    const shift = held === 0 ? 0 : this.firstDevice - first;
    const index = new Int32Array(size);
    index.set(this.latestIndex, shift);
    const altered = new Uint8Array(size);
    altered.set(this.latestAltered, shift);
    const batches = new Array<HeldBatch | undefined>(size).fill(undefined);
    for (let i = 0; i < held; i++) batches[shift + i] = this.latestBatch[i];
    this.latestIndex = index;
    this.latestAltered = altered;
    this.latestBatch = batches;
    this.firstDevice = first;
    return device - first;
  }
}
