/**
 * A ward gateway: admits signed readings (admission.ts), runs the streaming detectors and the
 * fast-path alert rules, batches accepted readings into a SHA-256 Merkle tree every `batchInterval`
 * or `batchMaxReadings`, stores the batch off chain (content-addressed by its root) and anchors the
 * root on chain in one transaction. Alerts go straight to the care team (fast path) and are also
 * recorded by the EmergencyAlert contract (slow path), whose confirmation is forwarded too.
 *
 * A batch's timer starts at its first reading. Every gateway hears its first reading within a
 * second of t = 0, so when every first batch waited the whole interval, a world's gateways sealed in
 * lockstep for the whole run: hospital.yaml's 30 gateways all sealed within 0.49, 0.78 and 0.67 s
 * of each other in the 5 s windows from 100, 200 and 300 s. Real gateways boot and seal
 * independently; a burst of 30 anchors at once set the protocols' commit latencies instead (PBFT's
 * p50 134 ms in lockstep, where three full batches are cut at once, and 718 ms spread, over the
 * first 6 minutes with a 1-minute warm-up). The first batch therefore waits a uniform draw in
 * (0, batchInterval] from the gateway's own stream, made once, at construction, as a device draws
 * its first reading's phase (device.ts); the seals then span 4.76, 4.71 and 4.31 s of those windows.
 */
import type { DetectorDefinition } from './detector-kinds/definition.ts';
import type { Actor, ActorContext, HostId } from '../../sim/index.ts';
import { bytesToHex, merkleLeafHash, merkleTreeCostUs, packedMerkleRoot, type CryptoCosts, type Transaction, type Verifier } from '../ledger/index.ts';
import type { ReplyMessage } from '../protocols/types.ts';
import { Admission, ACCEPTED, REJECT_REASONS, type AdmissionParams } from './admission.ts';
import { alertCall, alertId, anchorCall } from './application-calls.ts';
import { RuleState, type AlertRule } from './alert-rules.ts';
import { DetectorBank, FEATURE_INDEX, type AlarmEdges, type DetectorSpec } from './detector-bank.ts';
import type { AlarmClearEvent, AlarmEvent } from './detectors.ts';
import { emitIomt } from './events.ts';
import { GatewayRegistry } from './gateway-registry.ts';
import { LedgerClient, type LedgerEndpoint, type LedgerOwner } from './ledger-client.ts';
import { NOTICE_BYTES, type AlertNotice, type PutAck, type PutBatch, type PutOutcome } from './messages.ts';
import { NodeQueries, NodeSubscription, type NodeEndpoint } from './node-link.ts';
import type { NodeAnswer, NodeAnswerBody, NodeHeartbeat, NodeNotice } from './node-messages.ts';
import { CHANNEL_INDEX, type DeviceProfile } from './profiles.ts';
import { encodeRecord, RECORD_BYTES, type ReadingMessage } from './reading.ts';

export interface GatewayDevice {
  readonly device: number;
  /** Registry name and the key id registered for it at genesis (the gateway is provisioned with its devices' enrolment). */
  readonly name: string;
  readonly keyId: number;
  readonly patient: number;
  readonly profile: DeviceProfile;
}

export interface GatewayOptions {
  readonly devices: readonly GatewayDevice[];
  /** Pseudonym of each patient (indexed by patient number); only these reach the chain. */
  readonly patientPseudonyms: readonly string[];
  readonly admission: AdmissionParams;
  /** The organisation's node: registry changes, alert records and outcomes come from it by message. */
  readonly node: NodeEndpoint;
  readonly verifier: Verifier;
  readonly crypto: CryptoCosts;
  readonly rules: readonly AlertRule[];
  readonly detectors: readonly DetectorSpec[];
  /** The detector kinds the specs name; the registry when omitted (a scenario's plug-ins add theirs). */
  readonly detectorKinds?: readonly DetectorDefinition[];
  readonly rateWindowUs: number;
  readonly batchIntervalUs: number;
  readonly batchMaxReadings: number;
  readonly store: HostId;
  readonly careTeam: HostId;
  readonly ledger: LedgerEndpoint;
  /** Record alerts on chain (slow path) as well as notifying directly. */
  readonly recordAlertsOnChain: boolean;
  /** Hold the first batch for a random phase of batchIntervalUs (false: the whole interval, for closed forms). */
  readonly randomPhase: boolean;
}

