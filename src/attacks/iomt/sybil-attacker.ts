/**
 * Sybil identities: an attacker next to a gateway invents device identities that were never
 * registered, each with its own freshly made key, and sends well-formed, correctly signed readings
 * with plausible values. Only the DeviceRegistry check can stop them.
 */
import type { Actor, ActorContext, HostId, TimerTag } from '../../../sim/index.ts';
import type { SigningKey, Verifier } from '../../ledger/index.ts';
import { READING_HEADER_BYTES, readingTerm, type ReadingMessage } from '../../iomt/reading.ts';
import type { AttackWindow } from '../window.ts';
import { isActive } from '../window.ts';
import type { MessageLabels } from './labels.ts';

/** The message class of a forged reading (src/attacks/iomt/labels.ts). */
export const FORGED = 'forged';

export interface SybilOptions extends AttackWindow {
  readonly gateway: HostId;
  /** Device ids claimed, none registered. */
  readonly identities: readonly number[];
  readonly keys: readonly SigningKey[];
  readonly verifier: Verifier;
  readonly ratePerSec: number;
  readonly labels: MessageLabels;
}

const PAYLOAD_BYTES = 20;

export class SybilAttacker implements Actor<unknown> {
  private tick = 0;
  private readonly seq: number[];

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: SybilOptions) {
    this.seq = o.identities.map(() => 0);
  }

  onStart(): void {
    this.ctx.setTimer(Math.max(0, this.o.start - this.ctx.nowUs), 0);
  }

  onMessage(): void {}

  onTimer(_tag: TimerTag): void {
    const now = this.ctx.nowUs;
    if (!isActive(this.o, now)) return;
    const k = this.tick++ % this.o.identities.length;
    const device = this.o.identities[k]!;
    const key = this.o.keys[k]!;
    const seq = this.seq[k]!++;
    const value = 95 + this.ctx.rng.int(5);
    const sig = key.sign(this.o.verifier.digest(readingTerm(device, seq, now, value, PAYLOAD_BYTES)));
    const msg: ReadingMessage = { kind: 'reading', device, seq, timestampUs: now, value, payloadBytes: PAYLOAD_BYTES, keyId: key.signer, sig, trueUs: now };
    this.o.labels.mark(msg, FORGED);
    this.ctx.send(this.o.gateway, msg, READING_HEADER_BYTES + PAYLOAD_BYTES);
    this.o.labels.sent(msg);
    this.ctx.setTimer(1e6 / this.o.ratePerSec, 0);
  }
}
