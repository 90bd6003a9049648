/**
 * What a requester of patients' records does with each access request: submit it to AccessControl,
 * report the decision its node answers (iomt-access-decided), read the patient's latest record from
 * its store under a permit or break-glass, and check the record's inclusion proof against the root
 * anchored on chain, as its node answers it (iomt-integrity-check). The honest clients (clients.ts)
 * and an attacker who asks AccessControl as a clinician would (a former grantee,
 * src/attacks/iomt/consent-misuser.ts) share it: the contract decides without knowing intent, so
 * the iomt.access_* and integrity counts cover every request it decided, and an attack's own
 * metrics say which were the attacker's. Not an actor: it borrows its owner's context, ledger
 * client and node queries.
 */
import type { ActorContext, HostId } from '../../sim/index.ts';
import { merkleProofCostUs, verifyMerkleProof, type CryptoCosts, type MerkleProof, type Transaction, type Verifier } from '../ledger/index.ts';
import { accessRequestCall } from './application-calls.ts';
import { emitIomt } from './events.ts';
import type { LedgerClient } from './ledger-client.ts';
import type { GetReply } from './messages.ts';
import type { NodeQueries } from './node-link.ts';
import type { NodeAnswer, NodeAnswerBody } from './node-messages.ts';
import { PERMIT_WAIT_US } from './store.ts';
import { READER_PROOF_BYTES, signedRead, type ReaderCredential } from './reader-credential.ts';

/** A read: its header, with the reader's certificate and signature. */
const GET_BYTES = 48 + READER_PROOF_BYTES;

/**
 * How long a reader waits for the store's answer to a read before it gives the read up as
 * unanswered (its store down, the read or the answer lost): the store's longest legitimate hold,
 * a read waiting PERMIT_WAIT_US for its permit notice before it is refused, plus 5 s for the
 * network and the store's queue. A real client's request timeout; the read is not retried, as its
 * permit may have been spent on a read whose answer was lost.
 */
export const READ_DEADLINE_US = PERMIT_WAIT_US + 5_000_000;

/** Whose record a request asks for: the patient (topology number and pseudonym) and the device read, in its store. */
export interface AccessTarget {
  readonly patient: number;
  readonly pseudonym: string;
  readonly device: number;
  readonly store: HostId;
}

