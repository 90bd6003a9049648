/**
 * What an engine shows a tracer: every message sent, every event a host handled and every crash,
 * with the times the network and the processor model gave them. Timelines (`iomtsim trace`) are
 * built from it; runs without a tracer pay one null check per event.
 */
import type { HostId } from './types.ts';

export type HandledKind = 'start' | 'deliver' | 'timer';

export interface EngineTracer {
  /**
   * `from` sent `msg` (`sizeBytes`) to `to` in a handler at `sentUs`: it leaves at `departUs` (once
   * the sender's processor is free) and first reaches `to` at `arrivalUs`, or never (`arrivalUs` is
   * DROPPED, -1). `sendKey` names this send among all of the run's: its delivery, if any, carries it
   * (one message object may be sent to one host twice, as a resend after a lost copy is).
   */
  sent(from: HostId, to: HostId, msg: unknown, sizeBytes: number, sentUs: number, departUs: number, arrivalUs: number, sendKey: number): void;
  /**
   * `host` handled an event at `startUs` and its processor is busy until `busyUntilUs` (the work
   * the handler charged). A delivery names its sender, its message and the `sendKey` of its send;
   * other kinds pass -1, null and -1.
   */
  handled(host: HostId, kind: HandledKind, startUs: number, busyUntilUs: number, from: HostId, msg: unknown, sendKey: number): void;
  /** `host` crashed at `timeUs`: the work it had queued, and the messages queued to leave after it, are lost, and it is idle from then on. */
  crashed(host: HostId, timeUs: number): void;
}
