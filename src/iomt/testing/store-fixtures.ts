/** A record store driven by hand in unit tests: a scripted context, two enrolled readers, a node's decisions and a batch. */
import { Rng, type ActorContext, type ModelEvent } from '../../../sim/index.ts';
import { KeyRing, packedMerkleRoot, ZERO_CRYPTO_COSTS, type CryptoCosts } from '../../ledger/index.ts';
import type { GetLatest, PutBatch } from '../messages.ts';
import type { NodeNotice, PermitItem } from '../node-messages.ts';
import { encodeRecord, RECORD_BYTES } from '../reading.ts';
import { ENROLMENT_AUTHORITY_SIGNER, enrolReader, signedRead } from '../reader-credential.ts';
import { OffChainStore, type StoreOptions } from '../store.ts';

export const NODE = 1;
export const STORE = 9;
export const RING = new KeyRing('symbolic', 1);
const AUTHORITY = RING.issue(ENROLMENT_AUTHORITY_SIGNER);
/** Two enrolled readers, on hosts 5 and 6. */
export const READERS = { cl_a: enrolReader(RING, AUTHORITY, 'cl_a', 5), cl_b: enrolReader(RING, AUTHORITY, 'cl_b', 6) };

/** `requester`'s read of `device` under `request`, signed by it for the store. */
export function read(requester: keyof typeof READERS, device: number, token: number, request: string): GetLatest {
  return signedRead(READERS[requester], RING, STORE, { kind: 'get', device, token, request, requester });
}
export const PATIENT_OF_DEVICE = ['pt_0', 'pt_1', 'pt_2', 'pt_3', 'pt_4'];
/** `requester`'s request `request` decided about `patient` at `decidedUs`, under consent `c_<requester>_<patient>` when permitted. */
export function decided(request: string, requester: string, patient: string, decision: PermitItem['decision'], decidedUs = 0, consentEndUs = Infinity): PermitItem {
  return { kind: 'access', request, requester, patient, decision, consent: decision === 'permit' ? `c_${requester}_${patient}` : '', decidedUs, consentEndUs };
}
/** Request 'r1' permits 'cl_a' to read device 2's patient; 'r0' was denied; anything else is undecided. */
export const DECISIONS: NodeNotice = {
  kind: 'node-notice',
  subscription: 0,
  topic: 'permits',
  seq: 0,
  height: 5,
  items: [decided('r1', 'cl_a', 'pt_2', 'permit'), decided('r0', 'cl_a', 'pt_2', 'deny')],
};

export function scripted(): { ctx: ActorContext<unknown>; clock: { nowUs: number }; sent: { to: number; msg: unknown; bytes: number }[]; timers: { delayUs: number; tag: number }[]; emitted: ModelEvent[]; cpu: () => number } {
  let cpuUs = 0;
  const sent: { to: number; msg: unknown; bytes: number }[] = [];
  const emitted: ModelEvent[] = [];
  const timers: { delayUs: number; tag: number }[] = [];
  const clock = { nowUs: 0 };
  const ctx: ActorContext<unknown> = {
    self: STORE,
    get nowUs() {
      return clock.nowUs;
    },
    rng: new Rng(1),
    send: (to, msg, bytes) => void sent.push({ to, msg, bytes }),
    setTimer: (delayUs, tag) => timers.push({ delayUs, tag }),
    cancelTimer: () => {},
    cpu: (us) => void (cpuUs += us),
    cpuParallel: (jobs, us) => void (cpuUs += jobs * us),
    emit: (e) => void emitted.push(e),
    emitFirst: (_key, e) => void emitted.push(e),
  };
  return { ctx, clock, sent, timers, emitted, cpu: () => cpuUs };
}

/** A store that has subscribed to its node's access decisions and heard DECISIONS. */
export function store(ctx: ActorContext<unknown>, options: Partial<StoreOptions> = {}, crypto: CryptoCosts = ZERO_CRYPTO_COSTS): OffChainStore {
  const s = new OffChainStore(ctx, {
    options: { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 1e9, retainUs: 1e9, ...options },
    node: { host: NODE, macUs: 0, retryUs: 4_000_000 },
    patientOfDevice: PATIENT_OF_DEVICE,
    patients: PATIENT_OF_DEVICE,
    verifier: RING,
    crypto,
  });
  s.onStart();
  s.onMessage(NODE, DECISIONS);
  return s;
}

export const replies = (sent: readonly { to: number; msg: unknown }[]) => sent.filter((s) => s.to !== NODE).map((s) => s.msg);

/** Device d's record in it, for d in 0..4, stands for `payloadBytes[d]` bytes of payload (20 each by default). */
export function batch(payloadBytes: readonly number[] = [20, 20, 20, 20, 20]): PutBatch {
  const records = new Uint8Array(5 * RECORD_BYTES);
  for (let d = 0; d < 5; d++) encodeRecord(records, d * RECORD_BYTES, d, 7, 1_000_000 + d, 95.5 + d, payloadBytes[d]!);
  return { kind: 'put', gateway: 3, batch: 0, root: packedMerkleRoot(records, RECORD_BYTES, 5), count: 5, records, bytes: 5 * RECORD_BYTES };
}