export class AccessRequester {
  /** Requests awaiting a decision or a record, by token. */
  private readonly open = new Map<number, { readonly request: string; readonly target: AccessTarget; requestedUs: number }>();
  /** Records awaiting their anchored root from the node, by query id. */
  private readonly checking = new Map<number, { readonly request: string; readonly requestedUs: number; readonly record: Uint8Array; readonly proof: MerkleProof }>();

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly ledger: LedgerClient,
    private readonly queries: NodeQueries,
    /** The requester's credential: its pseudonym, as AccessControl and the stores know it, certified, and its key. */
    private readonly credential: ReaderCredential,
    private readonly verifier: Verifier,
    /** What signing a read and checking a record's proof cost the requester's host. */
    private readonly crypto: CryptoCosts,
    private readonly role: 'clinician' | 'researcher',
  ) {}

  private get requester(): string {
    return this.credential.certificate.requester;
  }

  /** Ask AccessControl for `target`'s records for `purpose`; the owner hands the outcome of `token` to `decided`. */
  request(token: number, request: string, target: AccessTarget, purpose: string, breakGlass: boolean): Transaction {
    this.open.set(token, { request, target, requestedUs: -1 });
    emitIomt(this.ctx, { kind: 'iomt-access-submitted', request, requester: this.requester, submittedUs: this.ctx.nowUs });
    return this.ledger.submit(accessRequestCall(request, this.requester, target.pseudonym, purpose, breakGlass), token, { q: 'access-decision', request });
  }

  /**
   * The request under `token` is confirmed and its node answered with the decision: report it and,
   * when permitted, ask the store for the record, at once unless `readNow` is false (the owner then
   * reads when it chooses, with `read`). Returns the decision; undefined when `token` is no open
   * request.
   */
  decided(token: number, tx: Transaction, answer: NodeAnswerBody | undefined, readNow = true): string | undefined {
    const open = this.open.get(token);
    if (open === undefined) return undefined;
    const decision = (answer?.q === 'access-decision' ? answer.decision : undefined) ?? 'unknown';
    emitIomt(this.ctx, { kind: 'iomt-access-decided', request: open.request, requester: this.requester, role: this.role, submittedUs: tx.submittedUs, decision, patient: open.target.patient });
    if (decision === 'permit' || decision === 'break-glass') {
      if (readNow) this.read(token);
    } else {
      this.open.delete(token);
    }
    return decision;
  }

  /** Ask the store for the record of the permitted request under `token`. */
  read(token: number): void {
    const open = this.open.get(token);
    if (open === undefined || open.requestedUs >= 0) return;
    const t = open.target;
    open.requestedUs = this.ctx.nowUs;
    const read = signedRead(this.credential, this.verifier, t.store, { kind: 'get', device: t.device, token, request: open.request, requester: this.requester });
    this.ctx.cpu(this.crypto.signUs);
    this.ctx.send(t.store, read, GET_BYTES);
  }

  /**
   * The store's reply to a read: a record is checked against its anchored root (integrity check on
   * every read); a refusal (no permit reached the store in time) and none found are reported as such. Returns whether the record came; undefined when the
   * reply answers no open read.
   */
  onRecord(m: GetReply): boolean | undefined {
    const open = this.open.get(m.token);
    if (open === undefined) return undefined;
    this.open.delete(m.token);
    if (m.found === undefined) {
      emitIomt(this.ctx, { kind: 'iomt-integrity-check', request: open.request, requester: this.requester, requestedUs: open.requestedUs, outcome: m.denied === true ? 'refused' : 'not-found' });
      return false;
    }
    const id = this.queries.ask({ q: 'anchor-root', gateway: m.found.gateway, batch: m.found.batch }, 0);
    this.checking.set(id, { request: open.request, requestedUs: open.requestedUs, record: m.found.record, proof: m.found.proof });
    return true;
  }

  /**
   * Give up the reads their store has not answered within READ_DEADLINE_US, each reported as an
   * 'unanswered' integrity check; call from the owner's periodic timer, so a read is given up
   * within one period after its deadline. A read still within its deadline at the end of the run
   * is reported in no outcome. An answer that comes after its read was given up is ignored.
   */
  giveUpUnanswered(): void {
    const now = this.ctx.nowUs;
    for (const [token, open] of this.open) {
      if (open.requestedUs < 0 || now - open.requestedUs < READ_DEADLINE_US) continue;
      this.open.delete(token);
      emitIomt(this.ctx, { kind: 'iomt-integrity-check', request: open.request, requester: this.requester, requestedUs: open.requestedUs, outcome: 'unanswered' });
    }
  }

  /** A node answer the ledger client did not take: an anchored root completes an integrity check. */
  onAnswer(m: NodeAnswer): void {
    if (!this.queries.answered(m)) return;
    const c = this.checking.get(m.id);
    if (c === undefined || m.body.q !== 'anchor-root') return;
    this.checking.delete(m.id);
    const root = m.body.root;
    // Checking the proof hashes the record and one node per sibling on its path (RFC 9162 §2.1.3.2).
    if (root !== undefined) this.ctx.cpu(merkleProofCostUs(this.crypto, c.proof.path.length, c.record.length));
    const outcome = root === undefined ? 'unanchored' : verifyMerkleProof(root, c.record, c.proof) ? 'valid' : 'invalid';
    emitIomt(this.ctx, { kind: 'iomt-integrity-check', request: c.request, requester: this.requester, requestedUs: c.requestedUs, outcome });
  }
}
