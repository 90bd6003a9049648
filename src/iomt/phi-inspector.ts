/**
 * Inspects what actually went on chain for protected health information (GDPR art. 17, HIPAA
 * §164.312: the chain may hold digests, pointers, pseudonyms and permissions only). Every argument
 * of every committed contract call is classified; whatever is not one of the allowed shapes is
 * counted as PHI, byte for byte. The inspector knows the patients' real identifiers (names and
 * record numbers) and flags any string that contains one, whatever its field.
 */
import type { Transaction } from '../ledger/index.ts';

/** Fields whose values are codes or counters, with the shape each must have. */
const ALLOWED_FIELDS: Record<string, (v: unknown) => boolean> = {
  // digests and content addresses
  root: isDigest,
  evidence: isDigest,
  pointer: (v) => typeof v === 'string' && /^cas:[0-9a-f]{64}$/.test(v),
  // pseudonyms and system identifiers
  patient: isPseudonym,
  requester: isPseudonym,
  grantee: isPseudonym,
  device: (v) => typeof v === 'string' && /^dev_[0-9]+$/.test(v),
  request: (v) => typeof v === 'string' && /^req_[0-9]+_[0-9]+$/.test(v),
  alert: (v) => typeof v === 'string' && /^alr_[0-9]+_[0-9]+$/.test(v),
  consent: (v) => typeof v === 'string' && /^con_[0-9a-z_]+$/.test(v),
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
function isPseudonym(v: unknown): boolean {
  return typeof v === 'string' && /^(pt|cl|rs)_[0-9a-f]{16}$/.test(v);
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

  private readonly identifiers: ReadonlySet<string>;

  /**
   * `identifiers`: the real names ("Given Family") and record numbers of patients, which must never
   * appear. Strings are split into words, and each word and each pair of adjacent words is looked
   * up, so the check costs the same however many patients there are.
   */
  constructor(identifiers: readonly string[]) {
    this.identifiers = new Set(identifiers);
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
      }
    }
  }

  private containsIdentifier(text: string): boolean {
    const words = text.split(/[^A-Za-z0-9]+/);
    for (let i = 0; i < words.length; i++) {
      if (this.identifiers.has(words[i]!)) return true;
      if (i > 0 && this.identifiers.has(`${words[i - 1]} ${words[i]}`)) return true;
    }
    return false;
  }
}
