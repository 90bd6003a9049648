import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext } from '../../sim/index.ts';
import { KeyRing, merkleRoot, ZERO_CRYPTO_COSTS } from '../ledger/index.ts';
import type { RequestMessage } from '../protocols/types.ts';
import { DEFAULT_ALERT_RULES } from './alert-rules.ts';
import { Gateway } from './gateway.ts';
import type { AlertNotice, PutBatch } from './messages.ts';
import { DEFAULT_PROFILES } from './profiles.ts';
import { decodeRecord, readingTerm, RECORD_BYTES, type ReadingMessage } from './reading.ts';

const STORE = 100;
const CARE = 101;
const REPLICA = 0;

function harness(batchMaxReadings: number) {
  const sent: { to: number; msg: unknown }[] = [];
  let now = 0;
  const ctx: ActorContext<unknown> = {
    self: 50,
    get nowUs() {
      return now;
    },
    rng: new Rng(1),
    send: (to, msg) => void sent.push({ to, msg }),
    setTimer: () => 1,
    cancelTimer: () => {},
    cpu: () => {},
    cpuParallel: () => {},
    emit: () => {},
  };
  const ring = new KeyRing('symbolic', 1);
  const key = ring.issue(1000);
  const gw = new Gateway(ctx, {
    devices: [{ device: 0, patient: 0, profile: DEFAULT_PROFILES.pulseOximeter }],
    patientPseudonyms: ['pt_0123456789abcdef'],
    admission: { freshnessUs: 30_000_000, rateLimitFactor: 4, rateLimitBurst: 5 },
    registry: { registeredKey: (d, g) => (d === 0 && g === 50 ? 1000 : -1) },
    alertRecorded: () => true,
    nodeHeight: () => 0,
    verifier: ring,
    crypto: ZERO_CRYPTO_COSTS,
    rules: DEFAULT_ALERT_RULES,
    detectors: [],
    rateWindowUs: 10_000_000,
    batchIntervalUs: 5_000_000,
    batchMaxReadings,
    store: STORE,
    careTeam: CARE,
    ledger: { replicaHosts: [REPLICA], repliesNeeded: 1, retransmitUs: 4_000_000 },
    recordAlertsOnChain: true,
  });
  const deliver = (seq: number, value: number): void => {
    now = (seq + 1) * 1_000_000;
    const sig = key.sign(ring.digest(readingTerm(0, seq, now, value, 20)));
    const m: ReadingMessage = { kind: 'reading', device: 0, seq, timestampUs: now, value, payloadBytes: 20, keyId: 1000, sig, trueUs: now };
    gw.onMessage(0, m);
  };
  return { sent, deliver };
}

describe('Gateway', () => {
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
});
