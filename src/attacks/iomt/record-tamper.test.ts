import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext } from '../../../sim/index.ts';
import { loadScenario } from '../../scenario/load.ts';
import { runIomtWorld } from '../../world/testing/run.ts';
import { KeyRing, packedMerkleRoot, ZERO_CRYPTO_COSTS } from '../../ledger/index.ts';
import { AlteredReads } from '../../iomt/altered-reads.ts';
import type { PutBatch } from '../../iomt/messages.ts';
import { encodeRecord, RECORD_BYTES } from '../../iomt/reading.ts';
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

/** One record of device 0, batch `batch`. */
function oneRecord(batch: number): PutBatch {
  const records = new Uint8Array(RECORD_BYTES);
  encodeRecord(records, 0, 0, batch, 1_000_000, 97, 20);
  return { kind: 'put', gateway: 3, batch, root: packedMerkleRoot(records, RECORD_BYTES, 1), count: 1, records, devices: Int32Array.from([0]), bytes: RECORD_BYTES };
}

/** Just enough of an IoMT world for the attack: a clock running callbacks in time order, and one store. */
function toyWorld(store: OffChainStore, durationUs: number): { world: IomtWorld; run: () => void } {
  const queue: { atUs: number; fn: () => void }[] = [];
  const engine = { nowUs: 0, at: (atUs: number, fn: () => void) => void queue.push({ atUs, fn }) };
  const run = (): void => {
    for (;;) {
      queue.sort((a, b) => a.atUs - b.atUs);
      const next = queue.shift();
      if (next === undefined) return;
      engine.nowUs = next.atUs;
      next.fn();
    }
  };
  return { world: { engine, stores: [store], config: { durationUs }, collector: { altered: new AlteredReads() } } as unknown as IomtWorld, run };
}

describe('record-tamper', () => {
  it('alters, counts and labels each record once, however short its interval', () => {
    const store = new OffChainStore(silentContext(), {
      options: { writeLatencyUs: 0, readLatencyUs: 0, throughputBytesPerSec: 1e9, capacityBytes: 1e9, retainUs: 1e9 },
      node: { host: 1, macUs: 0, retryUs: 4_000_000 },
      patientOfDevice: ['pt_0'],
      patients: ['pt_0'],
      verifier: new KeyRing('symbolic', 1),
      crypto: ZERO_CRYPTO_COSTS,
    });
    const { world, run } = toyWorld(store, 2_000);
    const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
    const spec = attackSpecSchema(recordTamper).parse({ type: 'record-tamper', start: '0us', devices: [0], interval: '1us' });
    const attack = recordTamper.device!.plan([{ spec, index: 0 }], env);
    store.onMessage(3, oneRecord(0));
    world.engine.at(1_000, () => store.onMessage(3, oneRecord(1)));
    attack.installEach!({ spec, index: 0 }, world);
    run();
    // 2,000 ticks found two records: the first, and the one written at 1 ms.
    expect(env.truth.size).toBe(2);
    expect(attack.outcomes!()['attack.records_tampered']?.value).toBe(2);
  });

  it("reports the altered records readers were served and what their checks made of them (bundled record-tamper.yaml)", () => {
    const { scenario } = loadScenario(fileURLToPath(new URL('../../../scenarios/attacks/record-tamper.yaml', import.meta.url)), []);
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    const read = m['attack.tampered_records_read']!.value;
    const caught = m['attack.tampered_reads_caught']!.value;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(m['attack.records_tampered']!.value);
    // Every invalid check is of an altered record (nothing else alters records here), and none passed.
    expect(caught).toBe(m['iomt.integrity_checks_invalid']!.value);
    expect(m['attack.tampered_reads_passed']!.value).toBe(0);
    expect(caught).toBeLessThanOrEqual(read);
  }, 60_000);
});
