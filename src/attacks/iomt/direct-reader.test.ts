/**
 * What a direct reader counts from the store's replies (attack.unauthorized_reads and
 * attack.unauthorized_reads_denied): a record received is a read, a refusal for want of a permit
 * is a denial, and a reply with neither (the store holds no record of that device yet) is neither.
 */
import { describe, expect, it } from 'vitest';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import type { GetReply } from '../../iomt/messages.ts';
import { DirectStoreReader } from './direct-reader.ts';

describe('DirectStoreReader', () => {
  it('counts records received as reads and refusals as denials, and a reply without a record of the device as neither', () => {
    const reader = new DirectStoreReader(new ScriptedContext(9), { start: 0, store: 2, devices: [0, 1], ratePerSec: 1 });
    const replies: GetReply[] = [
      { kind: 'get-reply', token: 0, found: { gateway: 1, batch: 0, record: new Uint8Array(4), proof: {} as never } },
      { kind: 'get-reply', token: 1, denied: true },
      { kind: 'get-reply', token: 2 },
      { kind: 'get-reply', token: 3 },
    ];
    for (const r of replies) reader.onMessage(2, r);
    expect(reader.recordsRead).toBe(1);
    expect(reader.readsDenied).toBe(1);
  });
});
