/**
 * Consent bypass through an expired or revoked consent: a clinician who once held the patient's
 * consent keeps asking AccessControl for the patient's records after the consent stopped applying,
 * and reads the store under every permit it gets. The attack scripts the patient's side too, on a
 * host of its own that acts for the patient (ScriptedPatient below, bound to the patient on chain
 * at genesis as the patient's portal is: the former grantee's host cannot grant or revoke in the
 * patient's name): the grant at `start` (for `validFor` when mode is 'expired') and, when mode is
 * 'revoked', the patient's revocation `validFor` after the grant committed; it tells the former
 * grantee when each happened. With `holdPermits` the grantee holds each permit before reading under
 * it, so that the permits decided just before the revocation are read after it commits, which the
 * stores must refuse (they withdraw held permits on the revocation, src/iomt/store.ts). The
 * grantee's requests and reads go through a clinician's own code
 * path (src/iomt/access-requester.ts), decided, reported and checked like any other: AccessControl
 * does not know intent. Each request's submission time, committed height, decision and read are
 * kept as well, so the plan can judge them against the consent's end (ground truth) rather than
 * trusting the decisions.
 */
import type { Actor, ActorContext, HostId, TimerTag } from '../../../sim/index.ts';
import type { CryptoCosts, Transaction, Verifier } from '../../ledger/index.ts';
import type { ReplyMessage } from '../../protocols/types.ts';
import { AccessRequester, type AccessTarget } from '../../iomt/access-requester.ts';
import { emitIomt } from '../../iomt/events.ts';
import { LedgerClient, type LedgerEndpoint, type LedgerOwner } from '../../iomt/ledger-client.ts';
import type { GetReply } from '../../iomt/messages.ts';
import { NodeQueries, type NodeEndpoint } from '../../iomt/node-link.ts';
import type { NodeAnswer, NodeAnswerBody } from '../../iomt/node-messages.ts';
import type { ReaderCredential } from '../../iomt/reader-credential.ts';

export interface ConsentMisuseOptions {
  readonly end?: number | undefined;
  readonly ratePerSec: number;
  /** How long the former grantee holds each permit before it reads under it (0: at once). */
  readonly holdPermitsUs: number;
  readonly ledger: LedgerEndpoint;
  /** The misuser's organisation's node, which it asks for decisions. */
  readonly node: NodeEndpoint;
  /** The patient who grants, then loses, the consent, and the device (in its store) whose latest record is read. */
  readonly target: AccessTarget;
  /** The former grantee's pseudonym, certified, and its key: it was enrolled as any clinician is. */
  readonly credential: ReaderCredential;
  readonly verifier: Verifier;
  readonly crypto: CryptoCosts;
}

/** The scripted patient's side, as it tells the former grantee (times are when each happened). */
export type ConsentNews =
  | { readonly kind: 'consent-news'; readonly what: 'granted'; readonly periodEndUs: number }
  | { readonly kind: 'consent-news'; readonly what: 'revoke-submitted'; readonly submittedUs: number }
  | { readonly kind: 'consent-news'; readonly what: 'revoked'; readonly height: number };

export const CONSENT_NEWS_BYTES = 64;

export interface MisuseRequest {
  readonly submittedUs: number;
  height: number;
  /** When the decision reached the requester (its node executed the block). */
  decidedUs: number;
  decision: string;
  read: boolean;
}

const TOKEN_GRANT = -1;
const TOKEN_REVOKE = -2;
const TIMER_START = 0;
const TIMER_REQUEST = 1;
const TIMER_REVOKE = 2;
const TIMER_RETRANSMIT = 3;
/** The read under a held permit: this plus the request's token. */
const TIMER_READ_BASE = 4;

export class ConsentMisuser implements Actor<unknown>, LedgerOwner {
  private readonly queries: NodeQueries;
  private readonly ledger: LedgerClient;
  private readonly access: AccessRequester;
  readonly requests: MisuseRequest[] = [];
  /** End of the consent's period (mode 'expired'); Infinity otherwise. */
  periodEndUs = Infinity;
  revokeSubmittedUs = Infinity;
  revokeHeight = Infinity;
  grantedUs = Infinity;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: ConsentMisuseOptions) {
    this.queries = new NodeQueries(ctx, o.node);
    this.ledger = new LedgerClient(ctx, o.ledger, this.queries, this);
    this.access = new AccessRequester(ctx, this.ledger, this.queries, o.credential, o.verifier, o.crypto, 'clinician');
  }

  onStart(): void {
    this.ctx.setTimer(this.o.ledger.retransmitUs, TIMER_RETRANSMIT);
  }

  onTimer(tag: TimerTag): void {
    const ctx = this.ctx;
    const o = this.o;
    switch (tag) {
      case TIMER_RETRANSMIT:
        this.ledger.retransmit();
        this.access.giveUpUnanswered();
        ctx.setTimer(o.ledger.retransmitUs, TIMER_RETRANSMIT);
        return;
      case TIMER_REQUEST: {
        if (o.end !== undefined && ctx.nowUs >= o.end) return;
        const token = this.requests.length;
        const tx = this.access.request(token, `req_misuse_${ctx.self}_${token}`, o.target, 'TREAT', false);
        this.requests.push({ submittedUs: tx.submittedUs, height: -1, decidedUs: -1, decision: 'pending', read: false });
        ctx.setTimer(1e6 / o.ratePerSec, TIMER_REQUEST);
        return;
      }
      default:
        this.access.read(tag - TIMER_READ_BASE);
    }
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as ReplyMessage | GetReply | NodeAnswer | ConsentNews;
    if (m.kind === 'reply') {
      this.ledger.onReply(from, m);
      return;
    }
    if (m.kind === 'node-answer') {
      if (!this.ledger.onNodeAnswer(m)) this.access.onAnswer(m);
      return;
    }
    if (m.kind === 'get-reply' && this.access.onRecord(m) === true) this.requests[m.token]!.read = true;
    else if (m.kind === 'consent-news') this.onNews(m);
  }

  /** What the patient's side did: the grant committed (start requesting), the revocation submitted, then committed. */
  private onNews(m: ConsentNews): void {
    if (m.what === 'granted') {
      if (this.grantedUs !== Infinity) return;
      this.grantedUs = this.ctx.nowUs;
      this.periodEndUs = m.periodEndUs;
      this.ctx.setTimer(0, TIMER_REQUEST);
    } else if (m.what === 'revoke-submitted') this.revokeSubmittedUs = m.submittedUs;
    else this.revokeHeight = m.height;
  }

  /** A transaction confirmed (the grant and requests: and executed by the misuser's node, which answered). */
  onLedgerOutcome(token: number, tx: Transaction, height: number, answer: NodeAnswerBody | undefined): void {
    const ctx = this.ctx;
    const hold = this.o.holdPermitsUs;
    const decision = this.access.decided(token, tx, answer, hold === 0);
    if (decision === undefined) return;
    if (hold > 0 && (decision === 'permit' || decision === 'break-glass')) ctx.setTimer(hold, TIMER_READ_BASE + token);
    const r = this.requests[token]!;
    r.height = height;
    r.decidedUs = ctx.nowUs;
    r.decision = decision;
  }
}

