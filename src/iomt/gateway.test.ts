import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext } from '../../sim/index.ts';
import { KeyRing, merkleRoot, ZERO_CRYPTO_COSTS } from '../ledger/index.ts';
import type { ReplyMessage, RequestMessage } from '../protocols/types.ts';
import { DEFAULT_ALERT_RULES } from './alert-rules.ts';
import type { IomtEvent } from './events.ts';
import { Gateway } from './gateway.ts';
import type { AlertNotice, PutAck, PutBatch } from './messages.ts';
import type { NodeAnswer, NodeNotice, NodeQuery, NodeSubscribe } from './node-messages.ts';
import { DEFAULT_PROFILES } from './profiles.ts';
import { decodeRecord, readingTerm, RECORD_BYTES, recordDevice, type ReadingMessage } from './reading.ts';

const STORE = 100;
const CARE = 101;
const REPLICA = 0;
const NODE = 1;

function harness(batchMaxReadings: number, deviceIds: readonly number[] = [0], crypto = ZERO_CRYPTO_COSTS) {
  const sent: { to: number; msg: unknown }[] = [];
  const events: unknown[] = [];
  let now = 0;
  let cpuUs = 0;
  const ctx: ActorContext<unknown> = {
    self: 50,
    get nowUs() {
      return now;
    },
    rng: new Rng(1),
    send: (to, msg) => void sent.push({ to, msg }),
    setTimer: () => 1,
    cancelTimer: () => {},
    cpu: (us) => void (cpuUs += us),
    cpuParallel: (jobs, us) => void (cpuUs += jobs * us),
    emit: (e) => void events.push(e),
    emitFirst: (_key, e) => void events.push(e),
  };
  const ring = new KeyRing('symbolic', 1);
  const keys = new Map(deviceIds.map((d) => [d, ring.issue(1000 + d)]));
  const gw = new Gateway(ctx, {
    devices: deviceIds.map((d) => ({ device: d, name: `dev_${d}`, keyId: 1000 + d, patient: 0, profile: DEFAULT_PROFILES.pulseOximeter })),
    patientPseudonyms: ['pt_0123456789abcdef'],
    admission: { freshnessUs: 30_000_000, rateLimitFactor: 4, rateLimitBurst: 5 },
    node: { host: NODE, macUs: 0, retryUs: 4_000_000 },
    verifier: ring,
    crypto,
    rules: DEFAULT_ALERT_RULES,
    detectors: [],
    rateWindowUs: 10_000_000,
    batchIntervalUs: 5_000_000,
    batchMaxReadings,
    store: STORE,
    careTeam: CARE,
    ledger: { replicaHosts: [REPLICA], repliesNeeded: 1, replyVerifyUs: 0, retransmitUs: 4_000_000, authenticateUs: crypto.signUs },
    recordAlertsOnChain: true,
    randomPhase: false,
  });
  /** A reading sampled (true time) at `seq` + 1 s, stamped by a device clock `clockAheadUs` ahead. */
  const deliver = (seq: number, value: number, device = deviceIds[0]!, clockAheadUs = 0): void => {
    now = (seq + 1) * 1_000_000;
    const timestampUs = now + clockAheadUs;
    // A device the gateway does not know signs with a key of its own.
    const key = keys.get(device) ?? ring.issue(1000 + device);
    const sig = key.sign(ring.digest(readingTerm(device, seq, timestampUs, value, 20)));
    const m: ReadingMessage = { kind: 'reading', device, seq, timestampUs, value, payloadBytes: 20, keyId: 1000 + device, sig, trueUs: now };
    gw.onMessage(0, m);
  };
  return { gw, sent, events, deliver, cpu: () => cpuUs };
}

