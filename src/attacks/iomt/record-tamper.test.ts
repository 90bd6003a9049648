import { describe, expect, it } from 'vitest';
import { forwardingContext, Rng, type ActorContext, type ActorFactory, type ModelEvent } from '../../../sim/index.ts';
import { KeyRing, packedMerkleRoot, ZERO_CRYPTO_COSTS } from '../../ledger/index.ts';
import { AlteredReads } from '../../iomt/altered-reads.ts';
import { AlteredRecords } from '../../iomt/altered-records.ts';
import type { IomtEvent } from '../../iomt/events.ts';
import type { GetReply, PutBatch } from '../../iomt/messages.ts';
import { encodeRecord, RECORD_BYTES } from '../../iomt/reading.ts';
import { recordIn, ServedRecordTap } from '../../iomt/served-record-tap.ts';
import { OffChainStore } from '../../iomt/store.ts';
import type { IomtWorld } from '../../iomt/world.ts';
import { attackSpecSchema } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import type { DeviceAttackEnv } from './hooks.ts';
import { MessageLabels } from './labels.ts';
import { recordTamper } from './record-tamper.ts';

function silentContext(): ActorContext<unknown> {
  return {
    self: 9, nowUs: 0, rng: new Rng(1),
    send: () => {}, setTimer: () => 0, cancelTimer: () => {}, cpu: () => {}, cpuParallel: () => {}, emit: () => {}, emitFirst: () => {},
  } as unknown as ActorContext<unknown>;
}

/** One record of each of `devices`, batch `batch`. */
function recordsOf(batch: number, devices: readonly number[] = [0]): PutBatch {
  const n = devices.length;
  const records = new Uint8Array(n * RECORD_BYTES);
  devices.forEach((d, i) => encodeRecord(records, i * RECORD_BYTES, d, batch, 1_000_000, 97, 20));
  return { kind: 'put', gateway: 3, batch, root: packedMerkleRoot(records, RECORD_BYTES, n), count: n, records, bytes: n * RECORD_BYTES };
}

function newStore(ctx: ActorContext<unknown> = silentContext()): OffChainStore {
  return new OffChainStore(ctx, {
    options: { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 1e9, retainUs: 1e12 },
    node: { host: 1, macUs: 0, retryUs: 4_000_000 },
    patientOfDevice: ['pt_0'],
    patients: ['pt_0'],
    verifier: new KeyRing('symbolic', 1),
    crypto: ZERO_CRYPTO_COSTS,
  });
}

