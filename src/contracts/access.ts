/**
 * AccessControl: a clinician's or researcher's request for a patient's records is decided against
 * consent *at the committed state* (the block being executed), so every replica decides alike and
 * a revocation binds from the block that carries it. Permit releases the record key (modelled as a
 * digest token bound to the requester and request); deny is recorded too. Break-glass is emergency
 * treatment (HL7 v3 PurposeOfUse ETREAT): asked for that purpose it is always permitted and always
 * audited, as the framework requires; asked for any other purpose it is denied and audited, so
 * break-glass cannot open a patient's records for research or payment.
 *
 * The requester is the transaction's sender, not whoever the arguments name: a request is decided
 * only when its `requester` is bound to the sender in the ReaderRegistry (src/contracts/registry.ts),
 * and is otherwise rejected ('requester-not-sender'), neither decided nor audited, so no host can be
 * permitted, denied or audited in another reader's name.
 *
 * A request id belongs to its requester: decisions and grants are keyed by (requester, request), so
 * a duplicate is one requester reusing its own id. Ids are predictable (`req_<host>_<seq>`), and
 * were they global a host could take another reader's next id under its own name and have that
 * reader's request rejected as a duplicate (and its node answer the squatter's decision).
 */
import { bool, CallRejected, oneOf, str } from './args.ts';
import type { AuditLog } from './audit.ts';
import { PURPOSES, type ConsentContract } from './consent.ts';
import { sha256Hex, touchState } from './digest.ts';
import type { ReaderRegistry } from './registry.ts';

export type AccessDecision = 'permit' | 'deny' | 'break-glass';

export interface AccessOutcome {
  readonly request: string;
  readonly requester: string;
  readonly patient: string;
  readonly decision: AccessDecision;
  /** Consent that permitted it ('' when none). */
  readonly consent: string;
  /** Record-key release token (digest), '' on deny. */
  readonly keyToken: string;
}

/** The key of `requester`'s request `request`: ids are the requester's own (neither string holds a NUL). */
export function requestKey(requester: string, request: string): string {
  return `${requester}\u0000${request}`;
}

export class AccessControl {
  private decided = 0;
  private permitted = 0;
  /** Decision per request, keyed by requester and id (requestKey), so a requester can read its outcome from its node's state. */
  private readonly decisions = new Map<string, AccessDecision>();
  /** Patient of every permitted (or break-glass) request, keyed as `decisions`: what its record key opens. */
  private readonly grants = new Map<string, { readonly patient: string; readonly requester: string }>();

  constructor(
    private readonly consent: ConsentContract,
    private readonly audit: AuditLog,
    private readonly readers: ReaderRegistry,
  ) {}

  /** `sender`: the transaction's authenticated sender (host id), which must act for `requester`. */
  request(args: Readonly<Record<string, unknown>>, blockTimeUs: number, sender: number): AccessOutcome {
    const request = str(args, 'request');
    const requester = str(args, 'requester');
    if (!this.readers.actsFor(sender, requester)) throw new CallRejected('requester-not-sender');
    const key = requestKey(requester, request);
    touchState();
    if (this.decisions.has(key)) throw new CallRejected('duplicate-request');
    const patient = str(args, 'patient');
    const purpose = oneOf(args, 'purpose', PURPOSES);
    const breakGlass = bool(args, 'breakGlass');
    let decision: AccessDecision;
    let consentId = '';
    if (breakGlass) {
      decision = purpose === 'ETREAT' ? 'break-glass' : 'deny';
    } else {
      consentId = this.consent.permitting(patient, requester, purpose, blockTimeUs) ?? '';
      decision = consentId === '' ? 'deny' : 'permit';
    }
    const keyToken = decision === 'deny' ? '' : sha256Hex(`key:${patient}:${requester}:${request}`);
    this.decided++;
    if (decision !== 'deny') this.permitted++;
    touchState(decision === 'deny' ? 1 : 2); // the decision, and the grant when there is one
    this.decisions.set(key, decision);
    if (decision !== 'deny') this.grants.set(key, { patient, requester });
    this.audit.append({
      type: breakGlass ? 'break-glass' : 'access',
      action: 'R',
      recordedUs: blockTimeUs,
      outcome: decision !== 'deny' ? 'success' : breakGlass ? 'denied-not-emergency' : 'denied-no-consent',
      agent: requester,
      entity: patient,
      purpose,
      ref: request,
    });
    return { request, requester, patient, decision, consent: consentId, keyToken };
  }

  /** Make this contract's own state an independent copy of `source`'s (its consent and audit are copied by their owner). */
  copyFrom(source: AccessControl): void {
    this.decided = source.decided;
    this.permitted = source.permitted;
    this.decisions.clear();
    for (const [key, d] of source.decisions) this.decisions.set(key, d);
    this.grants.clear();
    for (const [key, g] of source.grants) this.grants.set(key, { ...g });
  }

  /** The decision on `requester`'s request `request` (another requester's request of the same id is another request). */
  decisionOf(requester: string, request: string): AccessDecision | undefined {
    return this.decisions.get(requestKey(requester, request));
  }

  /** Whether `requester`'s request `request` was permitted for `patient`'s records at the committed state. */
  permits(request: string, requester: string, patient: string): boolean {
    const g = this.grants.get(requestKey(requester, request));
    return g !== undefined && g.requester === requester && g.patient === patient;
  }

  digest(): string {
    return `${this.decided}:${this.permitted}`;
  }
}
