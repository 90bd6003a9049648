/**
 * Consent, mirroring FHIR R5 Consent: who (patient pseudonym) lets whom (grantee) do what (scope,
 * purpose of use) during which period, with a permit or deny provision. Revocation sets the status
 * to `inactive` (FHIR Consent.status); expiry is the end of the period, judged at the block's
 * timestamp so every replica agrees.
 */
import { CallRejected, int, oneOf, str } from './args.ts';
import { sha256Hex } from './digest.ts';

/** FHIR Consent.scope-like categories. */
export const CONSENT_SCOPES = ['treatment', 'research', 'patient-privacy'] as const;
/** HL7 v3 PurposeOfUse codes: treatment, emergency treatment, health research, payment. */
export const PURPOSES = ['TREAT', 'ETREAT', 'HRESCH', 'HPAYMT'] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface ConsentRecord {
  patient: string;
  grantee: string;
  scope: (typeof CONSENT_SCOPES)[number];
  purpose: Purpose;
  periodStartUs: number;
  periodEndUs: number;
  provision: 'permit' | 'deny';
  status: 'active' | 'inactive';
  /** Height of the block that revoked it; -1 while active. */
  revokedHeight: number;
}

export class ConsentContract {
  readonly consents = new Map<string, ConsentRecord>();
  private readonly byPatient = new Map<string, string[]>();
  /**
   * Digest of the state as a hash chain over every grant and revocation in commit order: replicas
   * that applied the same changes agree, at one hash per change (re-hashing tens of thousands of
   * consents at every height is what a regional run cannot afford).
   */
  private head = '0'.repeat(64);

  grant(args: Readonly<Record<string, unknown>>): string {
    const id = str(args, 'consent');
    if (this.consents.has(id)) throw new CallRejected('consent-exists');
    const periodStartUs = int(args, 'periodStartUs');
    const periodEndUs = int(args, 'periodEndUs');
    if (periodEndUs <= periodStartUs) throw new CallRejected('bad-arg:period');
    const c: ConsentRecord = {
      patient: str(args, 'patient'),
      grantee: str(args, 'grantee'),
      scope: oneOf(args, 'scope', CONSENT_SCOPES),
      purpose: oneOf(args, 'purpose', PURPOSES),
      periodStartUs,
      periodEndUs,
      provision: oneOf(args, 'provision', ['permit', 'deny']),
      status: 'active',
      revokedHeight: -1,
    };
    this.consents.set(id, c);
    const list = this.byPatient.get(c.patient);
    if (list === undefined) this.byPatient.set(c.patient, [id]);
    else list.push(id);
    this.head = sha256Hex(`${this.head}|grant|${JSON.stringify(id)}|${JSON.stringify(c.patient)}|${JSON.stringify(c.grantee)}|${c.scope}|${c.purpose}|${c.periodStartUs}|${c.periodEndUs}|${c.provision}`);
    return id;
  }

  /** Make this contract an independent copy of `source`'s state (a replica starting from a shared genesis). */
  copyFrom(source: ConsentContract): void {
    this.consents.clear();
    for (const [id, c] of source.consents) this.consents.set(id, { ...c });
    this.byPatient.clear();
    for (const [patient, ids] of source.byPatient) this.byPatient.set(patient, [...ids]);
    this.head = source.head;
  }

  /** Only the consenting patient (by pseudonym) may revoke. */
  revoke(args: Readonly<Record<string, unknown>>, height: number): string {
    const id = str(args, 'consent');
    const c = this.consents.get(id);
    if (c === undefined) throw new CallRejected('unknown-consent');
    if (c.patient !== str(args, 'patient')) throw new CallRejected('not-consent-owner');
    if (c.status !== 'active') throw new CallRejected('consent-inactive');
    c.status = 'inactive';
    c.revokedHeight = height;
    this.head = sha256Hex(`${this.head}|revoke|${JSON.stringify(id)}|${height}`);
    return id;
  }

  /**
   * The consent that permits `grantee` to use `patient`'s data for `purpose` at `timeUs`, or
   * undefined. An applicable deny provision wins over any permit (FHIR: deny is the safer reading).
   */
  permitting(patient: string, grantee: string, purpose: Purpose, timeUs: number): string | undefined {
    const ids = this.byPatient.get(patient);
    if (ids === undefined) return undefined;
    let found: string | undefined;
    for (const id of ids) {
      const c = this.consents.get(id)!;
      if (c.status !== 'active' || c.grantee !== grantee || c.purpose !== purpose) continue;
      if (timeUs < c.periodStartUs || timeUs >= c.periodEndUs) continue;
      if (c.provision === 'deny') return undefined;
      found ??= id;
    }
    return found;
  }

  digest(): string {
    return `${this.consents.size}:${this.head}`;
  }
}
