/**
 * Clients of the consortium: clinicians and researchers requesting access to patients' records,
 * patient portals revoking consent, and the hospital administration rotating and revoking device
 * keys. Each acts at Poisson times from its own stream and learns outcomes from its organisation's
 * node by message (node-link.ts), as a real client queries its own peer.
 */
import { exponential, type Actor, type ActorContext, type HostId } from '../../sim/index.ts';
import type { CryptoCosts, KeyRing, Transaction, Verifier } from '../ledger/index.ts';
import type { ReplyMessage } from '../protocols/types.ts';
import { AccessRequester, type AccessTarget } from './access-requester.ts';
import { accessRequestId, consentRevokeCall, deviceRevokeCall, rotateKeyCall } from './application-calls.ts';
import type { RekeyMessage } from './device.ts';
import { emitIomt } from './events.ts';
import { LedgerClient, type LedgerEndpoint, type LedgerOwner } from './ledger-client.ts';
import type { GetReply } from './messages.ts';
import { NodeQueries, type NodeEndpoint } from './node-link.ts';
import type { NodeAnswer, NodeAnswerBody } from './node-messages.ts';
import type { ReaderCredential } from './reader-credential.ts';

const TIMER_ACT = 0;
const TIMER_RETRANSMIT = 1;

interface ClientBase {
  readonly ledger: LedgerEndpoint;
  /** The organisation's node, which this client asks for outcomes. */
  readonly node: NodeEndpoint;
  readonly ratePerHour: number;
}

function nextGapUs(ctx: ActorContext<unknown>, ratePerHour: number): number {
  return Math.max(1, Math.round(exponential(ctx.rng, 3_600_000_000 / ratePerHour)));
}

/**
 * What every consortium client shares: Poisson-timed actions from its own stream, submission through
 * a LedgerClient that retransmits and asks its node for outcomes, and replies routed to it.
 */
abstract class PoissonLedgerClient implements Actor<unknown>, LedgerOwner {
  protected readonly queries: NodeQueries;
  protected readonly ledger: LedgerClient;

  constructor(
    protected readonly ctx: ActorContext<unknown>,
    private readonly base: ClientBase,
  ) {
    this.queries = new NodeQueries(ctx, base.node);
    this.ledger = new LedgerClient(ctx, base.ledger, this.queries, this);
  }

  /** Whether the client has anything to act on at all. */
  protected abstract hasWork(): boolean;
  /** One action at a Poisson time; returns whether to schedule the next. */
  protected abstract act(): boolean;
  /** A submitted transaction was confirmed and, when it asked, its node answered. */
  onLedgerOutcome(_token: number, _tx: Transaction, _height: number, _answer: NodeAnswerBody | undefined): void {}
  /** Node answers to questions other than the ledger client's. */
  protected onOtherAnswer(m: NodeAnswer): void {
    this.queries.answered(m);
  }
  /** Messages other than ledger replies and node answers. */
  protected onOtherMessage(_from: HostId, _msg: unknown): void {}

  onStart(): void {
    this.armTimers();
  }

  /**
   * Back from a crash: its timers were lost with it (sim/actor.ts), so both are set again, the
   * next action a fresh Poisson gap from now (the process is memoryless) and the retransmission
   * period from now. What the client had submitted is retransmitted until confirmed, as a client
   * that keeps its pending requests; reads sent before the crash whose answers were lost with it
   * are given up at their deadline (an access client's periodic check).
   */
  onRecover(): void {
    this.armTimers();
  }

  private armTimers(): void {
    if (this.base.ratePerHour > 0 && this.hasWork()) this.ctx.setTimer(nextGapUs(this.ctx, this.base.ratePerHour), TIMER_ACT);
    this.ctx.setTimer(this.base.ledger.retransmitUs, TIMER_RETRANSMIT);
  }

  onTimer(tag: number): void {
    if (tag === TIMER_RETRANSMIT) {
      this.ledger.retransmit();
      this.ctx.setTimer(this.base.ledger.retransmitUs, TIMER_RETRANSMIT);
      return;
    }
    if (this.act()) this.ctx.setTimer(nextGapUs(this.ctx, this.base.ratePerHour), TIMER_ACT);
  }

  onMessage(from: HostId, msg: unknown): void {
    const kind = (msg as { kind: string }).kind;
    if (kind === 'reply') this.ledger.onReply(from, msg as ReplyMessage);
    else if (kind === 'node-answer') {
      if (!this.ledger.onNodeAnswer(msg as NodeAnswer)) this.onOtherAnswer(msg as NodeAnswer);
    } else this.onOtherMessage(from, msg);
  }
}

export interface AccessClientOptions extends ClientBase {
  readonly role: 'clinician' | 'researcher';
  /** Its pseudonym, certified, and its key, which signs its reads. */
  readonly credential: ReaderCredential;
  readonly verifier: Verifier;
  readonly crypto: CryptoCosts;
  /** Patients this client asks about, with the device whose latest record it reads and that record's store. */
  readonly patients: readonly AccessTarget[];
  /** Probability that a clinician's request is an emergency (break-glass) access. */
  readonly breakGlassProbability: number;
}

