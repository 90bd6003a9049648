/**
 * The records stores actually served, judged against what honest replicas committed: audit
 * completeness and consent enforcement measured where a violation shows, not at the contract that
 * would have to commit it (there both hold by construction: the call that decides an access appends
 * its audit entry and refuses inactive consents).
 *
 * Requests are keyed by requester and id (requestKey), as AccessControl keys them: ids are their
 * requester's own and predictable (`req_<host>_<seq>`), so another reader's request of the same id
 * is another request, whose permit or entry neither replaces nor audits this one's.
 *
 * Audited: the served read names a request whose access entry (type access or break-glass, outcome
 * success, agent the reader, entity the record's patient) is in an honest replica's AuditLog,
 * recorded (block time) no later than AUDIT_GRACE_US after the read, and no earlier read used that
 * entry: a permit opens one read (store.ts spends it), so one entry audits one read, and a second
 * read naming a request already served (a permit's id and grantee copied from the chain) is
 * unaudited. A read that names no request can never be audited. An honest store serves only once its node has executed the permitting
 * block (store.ts), so an honest read's entry always precedes it; the grace allows an entry that
 * commits just after the read (a store acting on a decision its node had before the honest
 * replicas committed it). The one undecidable case is a read in the run's last AUDIT_GRACE_US whose
 * request has no entry yet: its entry may commit after the end, so it is left unjudged (neither
 * audited nor unaudited) and the check's detail says how many.
 *
 * Consent violation: a record served under a permit (decision 'permit', at its first execution)
 * whose consent, in the committed Consent state, does not cover it: unknown, another patient or
 * grantee, a deny provision, a block time outside the consent's period (expired or not yet valid),
 * a block after the one that revoked it (same-block order is the contract's), or served after the
 * revocation committed, whatever the permit's height: a revoked consent lets nothing more be read
 * (FHIR Consent.status inactive), and a permit decided before the revocation is no licence to read
 * after it. The revocation commits when the first honest replica executes it (an honest replica
 * executes only committed blocks). Break-glass reads are permitted by policy and audited instead;
 * reads with no permit at all are audit failures.
 */
import { requestKey, type AccessDecision, type AuditEntry, type ConsentRecord, type ContractOutcome } from '../contracts/index.ts';
import type { IomtEvent } from './events.ts';

/** How long after a read its access entry may be recorded and still count as its audit. */
export const AUDIT_GRACE_US = 5_000_000;

type RecordServed = Extract<IomtEvent, { kind: 'iomt-record-served' }>;

interface ServedRead {
  /** `<store host>:<serial>`: how attacks' ground truth names a served record. */
  readonly id: string;
  readonly request: string;
  readonly requester: string;
  readonly patient: string;
  readonly servedUs: number;
}

interface Permit {
  readonly decision: AccessDecision;
  readonly consent: string;
  readonly height: number;
  readonly blockTimeUs: number;
}

export interface ServedVerdicts {
  readonly served: number;
  /** Served reads judged (all but those at the end whose entry may still come). */
  readonly judged: number;
  readonly audited: number;
  /** Ids (`<store host>:<serial>`) of the judged reads without their audit entry. */
  readonly unaudited: readonly string[];
  /** Reads served under a permit that named a consent. */
  readonly underConsent: number;
  readonly consentViolations: number;
  /** Of those, reads served after their consent's revocation committed. */
  readonly afterRevocation: number;
  /**
   * Over the consents whose revocation committed, the longest time from a revocation committing to
   * the last read served under its consent after it (0: none was); NaN when no revocation committed.
   */
  readonly revokedReadWindowUs: number;
}

export class ServedReads {
  private readonly reads: ServedRead[] = [];
  /** Permits by requestKey. */
  private readonly permits = new Map<string, Permit>();
  private last: ServedVerdicts | undefined;

  onServed(e: RecordServed, nowUs: number): void {
    this.reads.push({ id: `${e.store}:${e.serial}`, request: e.request, requester: e.requester, patient: e.patient, servedUs: nowUs });
  }

