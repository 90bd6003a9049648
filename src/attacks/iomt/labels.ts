/**
 * Ground truth at message granularity for device attacks: every reading an attack forges, alters,
 * replays or floods is marked (by object identity) when it is made, and counted where it is sent,
 * where it reaches a gateway and where the gateway's own admission accepts it.
 */
export const MALICIOUS_CLASSES = ['forged', 'tampered', 'replayed', 'flood', 'spoofed'] as const;
export type MaliciousClass = (typeof MALICIOUS_CLASSES)[number];

export class MessageLabels {
  private readonly classOf = new WeakMap<object, number>();
  readonly sent = new Float64Array(MALICIOUS_CLASSES.length);
  readonly arrived = new Float64Array(MALICIOUS_CLASSES.length);
  readonly accepted = new Float64Array(MALICIOUS_CLASSES.length);
  /** Called for every labelled reading a gateway's honest code has processed (accepted or not). */
  onProcessed: ((cls: number, msg: object, nowUs: number, accepted: boolean) => void) | undefined;

  mark(msg: object, cls: MaliciousClass): void {
    this.classOf.set(msg, MALICIOUS_CLASSES.indexOf(cls));
    this.sent[MALICIOUS_CLASSES.indexOf(cls)]! += 1;
  }

  /** Index of the message's class, or -1 for a genuine message. */
  classIndex(msg: object): number {
    return this.classOf.get(msg) ?? -1;
  }
}
