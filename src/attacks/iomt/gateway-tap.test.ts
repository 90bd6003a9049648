import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext, HostId } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { GatewayTap } from './gateway-tap.ts';
import { MessageLabels } from './labels.ts';

const STORE = 9;

/** A gateway that accepts every reading and seals a batch of two while handling the second. */
class PairBatchingGateway implements Actor<unknown> {
  accepted = 0;
  private open = 0;
  private batch = 0;
  constructor(private readonly ctx: ActorContext<unknown>) {}
  onMessage(_from: HostId, msg: unknown): void {
    if ((msg as { kind: string }).kind !== 'reading') return;
    this.accepted++;
    if (++this.open < 2) return;
    this.ctx.send(STORE, { kind: 'put', batch: this.batch++, count: 2 }, 100);
    this.open = 0;
  }
  onTimer(): void {}
}

describe('GatewayTap', () => {
  it("counts a labelled reading as stored when the store acknowledges its batch as stored, the batch it sealed included, and never a refused or unacknowledged batch's", () => {
    const labels = new MessageLabels();
    const ctx = new ScriptedContext(5);
    const tap = new GatewayTap(ctx, (c) => new PairBatchingGateway(c), [], labels, () => undefined);
    const reading = (forged: boolean): object => {
      const m = { kind: 'reading' };
      if (forged) labels.mark(m, 'forged');
      return m;
    };
    // Batch 0: two forged (the second seals it); batch 1: forged, then honest; batch 2: forged, honest.
    for (const forged of [true, true, true, false, true, false]) tap.onMessage(1, reading(forged));
    const forged = labels.counts('forged');
    expect(forged.accepted).toBe(4);
    tap.onMessage(STORE, { kind: 'put-ack', batch: 0, stored: true });
    tap.onMessage(STORE, { kind: 'put-ack', batch: 1, stored: false });
    expect(forged.stored).toBe(2);
    tap.onMessage(STORE, { kind: 'put-ack', batch: 0, stored: true });
    expect(forged.stored).toBe(2);
  });
});
