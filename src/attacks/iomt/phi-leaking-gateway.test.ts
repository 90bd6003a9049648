/**
 * The phi-leak ground truth its gateway keeps: every anchoring transaction made to leak while a
 * window is active (attack.phi_leak.leaking_txs_sent), and of those only the ones the gateway saw
 * confirmed (attack.phi_leak.leaking_txs, the denominator of recall).
 */
import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import type { PutBatch } from '../../iomt/messages.ts';
import { encodeRecord, RECORD_BYTES } from '../../iomt/reading.ts';
import type { Transaction } from '../../ledger/index.ts';
import type { ConfirmedEvent, SubmitEvent } from '../../protocols/types.ts';
import { PhiLeakingGateway } from './phi-leaking-gateway.ts';

const S = 1_000_000;

/** A put of one record of device 0, batch `batch`. */
function put(batch: number): PutBatch {
  const records = new Uint8Array(RECORD_BYTES);
  encodeRecord(records, 0, 0, batch, S, 97, 20);
  return { kind: 'put', gateway: 3, batch, root: '', count: 1, records, bytes: RECORD_BYTES } as unknown as PutBatch;
}

function anchor(id: number, batch: number, submittedUs: number): Transaction {
  return { id, sender: 3, sizeBytes: 100, payloadDigest: '', submittedUs, call: { contract: 'AnchorRegistry', method: 'anchor', args: { batch } } } as unknown as Transaction;
}

/** A stand-in gateway: seals batch `batch` to its store, then submits its anchor; the test says when it is confirmed. */
class AnchoringGateway implements Actor<unknown> {
  constructor(private readonly ctx: ActorContext<unknown>) {}
  anchorBatch(id: number, batch: number): Transaction {
    this.ctx.send(2, put(batch), RECORD_BYTES);
    const tx = anchor(id, batch, this.ctx.nowUs);
    const submitted: SubmitEvent = { kind: 'submit', tx };
    this.ctx.emit(submitted);
    return tx;
  }
  confirm(tx: Transaction): void {
    const confirmed: ConfirmedEvent = { kind: 'confirmed', tx, height: 1 };
    this.ctx.emit(confirmed);
  }
  onTimer(): void {}
  onMessage(): void {}
}

describe('PhiLeakingGateway', () => {
  it('counts as leaking every anchor it rewrote in its window, and as committed only those confirmed', () => {
    const ctx = new ScriptedContext(3);
    let gateway: AnchoringGateway | undefined;
    const leaker = new PhiLeakingGateway(ctx, (c) => (gateway = new AnchoringGateway(c)), { windows: [{ start: 10 * S, end: 30 * S, leak: 'values' }], devices: [{ device: 0, recordNumber: 'MRN0001' }] });
    ctx.nowUs = 5 * S;
    gateway!.confirm(gateway!.anchorBatch(1, 1));
    ctx.nowUs = 15 * S;
    const leaking = gateway!.anchorBatch(2, 2);
    gateway!.anchorBatch(3, 3);
    gateway!.confirm(leaking);
    expect([...leaker.leakingTxs]).toEqual([2, 3]);
    expect([...leaker.leakingTxsCommitted]).toEqual([2]);
    // What the gateway said it submitted carries the leak.
    expect(ctx.emitted.filter((e) => e.kind === 'submit').map((e) => 'values' in ((e as SubmitEvent).tx.call!.args))).toEqual([false, true, true]);
  });
});