const TIMER_BATCH = 0;
const TIMER_RATE = 1;
const TIMER_RETRANSMIT = 2;
const BATCH_HEADER_BYTES = 96;
/** Readings the open batch holds before its buffers first grow (they double up to batchMaxReadings). */
const INITIAL_BATCH_CAPACITY = 256;

interface PendingBatch {
  readonly trueUs: Float64Array;
  durable: boolean;
  anchored: boolean;
}

export class Gateway implements Actor<unknown>, LedgerOwner {
  private readonly slotOf = new Map<number, number>();
  /**
   * Each slot's device id, and the first: a reading's slot is found without reading the device's
   * descriptor object (one cache miss a reading among thousands of devices).
   */
  private readonly deviceOfSlot: Int32Array;
  private readonly firstDevice: number;
  private readonly admission: Admission;
  private readonly rules: RuleState;
  /** Every device's detectors, by slot; undefined when no detector watches devices. */
  private readonly deviceBank: DetectorBank | undefined;
  private readonly gatewayBank: DetectorBank;
  private readonly lastArrivalUs: Float64Array;
  private readonly queries: NodeQueries;
  private readonly ledger: LedgerClient;
  /** The DeviceRegistry as this gateway's node reported it, for the devices registered with it. */
  private readonly registry: GatewayRegistry;
  private readonly registryFeed: NodeSubscription;
  private windowCount = 0;