  /** An access decision at its first execution (the collector passes each transaction once). */
  onAccess(o: Extract<ContractOutcome, { kind: 'access' }>): void {
    const a = o.access;
    this.permits.set(requestKey(a.requester, a.request), { decision: a.decision, consent: a.consent, height: o.height, blockTimeUs: o.blockTimeUs });
  }

  /**
   * `audit`: the access and break-glass entries of honest replicas by requestKey(agent, ref);
   * `consents`: the committed Consent state; `revokedUs`: when each revocation committed.
   */
  judge(endUs: number, audit: ReadonlyMap<string, AuditEntry>, consents: ReadonlyMap<string, ConsentRecord>, revokedUs: ReadonlyMap<string, number>): ServedVerdicts {
    let judged = 0, audited = 0, underConsent = 0, consentViolations = 0, afterRevocation = 0;
    const unaudited: string[] = [];
    const used = new Set<string>();
    /** Per consent, the latest read served under it after its revocation committed. */
    const lastReadAfterRevocationUs = new Map<string, number>();
    for (const r of this.reads) {
      const key = requestKey(r.requester, r.request);
      const reused = used.has(key);
      const entry = r.request === '' || reused ? undefined : audit.get(key);
      if (entry === undefined && r.request !== '' && !reused && r.servedUs + AUDIT_GRACE_US > endUs) {
        // Unjudged: its entry may commit after the end.
      } else if (entry !== undefined && entry.outcome === 'success' && entry.entity === r.patient && entry.recordedUs <= r.servedUs + AUDIT_GRACE_US) {
        judged++;
        audited++;
        used.add(key);
      } else {
        judged++;
        unaudited.push(r.id);
      }
      const p = this.permits.get(key);
      if (p === undefined || p.decision !== 'permit') continue;
      underConsent++;
      const revoked = revokedUs.get(p.consent);
      const afterRevoked = revoked !== undefined && r.servedUs > revoked;
      if (afterRevoked) {
        afterRevocation++;
        lastReadAfterRevocationUs.set(p.consent, r.servedUs);
      }
      if (afterRevoked || !consentCovers(consents.get(p.consent), p, r)) consentViolations++;
    }
    let revokedReadWindowUs = revokedUs.size === 0 ? NaN : 0;
    for (const [consent, lastUs] of lastReadAfterRevocationUs) revokedReadWindowUs = Math.max(revokedReadWindowUs, lastUs - revokedUs.get(consent)!);
    this.last = { served: this.reads.length, judged, audited, unaudited, underConsent, consentViolations, afterRevocation, revokedReadWindowUs };
    return this.last;
  }

  /** The verdicts of the last `judge` (the world's finish): what attacks score against their ground truth. */
  verdicts(): ServedVerdicts {
    if (this.last === undefined) throw new Error('served reads not judged yet: finish the world first');
    return this.last;
  }
}

/**
 * The access and break-glass entries of honest replicas' AuditLogs (`audits`, in node order) by the
 * request they record, requestKey(agent, ref): the first replica to hold an entry gives it.
 */
export function accessEntriesByRequest(audits: readonly { readonly entries: readonly AuditEntry[] }[]): Map<string, AuditEntry> {
  const byRequest = new Map<string, AuditEntry>();
  for (const a of audits) {
    for (const e of a.entries) {
      const key = requestKey(e.agent, e.ref);
      if (!byRequest.has(key)) byRequest.set(key, e);
    }
  }
  return byRequest;
}

function consentCovers(c: ConsentRecord | undefined, p: Permit, r: ServedRead): boolean {
  if (c === undefined || c.provision !== 'permit' || c.patient !== r.patient || c.grantee !== r.requester) return false;
  if (p.blockTimeUs < c.periodStartUs || p.blockTimeUs >= c.periodEndUs) return false;
  return c.revokedHeight < 0 || c.revokedHeight >= p.height;
}
