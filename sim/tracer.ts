/**
 * What an engine shows a tracer: every message sent and every event a host handled, with the times
 * the network and the processor model gave them. Timelines (`iomtsim trace`) are built from it;
 * runs without a tracer pay one null check per event.
 */
import type { HostId } from './types.ts';

export type HandledKind = 'start' | 'deliver' | 'timer';

export interface EngineTracer {
  /**
   * `from` sent `msg` (`sizeBytes`) to `to`: it leaves at `departUs` (once the sender's processor is
   * free) and first reaches `to` at `arrivalUs`, or never (`arrivalUs` is DROPPED, -1).
   */
  sent(from: HostId, to: HostId, msg: unknown, sizeBytes: number, departUs: number, arrivalUs: number): void;
  /**
   * `host` handled an event at `startUs` and its processor is busy until `busyUntilUs` (the work
   * the handler charged). A delivery names its sender and message; other kinds pass -1 and null.
   */
  handled(host: HostId, kind: HandledKind, startUs: number, busyUntilUs: number, from: HostId, msg: unknown): void;
}
