import { describe, expect, it } from 'vitest';
import type { ActorContext, ActorFactory } from '../../sim/index.ts';
import { AlteredRecords } from './altered-records.ts';
import type { GetLatest, GetReply } from './messages.ts';
import { nextServedSerial, ServedRecordTap } from './served-record-tap.ts';
import type { OffChainStore } from './store.ts';
import { batch, PATIENT_OF_DEVICE, read, scripted, store } from './testing/store-fixtures.ts';

type Found = NonNullable<GetReply['found']>;

/** A store on its host, behind the tap the world puts there. */
function tapped(ctx: ActorContext<unknown>, alterations = new AlteredRecords()): { tap: ServedRecordTap; store: OffChainStore } {
  let s: OffChainStore | undefined;
  const tap = new ServedRecordTap(ctx, (c) => (s = store(c)), PATIENT_OF_DEVICE, alterations);
  return { tap, store: s! };
}

/** Device 2's record of `batch()`, with its proof, as a store sends it; `alterBy`: altered first, and the alteration recorded there. */
function recordOfDevice2(alterBy?: AlteredRecords): Found {
  const { ctx, sent } = scripted();
  const s = store(ctx);
  s.onMessage(3, batch());
  if (alterBy !== undefined) alterBy.add(s.corruptLatest(2)!);
  s.serveWithoutPermit(5, { kind: 'get', device: 2, token: 0 });
  return (sent.at(-1)!.msg as GetReply).found!;
}

/**
 * A broken store: it answers every read with `found`, and on a 'leak' message sends it to host 6
 * unasked, with no store code and no report of its own.
 */
function leaking(found: Found): ActorFactory<unknown> {
  return (c) => ({
    onMessage(from, msg) {
      const m = msg as GetLatest | { kind: 'leak' };
      if (m.kind === 'get') c.send(from, { kind: 'get-reply', token: m.token, found } satisfies GetReply, 64);
      else if (m.kind === 'leak') c.send(6, { kind: 'get-reply', token: 99, found } satisfies GetReply, 64);
    },
    onTimer() {},
  });
}

describe('ServedRecordTap', () => {
  it('reports every record its store sends, with the request and reader of the read it answers, and none it refuses', () => {
    const { ctx, emitted } = scripted();
    const { tap, store: s } = tapped(ctx);
    tap.onMessage(3, batch());
    tap.onMessage(5, read('cl_a', 2, 1, 'r1'));
    tap.onMessage(5, read('cl_a', 2, 2, 'r0'));
    tap.onMessage(6, { kind: 'get', device: 3, token: 3 });
    // An insider's path around the permit check, for a read the tap never saw.
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 4 })).toBe(true);
    expect(emitted).toEqual([
      { kind: 'iomt-record-served', store: 9, serial: 0, request: 'r1', requester: 'cl_a', device: 2, patient: 'pt_2', altered: false },
      { kind: 'iomt-record-served', store: 9, serial: 1, request: '', requester: '', device: 3, patient: 'pt_3', altered: false },
    ]);
  });

  it('reports a record served as altered while its alteration stands, and its replacement as not', () => {
    const { ctx, emitted } = scripted();
    const alterations = new AlteredRecords();
    const { tap, store: s } = tapped(ctx, alterations);
    tap.onMessage(3, batch());
    alterations.add(s.corruptLatest(2)!);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 2, token: 1 })).toBe(true);
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 3, token: 2 })).toBe(true);
    tap.onMessage(3, batch());
    expect(s.serveWithoutPermit(6, { kind: 'get', device: 2, token: 3 })).toBe(true);
    expect(emitted).toMatchObject([{ device: 2, altered: true }, { device: 3, altered: false }, { device: 2, altered: false }]);
  });

  it('reports a record whatever code on the host sent it, named by the read it answers, or by none when it answers no read', () => {
    const { ctx, emitted } = scripted();
    const tap = new ServedRecordTap(ctx, leaking(recordOfDevice2()), PATIENT_OF_DEVICE, new AlteredRecords());
    tap.onMessage(5, read('cl_a', 2, 7, 'r1'));
    tap.onMessage(3, { kind: 'leak' });
    expect(emitted).toEqual([
      { kind: 'iomt-record-served', store: 9, serial: 0, request: 'r1', requester: 'cl_a', device: 2, patient: 'pt_2', altered: false },
      { kind: 'iomt-record-served', store: 9, serial: 1, request: '', requester: '', device: 2, patient: 'pt_2', altered: false },
    ]);
  });

  it('judges a record altered by its bytes, not by the code that sent it: an altered one sent by other code is, a copy kept from before its alteration is not', () => {
    const alterations = new AlteredRecords();
    const honestCopy = recordOfDevice2();
    const altered = recordOfDevice2(alterations);
    for (const found of [altered, honestCopy]) {
      const { ctx, emitted } = scripted();
      const tap = new ServedRecordTap(ctx, leaking(found), PATIENT_OF_DEVICE, alterations);
      tap.onMessage(3, { kind: 'leak' });
      expect(emitted).toMatchObject([{ device: 2, altered: found === altered }]);
    }
  });

  it('gives the actor on its host the serial of the next record the host sends', () => {
    const { ctx, emitted } = scripted();
    let inner: ActorContext<unknown> | undefined;
    const tap = new ServedRecordTap(ctx, (c) => leaking(recordOfDevice2())((inner = c)), PATIENT_OF_DEVICE, new AlteredRecords());
    expect(nextServedSerial(inner!)).toBe(0);
    tap.onMessage(3, { kind: 'leak' });
    tap.onMessage(3, { kind: 'leak' });
    expect(nextServedSerial(inner!)).toBe(2);
    expect(emitted.map((e) => (e as unknown as { serial: number }).serial)).toEqual([0, 1]);
  });
});
