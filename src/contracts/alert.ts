/**
 * EmergencyAlert (slow path): a gateway that detected a rule firing (e.g. SpO₂ below 90 % for
 * 15 s) records the alert on chain, with the evidence as a digest, for the care team and for the
 * audit trail. The fast path, gateway to care team directly, does not wait for this.
 */
import { CallRejected, digest, str } from './args.ts';
import { sha256Hex, touchState } from './digest.ts';

export interface AlertOutcome {
  readonly alert: string;
  readonly patient: string;
  readonly rule: string;
}

export class EmergencyAlertContract {
  private readonly seen = new Set<string>();
  private head = '0'.repeat(64);

  constructor(private readonly rules: ReadonlySet<string>) {}

  raise(args: Readonly<Record<string, unknown>>): AlertOutcome {
    const alert = str(args, 'alert');
    const rule = str(args, 'rule');
    if (!this.rules.has(rule)) throw new CallRejected('unknown-rule');
    touchState();
    if (this.seen.has(alert)) throw new CallRejected('duplicate-alert');
    const patient = str(args, 'patient');
    // No clinical times or values on chain: the evidence digest points at the off-chain record.
    const evidence = digest(args, 'evidence');
    touchState();
    this.seen.add(alert);
    this.head = sha256Hex(`${this.head}|${alert}|${patient}|${rule}|${evidence}`);
    return { alert, patient, rule };
  }

  /** Whether `alert` is recorded (a gateway reads this from its node before notifying). */
  /** Make this contract an independent copy of `source`'s state (a replica starting from a shared genesis). */
  copyFrom(source: EmergencyAlertContract): void {
    this.seen.clear();
    for (const a of source.seen) this.seen.add(a);
    this.head = source.head;
  }

  recorded(alert: string): boolean {
    return this.seen.has(alert);
  }

  digest(): string {
    return `${this.seen.size}:${this.head}`;
  }
}
