import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext, HostId } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import type { RejectReason } from '../../iomt/admission.ts';
import { emitIomt } from '../../iomt/events.ts';
import { GatewayTap, type GatewayBehaviour } from './gateway-tap.ts';
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

  it("counts every labelled reading that reaches the gateway as arrived exactly once, in its own class: those the tap drops or holds included, genuine ones never", () => {
    const labels = new MessageLabels();
    const ctx = new ScriptedContext(5);
    // A compromised gateway's behaviour: drops the 1st, 4th, 7th … reading, holds the 2nd, 5th, 8th … for 1 s.
    let n = 0;
    const behaviour: GatewayBehaviour = {
      admit() {
        const i = n++;
        return i % 3 === 0 ? 'drop' : i % 3 === 1 ? 1_000_000 : undefined;
      },
    };
    const tap = new GatewayTap(ctx, (c) => new PairBatchingGateway(c), [behaviour], labels, () => undefined);
    // Each attack's class and its metric prefix (flood, forged, …), with how many of its readings reach the gateway.
    const classes = [['forged', 'iomt.forged', 1], ['tampered', 'iomt.tampered', 2], ['spoofed', 'iomt.spoofed', 3], ['replayed', 'iomt.replayed', 4], ['flood', 'attack.flood', 5]] as const;
    const readings: object[] = [];
    for (const [cls, , count] of classes) {
      for (let i = 0; i < count; i++) {
        const m = { kind: 'reading' };
        labels.mark(m, cls);
        readings.push(m, { kind: 'reading' });
      }
    }
    for (const m of readings) tap.onMessage(1, m);
    // The held readings are handed to the gateway's honest code when their time comes.
    ctx.nowUs = 1_000_000;
    tap.onTimer(1);
    expect(tap.droppedReadings).toBe(10);
    // Ten held by the behaviour, and the ten it let through after the first hold, which wait behind them.
    expect(tap.delayedReadings).toBe(20);
    // Each class got its own count, the genuine readings between them none.
    for (const [cls, prefix, count] of classes) expect(labels.metrics(cls, prefix)[`${prefix}_arrived`]?.value, cls).toBe(count);
  });

  it("tells what it processed with the reason the gateway's admission gave for each refusal, none for a reading it accepted", () => {
    const labels = new MessageLabels();
    const processed: [boolean, RejectReason | undefined][] = [];
    labels.onProcessed = (_cls, _msg, _nowUs, accepted, refused) => void processed.push([accepted, refused]);
    // Accepts the first reading, refuses the second as rate-limited and the third as unregistered.
    const reasons: (RejectReason | undefined)[] = [undefined, 'rate-limited', 'unregistered'];
    const gateway = (c: ActorContext<unknown>): Actor<unknown> & { accepted: number } => {
      const g = {
        accepted: 0,
        onMessage: () => {
          const reason = reasons.shift();
          if (reason === undefined) g.accepted++;
          else emitIomt(c, { kind: 'iomt-reading-rejected', device: 0, reason });
        },
        onTimer: () => {},
      };
      return g;
    };
    const tap = new GatewayTap(new ScriptedContext(5), gateway, [], labels, () => undefined);
    for (let i = 0; i < 3; i++) {
      const m = { kind: 'reading' };
      labels.mark(m, 'spoofed');
      tap.onMessage(1, m);
    }
    expect(processed).toEqual([[true, undefined], [false, 'rate-limited'], [false, 'unregistered']]);
  });

  it('hands held readings to the gateway in the order they came, a reading let through waiting behind them (a window that ends, a shorter delay after a longer)', () => {
    const ctx = new ScriptedContext(5);
    const seen: number[] = [];
    const inner: Actor<unknown> = { onMessage: (_from, msg) => void seen.push((msg as { seq: number }).seq), onTimer: () => undefined };
    // Holds the first two for 1 s and 0.5 s, then stops holding (its window ended).
    const delays = [1_000_000, 500_000];
    let n = 0;
    const tap = new GatewayTap(ctx, () => inner, [{ admit: () => delays[n++] }], new MessageLabels(), () => undefined);
    for (let seq = 0; seq < 4; seq++) tap.onMessage(1, { kind: 'reading', seq });
    expect(seen).toEqual([]);
    ctx.nowUs = 500_000;
    tap.onTimer(1);
    expect(seen).toEqual([]);
    ctx.nowUs = 1_000_000;
    tap.onTimer(1);
    expect(seen).toEqual([0, 1, 2, 3]);
    ctx.nowUs = 1_500_000;
    tap.onMessage(1, { kind: 'reading', seq: 4 });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});
