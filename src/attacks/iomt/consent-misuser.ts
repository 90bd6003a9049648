/**
 * Consent bypass through an expired or revoked consent: a clinician who once held the patient's
 * consent keeps asking AccessControl for the patient's records after the consent stopped applying,
 * and reads the store under every permit it gets. The attack scripts the patient's side too: the
 * grant at `start` (for `validFor` when mode is 'expired') and, when mode is 'revoked', the
 * patient's revocation `validFor` after the grant committed. Its requests and reads go through a
 * clinician's own code path (src/iomt/access-requester.ts), decided, reported and checked like any
 * other: AccessControl does not know intent. Each request's submission time, committed height,
 * decision and read are kept as well, so the plan can judge them against the consent's end (ground
 * truth) rather than trusting the decisions.
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
  readonly start: number;
  readonly end?: number | undefined;
  readonly mode: 'expired' | 'revoked';
  readonly validForUs: number;
  readonly ratePerSec: number;
  readonly ledger: LedgerEndpoint;
  /** The misuser's organisation's node, which it asks for decisions. */
  readonly node: NodeEndpoint;
  /** The patient who grants, then loses, the consent, and the device (in its store) whose latest record is read. */
  readonly target: AccessTarget;
  /** The former grantee's pseudonym, certified, and its key: it was enrolled as any clinician is. */
  readonly credential: ReaderCredential;
  readonly verifier: Verifier;
  readonly crypto: CryptoCosts;
  readonly consent: string;
  /** Consent period end when the mode is 'revoked' (past the run). */
  readonly farEndUs: number;
}

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
    this.access = new AccessRequester(ctx, this.ledger, this.queries, o.credential, o.verifier, o.crypto.signUs, 'clinician');
  }

  onStart(): void {
    this.ctx.setTimer(Math.max(0, this.o.start - this.ctx.nowUs), TIMER_START);
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
      case TIMER_START: {
        if (o.mode === 'expired') this.periodEndUs = ctx.nowUs + o.validForUs;
        const periodEndUs = o.mode === 'expired' ? this.periodEndUs : o.farEndUs;
        this.ledger.submit({ contract: 'Consent', method: 'grant', args: { consent: o.consent, patient: o.target.pseudonym, grantee: o.credential.certificate.requester, scope: 'treatment', purpose: 'TREAT', periodStartUs: ctx.nowUs, periodEndUs, provision: 'permit' } }, TOKEN_GRANT, { q: 'height' });
        return;
      }
      case TIMER_REVOKE: {
        const tx = this.ledger.submit({ contract: 'Consent', method: 'revoke', args: { consent: o.consent, patient: o.target.pseudonym } }, TOKEN_REVOKE);
        this.revokeSubmittedUs = tx.submittedUs;
        emitIomt(ctx, { kind: 'iomt-revoke-submitted', consent: o.consent, submittedUs: tx.submittedUs });
        return;
      }
      default: {
        if (o.end !== undefined && ctx.nowUs >= o.end) return;
        const token = this.requests.length;
        const tx = this.access.request(token, `req_misuse_${ctx.self}_${token}`, o.target, 'TREAT', false);
        this.requests.push({ submittedUs: tx.submittedUs, height: -1, decidedUs: -1, decision: 'pending', read: false });
        ctx.setTimer(1e6 / o.ratePerSec, TIMER_REQUEST);
      }
    }
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as ReplyMessage | GetReply | NodeAnswer;
    if (m.kind === 'reply') {
      this.ledger.onReply(from, m);
      return;
    }
    if (m.kind === 'node-answer') {
      if (!this.ledger.onNodeAnswer(m)) this.access.onAnswer(m);
      return;
    }
    if (m.kind === 'get-reply' && this.access.onRecord(m) === true) this.requests[m.token]!.read = true;
  }

  /** A transaction confirmed (the grant and requests: and executed by the misuser's node, which answered). */
  onLedgerOutcome(token: number, tx: Transaction, height: number, answer: NodeAnswerBody | undefined): void {
    const ctx = this.ctx;
    if (token === TOKEN_GRANT) {
      this.grantedUs = ctx.nowUs;
      if (this.o.mode === 'revoked') ctx.setTimer(this.o.validForUs, TIMER_REVOKE);
      ctx.setTimer(0, TIMER_REQUEST);
      return;
    }
    if (token === TOKEN_REVOKE) {
      this.revokeHeight = height;
      return;
    }
    const decision = this.access.decided(token, tx, answer);
    if (decision === undefined) return;
    const r = this.requests[token]!;
    r.height = height;
    r.decidedUs = ctx.nowUs;
    r.decision = decision;
  }
}
