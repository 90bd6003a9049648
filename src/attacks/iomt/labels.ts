/**
 * Ground truth at message granularity for device attacks: every reading an attack forges, alters,
 * replays or floods is marked with its class (by object identity) when it is made, and counted
 * where it is sent (which may be long after it was made: a replayed copy waits for its delay), where
 * it reaches a gateway, where the gateway's own admission accepts it and where the store acknowledges
 * the batch that holds it as stored (src/attacks/iomt/gateway-tap.ts).
 * Classes are named by the attacks that mark them ('forged', 'tampered', ...); none is listed here.
 */
import type { RejectReason } from '../../iomt/admission.ts';
import type { Metrics } from '../../metrics/types.ts';

export interface MessageCounts {
  sent: number;
  arrived: number;
  accepted: number;
  stored: number;
}

export class MessageLabels {
  private readonly classes = new WeakMap<object, MessageCounts>();
  private readonly byName = new Map<string, MessageCounts>();
  private readonly nameOf = new WeakMap<MessageCounts, string>();
  /**
   * Called for every labelled reading a gateway's honest code has processed: `refused` is the
   * reason its admission gave (admission.ts), undefined if it accepted the reading or gave none.
   */
  onProcessed: ((cls: string, msg: object, nowUs: number, accepted: boolean, refused: RejectReason | undefined) => void) | undefined;

  /** Give a reading an attack made its class; it is counted from when it is sent (`sent`). */
  mark(msg: object, cls: string): void {
    this.classes.set(msg, this.counts(cls));
  }

  /**
   * Count a reading as sent, where it goes on the air: a copy made but still waiting when the run
   * ends was never sent. A genuine (unmarked) reading is not counted.
   */
  sent(msg: object): void {
    const counts = this.classes.get(msg);
    if (counts !== undefined) counts.sent += 1;
  }

  /** The counters of the message's class, or undefined for a genuine message. */
  countsOf(msg: object): MessageCounts | undefined {
    return this.classes.get(msg);
  }

  className(counts: MessageCounts): string {
    return this.nameOf.get(counts)!;
  }

  counts(cls: string): MessageCounts {
    let c = this.byName.get(cls);
    if (c === undefined) {
      c = { sent: 0, arrived: 0, accepted: 0, stored: 0 };
      this.byName.set(cls, c);
      this.nameOf.set(c, cls);
    }
    return c;
  }

  /** The counts of every class so far (plain data: a partition of a split run reports its hosts' share). */
  totals(): Record<string, MessageCounts> {
    const out: Record<string, MessageCounts> = {};
    for (const [cls, c] of this.byName) out[cls] = { ...c };
    return out;
  }

  /** Add counts that hosts elsewhere made (the partitions of a split run; disjoint sets of hosts). */
  add(totals: Readonly<Record<string, MessageCounts>>): void {
    for (const [cls, t] of Object.entries(totals)) {
      const c = this.counts(cls);
      c.sent += t.sent;
      c.arrived += t.arrived;
      c.accepted += t.accepted;
      c.stored += t.stored;
    }
  }

  /** `<prefix>_sent`, `_arrived`, `_accepted` and `_stored` of one class (0 when the attack sent nothing). */
  metrics(cls: string, prefix: string): Metrics {
    const c = this.counts(cls);
    return {
      [`${prefix}_sent`]: { unit: 'readings', value: c.sent },
      [`${prefix}_arrived`]: { unit: 'readings', value: c.arrived },
      [`${prefix}_accepted`]: { unit: 'readings', value: c.accepted },
      [`${prefix}_stored`]: { unit: 'readings', value: c.stored },
    };
  }
}