export class AccessClient extends PoissonLedgerClient {
  private seq = 0;
  private readonly access: AccessRequester;

  constructor(
    ctx: ActorContext<unknown>,
    private readonly o: AccessClientOptions,
  ) {
    super(ctx, o);
    this.access = new AccessRequester(ctx, this.ledger, this.queries, o.credential, o.verifier, o.crypto, o.role);
  }

  protected hasWork(): boolean {
    return this.o.patients.length > 0;
  }

  protected act(): boolean {
    const ctx = this.ctx;
    const p = this.o.patients[ctx.rng.int(this.o.patients.length)]!;
    const breakGlass = this.o.role === 'clinician' && ctx.rng.float() < this.o.breakGlassProbability;
    const token = this.seq++;
    const purpose = breakGlass ? 'ETREAT' : this.o.role === 'clinician' ? 'TREAT' : 'HRESCH';
    this.access.request(token, accessRequestId(ctx.self, token), p, purpose, breakGlass);
    return true;
  }

  override onTimer(tag: number): void {
    if (tag === TIMER_RETRANSMIT) this.access.giveUpUnanswered();
    super.onTimer(tag);
  }

  protected override onOtherMessage(_from: HostId, msg: unknown): void {
    if ((msg as GetReply).kind === 'get-reply') this.access.onRecord(msg as GetReply);
  }

  /** The request is confirmed and the node answered with its decision: read the record if permitted. */
  override onLedgerOutcome(token: number, tx: Transaction, _height: number, answer: NodeAnswerBody | undefined): void {
    this.access.decided(token, tx, answer);
  }

  protected override onOtherAnswer(m: NodeAnswer): void {
    this.access.onAnswer(m);
  }
}

export interface PortalOptions extends ClientBase {
  /** Consents this portal's patients may revoke: id and patient pseudonym. */
  readonly consents: readonly { readonly consent: string; readonly patient: string }[];
}

/** A patient portal: patients revoke consents at random times (Poisson over the portal). */
export class PatientPortal extends PoissonLedgerClient {
  private readonly remaining: { consent: string; patient: string }[];

  constructor(ctx: ActorContext<unknown>, o: PortalOptions) {
    super(ctx, o);
    this.remaining = [...o.consents];
  }

  protected hasWork(): boolean {
    return this.remaining.length > 0;
  }

  protected act(): boolean {
    const ctx = this.ctx;
    if (this.remaining.length === 0) return false;
    const i = ctx.rng.int(this.remaining.length);
    const c = this.remaining[i]!;
    this.remaining[i] = this.remaining[this.remaining.length - 1]!;
    this.remaining.pop();
    const tx = this.ledger.submit(consentRevokeCall(c.consent, c.patient), 0);
    emitIomt(ctx, { kind: 'iomt-revoke-submitted', consent: c.consent, tx: tx.id, submittedUs: tx.submittedUs });
    return true;
  }
}

export interface AdminOptions extends ClientBase {
  /** Devices this administration manages: registry name and host. */
  readonly devices: readonly { readonly name: string; readonly host: HostId }[];
  /** The key issuer (the crypto model's key ring: it mints the keys of new signer ids). */
  readonly keyRing: KeyRing;
  /** Signer ids reserved for the keys this administration issues: `count` ids from `first`. */
  readonly signerIds: { readonly first: number; readonly count: number };
  /** Fraction of actions that revoke a device instead of rotating its key. */
  readonly revokeFraction: number;
}

/**
 * Hospital administration: rotates device keys (the device switches to the new key once the
 * rotation has committed at the administration's node, so readings signed with the old key after
 * that are refused) and revokes devices (their readings are refused from then on).
 */
export class DeviceAdmin extends PoissonLedgerClient {
  private readonly pendingRekeys: (RekeyMessage & { host: HostId })[] = [];
  private issued = 0;

  constructor(
    ctx: ActorContext<unknown>,
    private readonly o: AdminOptions,
  ) {
    super(ctx, o);
  }

  protected hasWork(): boolean {
    return this.o.devices.length > 0;
  }

  protected act(): boolean {
    const ctx = this.ctx;
    const d = this.o.devices[ctx.rng.int(this.o.devices.length)]!;
    if (ctx.rng.float() < this.o.revokeFraction) {
      this.ledger.submit(deviceRevokeCall(d.name, 'revoked'), -1);
    } else {
      if (this.issued >= this.o.signerIds.count) throw new Error(`administration ${ctx.self}: its ${this.o.signerIds.count} signer ids are used up`);
      const key = this.o.keyRing.issue(this.o.signerIds.first + this.issued++);
      this.pendingRekeys.push({ kind: 'rekey', key, host: d.host });
      this.ledger.submit(rotateKeyCall(d.name, String(key.signer)), this.pendingRekeys.length - 1, { q: 'height' });
    }
    return true;
  }

  /** A key rotation committed at the administration's node: hand the device its new key. */
  override onLedgerOutcome(token: number): void {
    const r = this.pendingRekeys[token];
    if (r === undefined) return;
    this.ctx.send(r.host, { kind: 'rekey', key: r.key } satisfies RekeyMessage, 96);
  }
}
