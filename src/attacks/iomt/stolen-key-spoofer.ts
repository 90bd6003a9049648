/**
 * Spoofing with a stolen key: an attacker who extracted a real device's signing key (physical
 * access to the device) sends readings in that device's name from its own radio, correctly signed,
 * so signature, registration and freshness checks all pass. Its behaviour is what gives it away:
 * readings at `rate` per second (on top of the genuine stream) with an abnormal `value`. Sequence
 * numbers start far above the device's own, so the gateway's replay check accepts them.
 */
import type { Actor, ActorContext, HostId, TimerTag } from '../../../sim/index.ts';
import type { SigningKey, Verifier } from '../../ledger/index.ts';
import { READING_HEADER_BYTES, readingTerm, type ReadingMessage } from '../../iomt/reading.ts';
import type { AttackWindow } from '../window.ts';
import { isActive } from '../window.ts';
import type { MessageLabels } from './labels.ts';

/** The message class of a reading spoofed with a stolen key (src/attacks/iomt/labels.ts). */
export const SPOOFED = 'spoofed';

export interface StolenKeyOptions extends AttackWindow {
  readonly gateway: HostId;
  readonly device: number;
  readonly key: SigningKey;
  readonly verifier: Verifier;
  readonly ratePerSec: number;
  readonly value: number;
  readonly payloadBytes: number;
  readonly labels: MessageLabels;
}

/** Above any sequence number a genuine device reaches in a run. */
const SEQ_BASE = 1 << 30;

export class StolenKeySpoofer implements Actor<unknown> {
  private seq = SEQ_BASE;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: StolenKeyOptions) {}

  onStart(): void {
    this.ctx.setTimer(Math.max(0, this.o.start - this.ctx.nowUs), 0);
  }

  onMessage(): void {}

  onTimer(_tag: TimerTag): void {
    const now = this.ctx.nowUs;
    const o = this.o;
    if (!isActive(o, now)) return;
    const seq = this.seq++;
    const sig = o.key.sign(o.verifier.digest(readingTerm(o.device, seq, now, o.value, o.payloadBytes)));
    const msg: ReadingMessage = { kind: 'reading', device: o.device, seq, timestampUs: now, value: o.value, payloadBytes: o.payloadBytes, keyId: o.key.signer, sig, trueUs: now };
    o.labels.mark(msg, SPOOFED);
    this.ctx.send(o.gateway, msg, READING_HEADER_BYTES + o.payloadBytes);
    o.labels.sent(msg);
    this.ctx.setTimer(1e6 / o.ratePerSec, 0);
  }
}