function deviceEnv(): DeviceAttackEnv {
  return { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
}

/**
 * A store behind a plug-in that answers each read with a reply of its own, built from the record
 * and proof the store gave it (as a read cache does): what the reply says of the record is the
 * plug-in's, not the store's.
 */
function rebuildingReplies(factory: ActorFactory<unknown>): ActorFactory<unknown> {
  return (ctx) =>
    factory(
      forwardingContext(ctx, {
        send: (to, msg, sizeBytes) => {
          const found = recordIn(msg);
          const own = found === undefined ? msg : ({ kind: 'get-reply', token: (msg as GetReply).token, found: { gateway: found.gateway, batch: found.batch, record: found.record, proof: found.proof } } satisfies GetReply);
          ctx.send(to, own, sizeBytes);
        },
      }),
    );
}

/** Just enough of an IoMT world for the attack: a clock running callbacks in time order, and one store. */
function toyWorld(store: OffChainStore, durationUs: number, alteredRecords = new AlteredRecords(), altered = new AlteredReads()): { world: IomtWorld; run: () => void } {
  const queue: { atUs: number; fn: () => void }[] = [];
  const engine = { nowUs: 0, rng: new Rng(1), at: (atUs: number, fn: () => void) => void queue.push({ atUs, fn }) };
  const run = (): void => {
    for (;;) {
      queue.sort((a, b) => a.atUs - b.atUs);
      const next = queue.shift();
      if (next === undefined) return;
      engine.nowUs = next.atUs;
      next.fn();
    }
  };
  return { world: { engine, stores: [store], alteredRecords, config: { durationUs }, collector: { altered } } as unknown as IomtWorld, run };
}

describe('record-tamper', () => {
  it('alters, counts and labels each record once, however short its interval', () => {
    const store = newStore();
    const { world, run } = toyWorld(store, 2_000);
    const env = deviceEnv();
    const spec = attackSpecSchema(recordTamper).parse({ type: 'record-tamper', start: '0us', devices: [0], interval: '1us' });
    const attack = recordTamper.device!.plan([{ spec, index: 0 }], env);
    store.onMessage(3, recordsOf(0));
    world.engine.at(1_000, () => store.onMessage(3, recordsOf(1)));
    attack.installEach!({ spec, index: 0 }, world);
    run();
    // 2,000 ticks found two records: the first, and the one written at 1 ms.
    expect(env.truth.size).toBe(2);
    expect(attack.outcomes!()['attack.records_tampered']?.value).toBe(2);
  });

  it('alters nothing at the end of its window: a record written then stands unaltered', () => {
    const store = newStore();
    const { world, run } = toyWorld(store, 2_000);
    const env = deviceEnv();
    const spec = attackSpecSchema(recordTamper).parse({ type: 'record-tamper', start: '0us', end: '1000us', devices: [0], interval: '1us' });
    const attack = recordTamper.device!.plan([{ spec, index: 0 }], env);
    store.onMessage(3, recordsOf(0));
    world.engine.at(1_000, () => store.onMessage(3, recordsOf(1)));
    attack.installEach!({ spec, index: 0 }, world);
    run();
    // Ticks at 0 to 999 µs find only the first record; the one written at 1 ms, the window's end, is left alone.
    expect(attack.outcomes!()['attack.records_tampered']?.value).toBe(1);
  });

  it("alters each device's record first at a time of its own, drawn within the first interval after start", () => {
    const store = newStore();
    const devices = [0, 1, 2, 3, 4, 5, 6, 7];
    const { world, run } = toyWorld(store, 30_000_000);
    const env = deviceEnv();
    const spec = attackSpecSchema(recordTamper).parse({ type: 'record-tamper', start: '1s', devices, interval: '10s' });
    const attack = recordTamper.device!.plan([{ spec, index: 0 }], env);
    store.onMessage(3, recordsOf(0, devices));
    attack.installEach!({ spec, index: 0 }, world);
    run();
    // No record replaces these, so each device's is altered once, at its first alteration.
    const firstUs = env.truth.all('record', 'tampered-record').map((l) => l.fromUs);
    expect(firstUs).toHaveLength(devices.length);
    for (const t of firstUs) expect(t >= 1_000_000 && t < 11_000_000, `${t} µs`).toBe(true);
    expect(new Set(firstUs).size).toBe(devices.length);
  });

  it('counts an altered record read from a store whose reply says nothing of the alteration', () => {
    const reads = new AlteredReads();
    const alteredRecords = new AlteredRecords();
    const ctx: ActorContext<unknown> = { ...silentContext(), emit: (e: ModelEvent) => reads.onServed(e as Extract<IomtEvent, { kind: 'iomt-record-served' }>) };
    let store: OffChainStore | undefined;
    const tap = new ServedRecordTap(ctx, rebuildingReplies((c) => (store = newStore(c))), ['pt_0'], alteredRecords);
    const { world, run } = toyWorld(store!, 2_000, alteredRecords, reads);
    const spec = attackSpecSchema(recordTamper).parse({ type: 'record-tamper', start: '0us', devices: [0], interval: '1us' });
    const attack = recordTamper.device!.plan([{ spec, index: 0 }], deviceEnv());
    tap.onMessage(3, recordsOf(0));
    attack.installEach!({ spec, index: 0 }, world);
    run();
    expect(store!.serveWithoutPermit(6, { kind: 'get', device: 0, token: 1 })).toBe(true);
    expect(attack.outcomes!()['attack.tampered_records_read']?.value).toBe(1);
  });
});