describe('Gateway', () => {
  it('charges a signature verification only for a reading it verifies, not for one refused on the registry lookup', () => {
    const h = harness(100, [0], { ...ZERO_CRYPTO_COSTS, verifyUs: 90 });
    h.deliver(0, 97);
    expect(h.cpu()).toBe(90);
    // A device the registry does not know at this gateway (a Sybil's) is refused before verifying.
    h.deliver(1, 97, 7);
    expect(h.cpu()).toBe(90);
  });

  it('seals a batch at batchMaxReadings: the store gets the records and the chain gets exactly their Merkle root', () => {
    const h = harness(4);
    for (let s = 0; s < 4; s++) h.deliver(s, 97);
    const put = h.sent.find((x) => x.to === STORE)!.msg as PutBatch;
    const anchor = h.sent.find((x) => x.to === REPLICA)!.msg as RequestMessage;
    expect(put.count).toBe(4);
    expect(put.records.length).toBe(4 * RECORD_BYTES);
    const leaves = [0, 1, 2, 3].map((i) => put.records.subarray(i * RECORD_BYTES, (i + 1) * RECORD_BYTES));
    expect(leaves.map((leaf) => decodeRecord(leaf).seq)).toEqual([0, 1, 2, 3]);
    expect(put.root).toBe(merkleRoot(leaves));
    expect(anchor.tx.call).toMatchObject({ contract: 'AnchorRegistry', method: 'anchor', args: { gateway: 50, batch: 0, root: put.root, readings: 4 } });
  });

  it("reports a batch its store refused with the store's reason, so the run can tell a forged root from a full store", () => {
    const h = harness(2);
    for (let s = 0; s < 4; s++) h.deliver(s, 97);
    h.gw.onMessage(STORE, { kind: 'put-ack', batch: 0, stored: false, refused: 'root-mismatch' } satisfies PutAck);
    h.gw.onMessage(STORE, { kind: 'put-ack', batch: 1, stored: false, refused: 'full' } satisfies PutAck);
    expect(h.events.filter((e) => (e as { kind: string }).kind === 'iomt-batch-durable')).toMatchObject([
      { batch: 0, stored: false, refused: 'root-mismatch' },
      { batch: 1, stored: false, refused: 'full' },
    ]);
  });

  it("reports a batch durable and anchored with its readings' true sampling times, not their device clocks' stamps, one per reading", () => {
    // Three readings of a device whose clock runs 200 ms ahead, sealed by the batch timer (the durable and anchor latencies are measured from these).
    const h = harness(100);
    for (let s = 0; s < 3; s++) h.deliver(s, 97, 0, 200_000);
    h.gw.onTimer(0);
    const anchor = h.sent.find((x) => x.to === REPLICA)!.msg as RequestMessage;
    h.gw.onMessage(STORE, { kind: 'put-ack', batch: 0, stored: true } satisfies PutAck);
    h.gw.onLedgerOutcome(0, anchor.tx, 3, undefined);
    const sampled = new Float64Array([1_000_000, 2_000_000, 3_000_000]);
    const batches = h.events.filter((e) => ['iomt-batch-durable', 'iomt-batch-anchored'].includes((e as IomtEvent).kind)) as Extract<IomtEvent, { trueUs: Float64Array }>[];
    expect(batches.map((e) => [e.kind, e.trueUs])).toEqual([['iomt-batch-durable', sampled], ['iomt-batch-anchored', sampled]]);
  });

  it('finds each device among devices not numbered contiguously, and refuses one that is not its own', () => {
    // Device 9 sits where a contiguous numbering from 5 would put device 6: taking 6 for 9 would
    // see 6's first reading as a replay of 9's.
    const h = harness(3, [5, 9, 6]);
    h.deliver(1, 97, 9);
    h.deliver(0, 97, 6);
    h.deliver(2, 97, 8);
    h.deliver(3, 97, 5);
    expect(h.gw.accepted).toBe(3);
    expect(h.events.filter((e) => (e as { kind: string }).kind === 'iomt-reading-rejected')).toEqual([{ kind: 'iomt-reading-rejected', device: 8, reason: 'unregistered' }]);
    const put = h.sent.find((x) => x.to === STORE)!.msg as PutBatch;
    expect(Array.from({ length: put.count }, (_, i) => recordDevice(put.records, i * RECORD_BYTES))).toEqual([9, 6, 5]);
  });

  it('alerts the care team once SpO2 has stayed below 90 % for the rule\'s 15 s hold, and submits the alert on chain', () => {
    const h = harness(1_000);
    for (let s = 0; s < 30; s++) h.deliver(s, s < 5 ? 97 : 85);
    const alerts = h.sent.filter((x) => x.to === CARE).map((x) => x.msg as AlertNotice);
    // Below from the reading at 6 s; the hold is reached by the reading at 21 s.
    expect(alerts).toEqual([{ kind: 'alert', path: 'fast', patient: 0, rule: 0, device: 0, conditionUs: 6_000_000 }]);
    const onChain = h.sent.filter((x) => x.to === REPLICA).map((x) => (x.msg as RequestMessage).tx.call!);
    expect(onChain.map((c) => `${c.contract}.${c.method}`)).toEqual(['EmergencyAlert.raise']);
    expect(Object.keys(onChain[0]!.args).sort()).toEqual(['alert', 'evidence', 'patient', 'rule']);
  });

  it('refuses a device once its node reports the revocation, and not before', () => {
    const h = harness(1_000);
    h.gw.onStart();
    expect(h.sent.find((x) => x.to === NODE)!.msg).toEqual({ kind: 'node-subscribe', id: 0, topic: 'registry', sinceHeight: 0 } satisfies NodeSubscribe);
    h.gw.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'registry', seq: 0, height: 0, items: [] } satisfies NodeNotice);
    h.deliver(0, 97);
    h.gw.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'registry', seq: 1, height: 7, items: [{ device: 'dev_0', keyId: '1000', active: false }] } satisfies NodeNotice);
    h.deliver(1, 97);
    expect(h.gw.accepted).toBe(1);
    expect(Array.from(h.gw.rejected)).toEqual([1, 0, 0, 0, 0]);
  });

  it('reports applying a revocation once: its replay to a new subscription changes nothing', () => {
    const h = harness(1_000);
    h.gw.onStart();
    const revoked = { device: 'dev_0', keyId: '1000', active: false };
    h.gw.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'registry', seq: 0, height: 0, items: [] } satisfies NodeNotice);
    h.gw.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'registry', seq: 1, height: 7, items: [revoked] } satisfies NodeNotice);
    h.gw.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'registry', seq: 3, height: 9, items: [] } satisfies NodeNotice);
    h.gw.onMessage(NODE, { kind: 'node-notice', subscription: 1, topic: 'registry', seq: 0, height: 9, items: [revoked] } satisfies NodeNotice);
    expect(h.events.filter((e) => (e as IomtEvent).kind === 'iomt-device-revocation-applied')).toEqual([{ kind: 'iomt-device-revocation-applied', gateway: 50, device: 'dev_0' }]);
  });

  it('subscribes again from the last height it holds when a registry notice is missing', () => {
    const h = harness(1_000);
    h.gw.onStart();
    h.gw.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'registry', seq: 0, height: 3, items: [] } satisfies NodeNotice);
    h.gw.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'registry', seq: 2, height: 9, items: [{ device: 'dev_0', keyId: '1000', active: false }] } satisfies NodeNotice);
    const subscriptions = h.sent.filter((x) => x.to === NODE).map((x) => x.msg as NodeSubscribe);
    expect(subscriptions.map((m) => [m.id, m.sinceHeight])).toEqual([[0, 0], [1, 3]]);
    h.deliver(0, 97);
    expect(h.gw.accepted).toBe(1);
  });

  it('forwards an on-chain alert to the care team only when its node answers that EmergencyAlert recorded it', () => {
    for (const recorded of [true, false]) {
      const h = harness(1_000);
      for (let s = 0; s < 30; s++) h.deliver(s, s < 5 ? 97 : 85);
      const request = h.sent.find((x) => x.to === REPLICA)!.msg as RequestMessage;
      h.gw.onMessage(REPLICA, { kind: 'reply', txId: request.tx.id, blockHash: 'b1', height: 4, replica: REPLICA } satisfies ReplyMessage);
      const query = h.sent.find((x) => x.to === NODE)!.msg as NodeQuery;
      expect(query).toMatchObject({ kind: 'node-query', afterHeight: 4, body: { q: 'alert-recorded', alert: request.tx.call!.args['alert'] } });
      h.gw.onMessage(NODE, { kind: 'node-answer', id: query.id, height: 4, body: { q: 'alert-recorded', recorded } } satisfies NodeAnswer);
      expect(h.sent.filter((x) => x.to === CARE).map((x) => (x.msg as AlertNotice).path)).toEqual(recorded ? ['fast', 'chain'] : ['fast']);
      expect(h.gw.alertsRefused).toBe(recorded ? 0 : 1);
    }
  });
});