  /** The open batch, packed: records end to end (each names its device), and each record's true sampling time. */
  private records: Uint8Array;
  private recordTrueUs: Float64Array;
  private recordCount = 0;
  private recordPayloadBytes = 0;
  private batchSeq = 0;
  private batchTimer = -1;
  /** How long the first batch is held after its first reading (see the file's comment). */
  private readonly firstBatchIntervalUs: number;
  private readonly pendingBatches = new Map<number, PendingBatch>();
  private readonly pendingAlerts: { notice: AlertNotice; id: string }[] = [];
  /** Alerts whose transaction committed but the contract refused (counted, not forwarded). */
  alertsRefused = 0;
  private alertSeq = 0;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly o: GatewayOptions,
  ) {
    o.devices.forEach((d, i) => this.slotOf.set(d.device, i));
    this.deviceOfSlot = Int32Array.from(o.devices, (d) => d.device);
    this.firstDevice = o.devices[0]?.device ?? 0;
    this.registry = new GatewayRegistry(ctx.self, o.devices);
    this.registryFeed = new NodeSubscription(ctx, o.node, 'registry', 0);
    this.admission = new Admission(ctx.self, o.devices.map((d) => d.profile.intervalUs), o.admission, this.registry, o.verifier);
    this.rules = new RuleState(o.rules, o.devices.map((d) => CHANNEL_INDEX[d.profile.channel]));
    const deviceBank = new DetectorBank(o.detectors, 'device', o.detectorKinds, o.devices.length);
    this.deviceBank = deviceBank.empty ? undefined : deviceBank;
    this.gatewayBank = new DetectorBank(o.detectors, 'gateway', o.detectorKinds);
    this.lastArrivalUs = new Float64Array(o.devices.length).fill(NaN);
    const capacity = Math.min(o.batchMaxReadings, INITIAL_BATCH_CAPACITY);
    this.records = new Uint8Array(capacity * RECORD_BYTES);
    this.recordTrueUs = new Float64Array(capacity);
    this.queries = new NodeQueries(ctx, o.node);
    this.ledger = new LedgerClient(ctx, o.ledger, this.queries, this);
    // The only draw from the gateway's stream, so no other draw of the run moves with it.
    this.firstBatchIntervalUs = o.randomPhase ? Math.ceil(o.batchIntervalUs * (1 - ctx.rng.float())) : o.batchIntervalUs;
  }

  /** Readings admitted so far. */
  get accepted(): number {
    return this.admission.accepted;
  }

  /** Rejections by reason so far (REJECT_REASONS order). */
  get rejected(): Float64Array {
    return this.admission.rejected;
  }

  onStart(): void {
    if (!this.gatewayBank.empty) this.ctx.setTimer(this.o.rateWindowUs, TIMER_RATE);
    this.ctx.setTimer(this.o.ledger.retransmitUs, TIMER_RETRANSMIT);
    this.registryFeed.subscribe();
  }

  onMessage(from: HostId, msg: unknown): void {
    const kind = (msg as { kind: string }).kind;
    if (kind === 'reading') this.onReading(msg as ReadingMessage);
    else if (kind === 'reply') this.ledger.onReply(from, msg as ReplyMessage);
    else if (kind === 'put-ack') this.onPutAck(msg as PutAck);
    else if (kind === 'node-answer') {
      if (!this.ledger.onNodeAnswer(msg as NodeAnswer)) this.queries.answered(msg as NodeAnswer);
    } else if (kind === 'node-notice') this.onNotice(msg as NodeNotice);
    else if (kind === 'node-heartbeat' && (msg as NodeHeartbeat).topic === 'registry') this.registryFeed.heartbeat(msg as NodeHeartbeat);
  }

  onTimer(tag: number): void {
    if (tag === TIMER_BATCH) {
      this.batchTimer = -1;
      this.sealBatch();
    } else if (tag === TIMER_RATE) {
      const rate = this.windowCount / (this.o.rateWindowUs / 1e6);
      this.windowCount = 0;
      this.alarms(this.gatewayBank.feed(FEATURE_INDEX.rate, 0, rate), 'gateway', this.ctx.self);
      this.ctx.setTimer(this.o.rateWindowUs, TIMER_RATE);
    } else {
      this.ledger.retransmit();
      this.registryFeed.retry();
      this.ctx.setTimer(this.o.ledger.retransmitUs, TIMER_RETRANSMIT);
    }
  }

  // ---- readings ----

  private onReading(m: ReadingMessage): void {
    const ctx = this.ctx;
    const now = ctx.nowUs;
    this.windowCount++;
    const slot = this.slotFor(m.device);
    if (this.admission.verifies(m)) ctx.cpu(this.o.crypto.verifyUs);
    if (slot === undefined) {
      this.reject(m, 0);
      return;
    }
    const bank = this.deviceBank;
    if (bank !== undefined) {
      const last = this.lastArrivalUs[slot]!;
      if (!Number.isNaN(last)) this.alarms(bank.feed(FEATURE_INDEX.interarrival, slot, (now - last) / 1e6), 'device', m.device);
      this.lastArrivalUs[slot] = now;
    }
    const r = this.admission.check(slot, m, now);
    if (r !== ACCEPTED) {
      this.reject(m, r);
      return;
    }
    if (bank !== undefined) this.alarms(bank.feed(FEATURE_INDEX.value, slot, m.value), 'device', m.device);
    const k = this.recordCount;
    if (k === this.recordTrueUs.length) this.growBatch();
    encodeRecord(this.records, k * RECORD_BYTES, m.device, m.seq, m.timestampUs, m.value, m.payloadBytes);
    if (this.rules.feed(slot, m.value, m.timestampUs)) this.raiseAlert(slot, this.rules.firedRule, this.rules.firedConditionUs, this.records.subarray(k * RECORD_BYTES, (k + 1) * RECORD_BYTES));
    this.recordTrueUs[k] = m.trueUs;
    this.recordCount = k + 1;
    this.recordPayloadBytes += m.payloadBytes;
    if (this.recordCount >= this.o.batchMaxReadings) this.sealBatch();
    else if (this.batchTimer < 0) this.batchTimer = ctx.setTimer(this.batchSeq === 0 ? this.firstBatchIntervalUs : this.o.batchIntervalUs, TIMER_BATCH);
  }

  private growBatch(): void {
    const capacity = Math.min(this.o.batchMaxReadings, 2 * this.recordTrueUs.length);
    const records = new Uint8Array(capacity * RECORD_BYTES);
    records.set(this.records);
    this.records = records;
    const trueUs = new Float64Array(capacity);
    trueUs.set(this.recordTrueUs);
    this.recordTrueUs = trueUs;
  }

  /** Slot of a device: its offset when the gateway's devices are numbered contiguously (the topology's layout), else a map lookup. */
  private slotFor(device: number): number | undefined {
    const ids = this.deviceOfSlot;
    const s = device - this.firstDevice;
    if (s >= 0 && s < ids.length && ids[s] === device) return s;
    return this.slotOf.get(device);
  }

  private reject(m: ReadingMessage, reason: number): void {
    emitIomt(this.ctx, { kind: 'iomt-reading-rejected', device: m.device, reason: REJECT_REASONS[reason]! });
  }

  private alarms(edges: AlarmEdges | undefined, scope: 'device' | 'gateway', id: number): void {
    if (edges === undefined) return;
    for (const detector of edges.raised) {
      const e: AlarmEvent = { kind: 'alarm', detector, subject: `${scope}:${id}`, timeUs: this.ctx.nowUs };
      this.ctx.emit(e);
    }
    for (const detector of edges.cleared) {
      const e: AlarmClearEvent = { kind: 'alarm-clear', detector, subject: `${scope}:${id}`, timeUs: this.ctx.nowUs };
      this.ctx.emit(e);
    }
  }

  /** A registry change of one of this gateway's devices, committed at its node. */
  private onNotice(n: NodeNotice): void {
    if (n.topic !== 'registry' || !this.registryFeed.accept(n)) return;
    for (const item of n.items) {
      if (this.registry.apply(item)) emitIomt(this.ctx, { kind: 'iomt-device-revocation-applied', gateway: this.ctx.self, device: item.device });
    }
  }

  // ---- anchoring ----

  private sealBatch(): void {
    const n = this.recordCount;
    if (n === 0) return;
    if (this.batchTimer >= 0) {
      this.ctx.cancelTimer(this.batchTimer);
      this.batchTimer = -1;
    }
    const ctx = this.ctx;
    // The batch takes its own copy of the records; the open-batch buffers are reused.
    const records = this.records.slice(0, n * RECORD_BYTES);
    const root = packedMerkleRoot(records, RECORD_BYTES, n);
    ctx.cpu(merkleTreeCostUs(this.o.crypto, n, RECORD_BYTES));
    const batch = this.batchSeq++;
    const put: PutBatch = { kind: 'put', gateway: ctx.self, batch, root, count: n, records, bytes: BATCH_HEADER_BYTES + n * RECORD_BYTES + this.recordPayloadBytes };
    ctx.send(this.o.store, put, put.bytes);
    this.pendingBatches.set(batch, { trueUs: this.recordTrueUs.slice(0, n), durable: false, anchored: false });
    this.ledger.submit(anchorCall(ctx.self, batch, root, n), batch, { q: 'height' });
    this.recordCount = 0;
    this.recordPayloadBytes = 0;
  }

  private onPutAck(a: PutAck): void {
    const p = this.pendingBatches.get(a.batch);
    if (p === undefined || p.durable) return;
    p.durable = true;
    const outcome: PutOutcome = a.stored ? { stored: true } : { stored: false, refused: a.refused };
    emitIomt(this.ctx, { kind: 'iomt-batch-durable', gateway: this.ctx.self, batch: a.batch, trueUs: p.trueUs, ...outcome });
    if (p.anchored) this.pendingBatches.delete(a.batch);
  }

  /** An anchor committed at the gateway's node, or an alert's record answered by it. */
  onLedgerOutcome(token: number, tx: Transaction, height: number, answer: NodeAnswerBody | undefined): void {
    if (token >= 0) {
      const p = this.pendingBatches.get(token);
      if (p === undefined) return;
      p.anchored = true;
      emitIomt(this.ctx, { kind: 'iomt-batch-anchored', gateway: this.ctx.self, batch: token, height, txBytes: tx.sizeBytes, trueUs: p.trueUs });
      if (p.durable) this.pendingBatches.delete(token);
      return;
    }
    const pending = this.pendingAlerts[-token - 1];
    if (pending === undefined) return;
    // Committed is not recorded: the care team hears of it only if the contract accepted it.
    if (answer?.q !== 'alert-recorded' || !answer.recorded) {
      this.alertsRefused++;
      return;
    }
    this.ctx.send(this.o.careTeam, { ...pending.notice, path: 'chain' } satisfies AlertNotice, NOTICE_BYTES);
  }

  // ---- alerts ----

  private raiseAlert(slot: number, rule: number, conditionUs: number, record: Uint8Array): void {
    const ctx = this.ctx;
    const d = this.o.devices[slot]!;
    const notice: AlertNotice = { kind: 'alert', path: 'fast', patient: d.patient, rule, device: d.device, conditionUs };
    ctx.send(this.o.careTeam, notice, NOTICE_BYTES);
    if (!this.o.recordAlertsOnChain) return;
    const k = this.alertSeq++;
    const id = alertId(ctx.self, k);
    this.pendingAlerts.push({ notice, id });
    this.ledger.submit(alertCall(id, this.o.patientPseudonyms[d.patient]!, this.o.rules[rule]!.name, bytesToHex(merkleLeafHash(record))), -(k + 1), { q: 'alert-recorded', alert: id });
  }
}
