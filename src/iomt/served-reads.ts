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
 * its decision time (below) no later than AUDIT_GRACE_US after the read, and no earlier read used
 * that entry: a permit opens one read (store.ts spends it), so one entry audits one read, and a second
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
 * grantee, a deny provision, a decision time outside the consent's period (expired or not yet
 * valid), served at or after the period's end (a permit decided in time opens no read once its
 * consent has expired; stores know the end from the decision's notice), a block after the one that revoked it (same-block order is the contract's), or served
 * more than REVOCATION_GRACE_US after the revocation committed, whatever the permit's height: a
 * revoked consent lets nothing more be read (FHIR Consent.status inactive), and a permit decided
 * before the revocation is no licence to read after it. The revocation commits when the first
 * honest replica executes it (an honest replica executes only committed blocks); a store learns of
 * it from its node's notice, so a read that reached an honest store within the grace, before that
 * notice, is counted among the reads after the revocation (iomt.records_served_after_revocation)
 * but is not a violation, as an audit entry may commit within AUDIT_GRACE_US of its read.
 * Break-glass reads are permitted by policy and audited instead; reads with no permit at all are
 * audit failures.
 *
 * Decision time: the contract decides, and records its audit entry, at the block's timestamp,
 * which its leader stamps. Replicas' clocks agree in the model, so an honest leader's stamp lies
 * between the request's submission and the decision's first execution; outside that, it is not
 * when the leader proposed (a Byzantine leader's stamp within the bounds of
 * src/protocols/block-time.ts), and the decision is judged at the nearest time it could have been
 * made. Judged at the stamp itself, a leader that stamps the past had every expired consent
 * honoured and no violation counted; judged at the first execution, an honest block stamped before
 * a consent's end and executed after it counted one. (A Clique signer sealing out of turn takes
 * requests that arrived during its wiggle, after its stamp: such a request is judged at its
 * submission, permitted after the consent's end as attack.consent_misuse counts it.)
 */
import { requestKey, type AccessDecision, type AuditEntry, type ConsentRecord, type ContractOutcome } from '../contracts/index.ts';
import type { IomtEvent } from './events.ts';

/** How long after a read its access entry may be recorded and still count as its audit. */
export const AUDIT_GRACE_US = 5_000_000;
/** How long after a revocation commits a store may serve under it, before its node's notice, without a violation (the audit's grace). */
export const REVOCATION_GRACE_US = AUDIT_GRACE_US;

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
  /** The block's timestamp, brought within [submitted, first executed] (the decision time above). */
  readonly decidedUs: number;
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

  /** An access decision at its first execution, at `nowUs` (the collector passes each transaction once). */
  onAccess(o: Extract<ContractOutcome, { kind: 'access' }>, nowUs: number): void {
    const a = o.access;
    const decidedUs = Math.min(Math.max(o.blockTimeUs, o.tx.submittedUs), nowUs);
    this.permits.set(requestKey(a.requester, a.request), { decision: a.decision, consent: a.consent, height: o.height, decidedUs });
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
      const p = this.permits.get(key);
      if (entry === undefined && r.request !== '' && !reused && r.servedUs + AUDIT_GRACE_US > endUs) {
        // Unjudged: its entry may commit after the end.
      } else if (entry !== undefined && p !== undefined && entry.outcome === 'success' && entry.entity === r.patient && p.decidedUs <= r.servedUs + AUDIT_GRACE_US) {
        judged++;
        audited++;
        used.add(key);
      } else {
        judged++;
        unaudited.push(r.id);
      }
      if (p === undefined || p.decision !== 'permit') continue;
      underConsent++;
      const revoked = revokedUs.get(p.consent);
      const afterRevoked = revoked !== undefined && r.servedUs > revoked;
      if (afterRevoked) {
        afterRevocation++;
        lastReadAfterRevocationUs.set(p.consent, r.servedUs);
      }
      const beyondGrace = afterRevoked && r.servedUs > revoked! + REVOCATION_GRACE_US;
      if (beyondGrace || !consentCovers(consents.get(p.consent), p, r)) consentViolations++;
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
  if (p.decidedUs < c.periodStartUs || p.decidedUs >= c.periodEndUs || r.servedUs >= c.periodEndUs) return false;
  return c.revokedHeight < 0 || c.revokedHeight >= p.height;
}