export interface ScriptedPatientOptions {
  readonly start: number;
  readonly mode: 'expired' | 'revoked';
  readonly validForUs: number;
  readonly ledger: LedgerEndpoint;
  readonly node: NodeEndpoint;
  /** The patient this host acts for (bound to it on chain at genesis). */
  readonly patient: string;
  /** The former grantee: its pseudonym (the consent's grantee) and host (told what happened). */
  readonly grantee: string;
  readonly granteeHost: HostId;
  readonly consent: string;
  /** Consent period end when the mode is 'revoked' (past the run). */
  readonly farEndUs: number;
  /**
   * Told once, when the grant has committed (the attack's ground truth is recorded then), with this
   * host's context (to emit labels as model events).
   */
  readonly onGranted?: (ctx: ActorContext<unknown>) => void;
}

/**
 * The patient's side of the consent-misuse attack, from a host that acts for the patient (as its
 * portal does): grants the consent at `start`, and in mode 'revoked' revokes it `validFor` after
 * the grant committed at its node; tells the former grantee each step (ConsentNews).
 */
export class ScriptedPatient implements Actor<unknown>, LedgerOwner {
  private readonly queries: NodeQueries;
  private readonly ledger: LedgerClient;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: ScriptedPatientOptions) {
    this.queries = new NodeQueries(ctx, o.node);
    this.ledger = new LedgerClient(ctx, o.ledger, this.queries, this);
  }

  onStart(): void {
    this.ctx.setTimer(Math.max(0, this.o.start - this.ctx.nowUs), TIMER_START);
    this.ctx.setTimer(this.o.ledger.retransmitUs, TIMER_RETRANSMIT);
  }

  private tell(news: ConsentNews): void {
    this.ctx.send(this.o.granteeHost, news, CONSENT_NEWS_BYTES);
  }

  onTimer(tag: TimerTag): void {
    const ctx = this.ctx;
    const o = this.o;
    switch (tag) {
      case TIMER_RETRANSMIT:
        this.ledger.retransmit();
        ctx.setTimer(o.ledger.retransmitUs, TIMER_RETRANSMIT);
        return;
      case TIMER_START: {
        const periodEndUs = o.mode === 'expired' ? ctx.nowUs + o.validForUs : o.farEndUs;
        this.periodEndUs = o.mode === 'expired' ? periodEndUs : Infinity;
        this.ledger.submit({ contract: 'Consent', method: 'grant', args: { consent: o.consent, patient: o.patient, grantee: o.grantee, scope: 'treatment', purpose: 'TREAT', periodStartUs: ctx.nowUs, periodEndUs, provision: 'permit' } }, TOKEN_GRANT, { q: 'height' });
        return;
      }
      case TIMER_REVOKE: {
        const tx = this.ledger.submit({ contract: 'Consent', method: 'revoke', args: { consent: o.consent, patient: o.patient } }, TOKEN_REVOKE);
        emitIomt(ctx, { kind: 'iomt-revoke-submitted', consent: o.consent, tx: tx.id, submittedUs: tx.submittedUs });
        this.tell({ kind: 'consent-news', what: 'revoke-submitted', submittedUs: tx.submittedUs });
        return;
      }
    }
  }

  /** End of the consent's period (mode 'expired'); Infinity otherwise. */
  private periodEndUs = Infinity;

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as ReplyMessage | NodeAnswer;
    if (m.kind === 'reply') this.ledger.onReply(from, m);
    else if (m.kind === 'node-answer' && !this.ledger.onNodeAnswer(m)) this.queries.answered(m);
  }

  onLedgerOutcome(token: number, _tx: Transaction, height: number): void {
    if (token === TOKEN_GRANT) {
      this.o.onGranted?.(this.ctx);
      if (this.o.mode === 'revoked') this.ctx.setTimer(this.o.validForUs, TIMER_REVOKE);
      this.tell({ kind: 'consent-news', what: 'granted', periodEndUs: this.periodEndUs });
    } else if (token === TOKEN_REVOKE) this.tell({ kind: 'consent-news', what: 'revoked', height });
  }
}
