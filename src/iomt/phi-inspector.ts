/**
 * Inspects what actually went on chain for protected health information (GDPR art. 17, HIPAA
 * §164.312: the chain may hold digests, pointers, pseudonyms and permissions only). Every argument
 * of every committed contract call is classified; an argument that breaks a rule is counted as PHI,
 * all of its bytes (`iomt.phi_bytes_on_chain`, check `iomt.no_phi_on_chain`).
 *
 * Rules, in order:
 * 1. Known fields only. A field not in ALLOWED_FIELDS below is PHI, whatever it holds: a gateway
 *    that adds `spo2: 87` or `name: '…'` to an anchoring call is caught by the field alone.
 * 2. Each known field has a shape: a digest is 64 lower-case hex digits; a content pointer is
 *    `cas:` and a digest; an identifier the system mints (pseudonym, request, alert, consent,
 *    device) is its kind's prefix (`pt_`, `cl_`, `rs_`, `req_`, `alr_`, `con_`, `dev_`) and an
 *    opaque token of lower-case letters, digits and underscores, at most 64 characters; a code is
 *    a letter then at most 31 letters, digits or hyphens; a counter is a non-negative safe integer;
 *    `breakGlass` is a boolean. A value of another shape (a reading's 87.5 in `readings`, free
 *    text in `evidence`) is PHI. Shapes do not fix how a token is made: pseudonyms are salted
 *    hashes (pseudonym.ts), an attack's injected clinician is `cl_misuse_0`; neither names a person.
 * 3. No real identifier anywhere. Every string (and the JSON of every other value) is split into
 *    words at every character that is not a letter or digit, lower-cased, and each word and each
 *    pair of adjacent words is looked up among the patients' real identifiers (record numbers and
 *    "given family" names, lower-cased): `con_ada_lovelace`, `pt_mrn0000001` or a note that names
 *    the patient are PHI even where their shape is allowed. A lookup per word keeps the cost
 *    independent of the number of patients.
 *
 * How a leak is found (the phi-leak attack, scenarios/attacks/phi-leak.yaml): a misconfigured
 * gateway that adds its batch's reading values to an anchoring call is caught by rule 1 (`values`
 * is no allowed field); one that writes `patient: pt_mrn0000003` where the salted pseudonym
 * belongs passes rules 1 and 2 and is caught by rule 3 alone. The inspector knows nothing of the
 * attack: it names the transactions it flagged (`flaggedTxs`), and the attack scores them against
 * the anchors it made leak (attack.phi_leak.recall, attack.phi_leak.false_positives).
 */
import type { Transaction } from '../ledger/index.ts';

/** Identifiers the system mints: kind prefix, then an opaque lower-case token. */
function minted(prefix: string): (v: unknown) => boolean {
  const shape = new RegExp(`^${prefix}_[0-9a-z_]{1,64}$`);
  return (v) => typeof v === 'string' && shape.test(v);
}

/** Fields whose values are codes or counters, with the shape each must have. */
const ALLOWED_FIELDS: Record<string, (v: unknown) => boolean> = {
  // digests and content addresses
  root: isDigest,
  evidence: isDigest,
  pointer: (v) => typeof v === 'string' && /^cas:[0-9a-f]{64}$/.test(v),
  // pseudonyms and system identifiers
  patient: minted('pt'),
  requester: minted('(?:cl|rs)'),
  grantee: minted('(?:cl|rs)'),
  device: minted('dev'),
  request: minted('req'),
  alert: minted('alr'),
  consent: minted('con'),
  keyId: (v) => typeof v === 'string' && /^[0-9]+$/.test(v),
  // codes
  purpose: isCode,
  scope: isCode,
  provision: isCode,
  rule: isCode,
  status: isCode,
  deviceType: isCode,
  breakGlass: (v) => typeof v === 'boolean',
  // counters and host ids (not about a person)
  gateway: isCount,
  batch: isCount,
  readings: isCount,
  // consent validity period: permissions, by FHIR Consent.period
  periodStartUs: isCount,
  periodEndUs: isCount,
};

function isDigest(v: unknown): boolean {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
}
function isCode(v: unknown): boolean {
  return typeof v === 'string' && /^[A-Za-z][A-Za-z0-9-]{0,31}$/.test(v);
}
function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

export class PhiInspector {
  phiBytes = 0;
  inspectedTxs = 0;
  /** Field names found carrying PHI (for the report). */
  readonly offendingFields = new Set<string>();
  /** Ids of the transactions found carrying PHI (an attack's ground truth scores them). */
  readonly flaggedTxs = new Set<number>();

  private readonly identifiers: ReadonlySet<string>;

  /**
   * `identifiers`: the real names ("Given Family") and record numbers of patients, which must never
   * appear, in any letter case (rule 3).
   */
  constructor(identifiers: readonly string[]) {
    this.identifiers = new Set(identifiers.map((i) => i.toLowerCase()));
  }

  inspect(tx: Transaction): void {
    const call = tx.call;
    if (call === undefined) return;
    this.inspectedTxs++;
    for (const [field, value] of Object.entries(call.args)) {
      const allowed = ALLOWED_FIELDS[field];
      const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
      if (allowed === undefined || !allowed(value) || this.containsIdentifier(text)) {
        this.phiBytes += Buffer.byteLength(text, 'utf8');
        this.offendingFields.add(field);
        this.flaggedTxs.add(tx.id);
      }
    }
  }

  private containsIdentifier(text: string): boolean {
    const words = text.toLowerCase().split(/[^a-z0-9]+/);
    for (let i = 0; i < words.length; i++) {
      if (this.identifiers.has(words[i]!)) return true;
      if (i > 0 && this.identifiers.has(`${words[i - 1]} ${words[i]}`)) return true;
    }
    return false;
  }
}
