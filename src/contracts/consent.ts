/**
 * Consent, mirroring FHIR R5 Consent: who (patient pseudonym) lets whom (grantee) do what (scope,
 * purpose of use) during which period, with a permit or deny provision. Revocation sets the status
 * to `inactive` (FHIR Consent.status); expiry is the end of the period, judged at the block's
 * timestamp so every replica agrees.
 */
import { CallRejected, int, oneOf, str } from './args.ts';
import { sha256Hex, touchState } from './digest.ts';
import { CopyOnWriteListMap, CopyOnWriteMap } from './copy-on-write.ts';

/** FHIR Consent.scope-like categories. */
export const CONSENT_SCOPES = ['treatment', 'research', 'patient-privacy'] as const;
/** HL7 v3 PurposeOfUse codes: treatment, emergency treatment, health research, payment. */
export const PURPOSES = ['TREAT', 'ETREAT', 'HRESCH', 'HPAYMT'] as const;
export type Purpose = (typeof PURPOSES)[number];

/**
 * The purposes a consent of each scope can permit: a treatment consent, (emergency) treatment; a
 * research consent, research; a privacy consent governs disclosure for any purpose (FHIR R4
 * Consent.scope: treatment, research, patient-privacy). A grant whose purpose falls outside its
 * scope is refused, so a research consent never permits a treatment read nor the reverse.
 */
const SCOPE_PURPOSES: Readonly<Record<(typeof CONSENT_SCOPES)[number], readonly Purpose[]>> = {
  treatment: ['TREAT', 'ETREAT'],
  research: ['HRESCH'],
  'patient-privacy': PURPOSES,
};

/** Never changed in place: a revocation replaces the record, so replicas copied from one genesis share the records they have not changed. */
export interface ConsentRecord {
  readonly patient: string;
  readonly grantee: string;
  readonly scope: (typeof CONSENT_SCOPES)[number];
  readonly purpose: Purpose;
  readonly periodStartUs: number;
  readonly periodEndUs: number;
  readonly provision: 'permit' | 'deny';
  readonly status: 'active' | 'inactive';
  /** Height of the block that revoked it; -1 while active. */
  readonly revokedHeight: number;
}

export class ConsentContract {
  private readonly records = new CopyOnWriteMap<string, ConsentRecord>();
  /** Consent ids by patient, in grant order. */
  private readonly byPatient = new CopyOnWriteListMap<string, string>();
  /**
   * Digest of the state as a hash chain over every grant and revocation in commit order: replicas
   * that applied the same changes agree, at one hash per change (re-hashing tens of thousands of
   * consents at every height is what a regional run cannot afford).
   */
  private head = '0'.repeat(64);

  grant(args: Readonly<Record<string, unknown>>): string {
    const id = str(args, 'consent');
    touchState();
    if (this.records.has(id)) throw new CallRejected('consent-exists');
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
    if (!SCOPE_PURPOSES[c.scope].includes(c.purpose)) throw new CallRejected('bad-arg:purpose-outside-scope');
    touchState(2); // the record and the patient's index
    this.records.set(id, c);
    this.byPatient.push(c.patient, id);
    this.head = sha256Hex(`${this.head}|grant|${JSON.stringify(id)}|${JSON.stringify(c.patient)}|${JSON.stringify(c.grantee)}|${c.scope}|${c.purpose}|${c.periodStartUs}|${c.periodEndUs}|${c.provision}`);
    return id;
  }

  /** Make this contract an independent copy of `source`'s state (a replica starting from a shared genesis). */
  copyFrom(source: ConsentContract): void {
    // The tables' entries until either changes one; the records themselves always (none is changed in place).
    this.records.shareFrom(source.records);
    this.byPatient.shareFrom(source.byPatient);
    this.head = source.head;
  }

  /** Every consent's current record. */
  get consents(): ReadonlyMap<string, ConsentRecord> {
    return this.records;
  }

  /** Only the consenting patient (by pseudonym) may revoke. */
  revoke(args: Readonly<Record<string, unknown>>, height: number): string {
    const id = str(args, 'consent');
    touchState();
    const c = this.records.get(id);
    if (c === undefined) throw new CallRejected('unknown-consent');
    if (c.patient !== str(args, 'patient')) throw new CallRejected('not-consent-owner');
    if (c.status !== 'active') throw new CallRejected('consent-inactive');
    touchState();
    this.records.set(id, { ...c, status: 'inactive', revokedHeight: height });
    this.head = sha256Hex(`${this.head}|revoke|${JSON.stringify(id)}|${height}`);
    return id;
  }

  /**
   * The consent that permits `grantee` to use `patient`'s data for `purpose` at `timeUs`, or
   * undefined. An applicable deny provision wins over any permit (FHIR: deny is the safer reading).
   */
  permitting(patient: string, grantee: string, purpose: Purpose, timeUs: number): string | undefined {
    const records = this.records;
    touchState();
    const ids = this.byPatient.get(patient);
    if (ids === undefined) return undefined;
    touchState(ids.length); // each of the patient's consents is read
    let found: string | undefined;
    for (const id of ids) {
      const c = records.get(id)!;
      if (c.status !== 'active' || c.grantee !== grantee || c.purpose !== purpose) continue;
      if (timeUs < c.periodStartUs || timeUs >= c.periodEndUs) continue;
      if (c.provision === 'deny') return undefined;
      found ??= id;
    }
    return found;
  }

  digest(): string {
    return `${this.records.size}:${this.head}`;
  }
}
